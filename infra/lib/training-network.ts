import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface TrainingNetworkProps {
  /**
   * Availability zones to spread GPU capacity over; more zones find Spot capacity more often.
   * @default 3 (CDK uses 2 for an environment-agnostic stack)
   */
  readonly maxAzs?: number;
}

/**
 * A VPC of public subnets only: no NAT gateway, so it costs nothing while idle. Instances reach ECR
 * and CloudWatch through their public address and S3 through a free gateway endpoint; the security
 * group the compute environment creates admits no inbound traffic.
 */
export class TrainingNetwork extends Construct {
  public readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: TrainingNetworkProps = {}) {
    super(scope, id);
    const maxAzs = props.maxAzs ?? 3;
    if (!Number.isInteger(maxAzs) || maxAzs < 1) {
      throw new Error(`TrainingNetwork: maxAzs must be a whole number >= 1, got ${maxAzs}`);
    }
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs,
      natGateways: 0,
      subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(
        new logs.LogGroup(this, 'FlowLogs', { retention: logs.RetentionDays.ONE_MONTH }),
      ),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });
  }
}
