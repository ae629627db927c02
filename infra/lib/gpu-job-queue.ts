import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface GpuJobQueueProps {
  readonly vpc: ec2.IVpc;
  /**
   * Instance types to launch; each should carry 4 GPUs so one instance trains 4 members at once.
   * @default ['g5.12xlarge']
   */
  readonly instanceTypes?: readonly string[];
  /**
   * Spot (SPOT_PRICE_CAPACITY_OPTIMIZED; members resume from checkpoints when reclaimed) or On-Demand.
   * @default true
   */
  readonly spot?: boolean;
  /**
   * Upper bound on vCPUs running at once; the environment scales to zero when the queue is empty.
   * @default 96 (two g5.12xlarge)
   */
  readonly maxvCpus?: number;
}

/**
 * A managed EC2 compute environment of GPU instances on the ECS Amazon Linux 2023 NVIDIA AMI, scaling
 * from 0 vCPUs, launched with IMDSv2 required at hop limit 1, and the job queue in front of it.
 */
export class GpuJobQueue extends Construct {
  public readonly computeEnvironment: batch.ManagedEc2EcsComputeEnvironment;
  public readonly jobQueue: batch.JobQueue;
  /** IMDSv2 with hop limit 1 for every instance the environment launches. */
  public readonly launchTemplate: ec2.LaunchTemplate;

  constructor(scope: Construct, id: string, props: GpuJobQueueProps) {
    super(scope, id);
    const instanceTypes = props.instanceTypes ?? ['g5.12xlarge'];
    const maxvCpus = props.maxvCpus ?? 96;
    if (instanceTypes.length === 0 || instanceTypes.some((type) => !/^[a-z0-9-]+\.[a-z0-9]+$/.test(type))) {
      throw new Error(
        `GpuJobQueue: instanceTypes must be EC2 instance type names like 'g5.12xlarge', got ${JSON.stringify(instanceTypes)}`,
      );
    }
    if (!Number.isInteger(maxvCpus) || maxvCpus < 1) {
      throw new Error(`GpuJobQueue: maxvCpus must be a whole number >= 1, got ${maxvCpus}`);
    }
    const spot = props.spot ?? true;
    // IMDSv2 only, one hop: the host reads its metadata; a container (one hop further) cannot take the
    // instance role's credentials and gets its job role from the ECS agent instead.
    this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      requireImdsv2: true,
      httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
      httpPutResponseHopLimit: 1,
    });
    this.computeEnvironment = new batch.ManagedEc2EcsComputeEnvironment(this, 'ComputeEnvironment', {
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      instanceTypes: instanceTypes.map((type) => new ec2.InstanceType(type)),
      useOptimalInstanceClasses: false,
      images: [{ imageType: batch.EcsMachineImageType.ECS_AL2023_NVIDIA }],
      spot,
      allocationStrategy: spot
        ? batch.AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED
        : batch.AllocationStrategy.BEST_FIT_PROGRESSIVE,
      minvCpus: 0,
      maxvCpus,
      launchTemplate: this.launchTemplate,
    });
    this.jobQueue = new batch.JobQueue(this, 'JobQueue', {
      computeEnvironments: [{ computeEnvironment: this.computeEnvironment, order: 1 }],
    });
  }
}
