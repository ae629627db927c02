import { Duration, Size } from 'aws-cdk-lib';
import { TRAINER_RETRY_EXIT_CODE } from '../../src/cloud/stack-contract';
import { TRAINER_COMMAND } from '../../src/run/trainer-job';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export { TRAINER_RETRY_EXIT_CODE };

/** Batch's rules, in order: retry what a new attempt can fix, stop on anything else. */
export const TRAINER_RETRY_STRATEGIES = [
  batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.SPOT_INSTANCE_RECLAIMED),
  batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.CANNOT_PULL_CONTAINER),
  batch.RetryStrategy.of(
    batch.Action.RETRY,
    batch.Reason.custom({ onExitCode: String(TRAINER_RETRY_EXIT_CODE) }),
  ),
  batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.custom({ onReason: '*' })),
];

export interface TrainerJobDefinitionProps {
  readonly image: ecs.ContainerImage;
  /**
   * vCPUs per array child (one member); 4 children should fit one instance.
   * @default 11 (a g5.12xlarge has 48)
   */
  readonly vcpus?: number;
  /**
   * Memory per array child in MiB.
   * @default 45056 (44 GiB; a g5.12xlarge has 192 GiB)
   */
  readonly memoryMiB?: number;
  /**
   * /dev/shm per child in MiB; TensorFlow's input pipeline uses it.
   * @default 8192
   */
  readonly sharedMemoryMiB?: number;
  /**
   * Wall-clock limit of one attempt.
   * @default Duration.hours(12)
   */
  readonly timeout?: Duration;
  /**
   * Attempts per child, counting the first; only the RETRY rules above use them.
   * @default 3
   */
  readonly attempts?: number;
  /**
   * Retention of the trainer's log group.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/** One GPU, memory, shared memory, a timeout, awslogs logging and Spot-aware retries per member. */
export class TrainerJobDefinition extends Construct {
  public readonly jobDefinition: batch.EcsJobDefinition;
  public readonly container: batch.EcsEc2ContainerDefinition;
  public readonly logGroup: logs.LogGroup;
  /** The role the trainer runs as; grant it the data bucket. */
  public readonly jobRole: iam.Role;

  constructor(scope: Construct, id: string, props: TrainerJobDefinitionProps) {
    super(scope, id);
    const vcpus = props.vcpus ?? 11;
    const memoryMiB = props.memoryMiB ?? 45056;
    const sharedMemoryMiB = props.sharedMemoryMiB ?? 8192;
    const attempts = props.attempts ?? 3;
    for (const [name, value] of Object.entries({ vcpus, memoryMiB, sharedMemoryMiB, attempts })) {
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(`TrainerJobDefinition: ${name} must be a whole number >= 1, got ${value}`);
      }
    }
    if (attempts > 10) {
      throw new Error(`TrainerJobDefinition: attempts must be at most 10 (a Batch limit), got ${attempts}`);
    }
    if (sharedMemoryMiB >= memoryMiB) {
      throw new Error(
        `TrainerJobDefinition: sharedMemoryMiB (${sharedMemoryMiB}) must be below memoryMiB (${memoryMiB})`,
      );
    }
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });
    this.jobRole = new iam.Role(this, 'JobRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    });
    this.container = new batch.EcsEc2ContainerDefinition(this, 'Container', {
      image: props.image,
      jobRole: this.jobRole,
      gpu: 1,
      cpu: vcpus,
      memory: Size.mebibytes(memoryMiB),
      command: [...TRAINER_COMMAND],
      environment: { LOG_LEVEL: 'info' },
      linuxParameters: new batch.LinuxParameters(this, 'LinuxParameters', {
        sharedMemorySize: Size.mebibytes(sharedMemoryMiB),
        initProcessEnabled: true,
      }),
      logging: ecs.LogDriver.awsLogs({ streamPrefix: 'trainer', logGroup: this.logGroup }),
    });
    this.jobDefinition = new batch.EcsJobDefinition(this, 'JobDefinition', {
      container: this.container,
      timeout: props.timeout ?? Duration.hours(12),
      retryAttempts: attempts,
      retryStrategies: TRAINER_RETRY_STRATEGIES,
    });
  }
}
