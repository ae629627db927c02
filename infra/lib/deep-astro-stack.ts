import { grantStoreWrites, STORE_TEMPORARIES } from './store-access';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DataBucket } from './data-bucket';
import { GpuJobQueue } from './gpu-job-queue';
import { acknowledgeNagFindings } from './nag-acknowledgments';
import { RetrainingSchedule } from './retraining-schedule';
import { RunNotifications } from './run-notifications';
import { readStackConfig, type StackConfig } from './stack-config';
import { DEFAULT_STACK_NAME, STACK_OUTPUT_KEYS } from '../../src/cloud/stack-contract';
import { TrainerImage } from './trainer-image';
import { TrainerJobDefinition } from './trainer-job-definition';
import { TrainingNetwork } from './training-network';
import { WorkflowFunctions } from './workflow-functions';
import { WorkflowStateMachine } from './workflow-state-machine';

/** The stack name the cloud commands find their outputs by. */
export const STACK_NAME = DEFAULT_STACK_NAME;

export interface DeepAstroStackProps extends StackProps {
  /**
   * Settings; read from CDK context when absent.
   * @default readStackConfig(this.node)
   */
  readonly config?: StackConfig;
  /**
   * Folder with the Lambda handler sources.
   * @default src/handlers of this repository
   */
  readonly handlersDirectory?: string;
}

/** Everything DESIGN.md "Cloud resources" lists, wired together. Idle, only the buckets cost money. */
export class DeepAstroStack extends Stack {
  public readonly data: DataBucket;
  public readonly functions: WorkflowFunctions;
  public readonly jobDefinition: TrainerJobDefinition;
  public readonly gpuQueue: GpuJobQueue;
  public readonly workflow: WorkflowStateMachine;
  public readonly notifications: RunNotifications;
  public readonly schedule?: RetrainingSchedule;

  constructor(scope: Construct, id: string, props: DeepAstroStackProps = {}) {
    super(scope, id, props);
    const config = props.config ?? readStackConfig(this.node);
    const logRetention = retentionDays(config.logRetentionDays);

    this.data = new DataBucket(this, 'Data', { checkpointVersionDays: config.checkpointVersionDays });
    const network = new TrainingNetwork(this, 'Network');
    this.gpuQueue = new GpuJobQueue(this, 'Gpu', {
      vpc: network.vpc,
      instanceTypes: config.instanceTypes,
      spot: config.spot,
      maxvCpus: config.maxvCpus,
    });
    this.jobDefinition = new TrainerJobDefinition(this, 'Trainer', {
      image: new TrainerImage(this, 'TrainerImage').image,
      vcpus: config.memberVcpus,
      memoryMiB: config.memberMemoryMiB,
      sharedMemoryMiB: config.sharedMemoryMiB,
      timeout: Duration.hours(config.jobTimeoutHours),
      attempts: config.jobAttempts,
      logRetention,
    });
    this.data.bucket.grantRead(this.jobDefinition.jobRole);
    // Old checkpoint sequences, the member lease and upload temporaries; never an object version.
    grantStoreWrites(this.data.bucket, this.jobDefinition.jobRole, {
      put: ['runs/*', STORE_TEMPORARIES],
      delete: ['runs/*', STORE_TEMPORARIES],
    });

    this.functions = new WorkflowFunctions(this, 'Functions', {
      dataBucket: this.data.bucket,
      handlersDirectory: props.handlersDirectory,
      defaultRunConfig: config.scheduleConfig,
      logRetention,
    });
    this.notifications = new RunNotifications(this, 'Notifications', {
      email: config.notificationEmail || undefined,
    });
    this.workflow = new WorkflowStateMachine(this, 'Workflow', {
      targets: {
        functions: this.functions.functions,
        jobQueue: this.gpuQueue.jobQueue,
        jobDefinition: this.jobDefinition.jobDefinition,
        notificationTopic: this.notifications.topic,
      },
      ingestConcurrency: config.ingestConcurrency,
      logRetention,
    });

    if (config.zenodoConceptRecordId) {
      this.schedule = new RetrainingSchedule(this, 'Retraining', {
        stateMachine: this.workflow.stateMachine,
        conceptRecordId: config.zenodoConceptRecordId,
        store: this.data.bucket.s3UrlForObject(),
        config: config.scheduleConfig,
        expression: config.scheduleCron,
        enabled: config.scheduleEnabled,
      });
    }

    acknowledgeNagFindings(this);
    const outputs = STACK_OUTPUT_KEYS;
    new CfnOutput(this, outputs.stateMachineArn, { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, outputs.dataBucketName, { value: this.data.bucket.bucketName });
    new CfnOutput(this, outputs.storeUri, { value: this.data.bucket.s3UrlForObject() });
    new CfnOutput(this, outputs.jobQueueArn, { value: this.gpuQueue.jobQueue.jobQueueArn });
    new CfnOutput(this, outputs.trainerLogGroupName, { value: this.jobDefinition.logGroup.logGroupName });
    new CfnOutput(this, 'NotificationTopicArn', { value: this.notifications.topic.topicArn });
  }
}

function retentionDays(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter(
    (value): value is number => typeof value === 'number',
  );
  const match = allowed.find((value) => value === days);
  if (match === undefined) {
    throw new Error(
      `logRetentionDays must be one of CloudWatch's values (${allowed.join(', ')}), got ${days}`,
    );
  }
  return match as logs.RetentionDays;
}
