/**
 * What the CDK stack and the cloud commands agree on, in a file without imports so infra can use it
 * without loading the AWS SDK.
 */

/** The stack `cdk deploy` creates (infra/bin/app.ts); the cloud commands find everything through it. */
export const DEFAULT_STACK_NAME = 'DeepAstroUda';

/** CfnOutput ids of the stack, each mapped to the field the cloud commands read it into. */
export const STACK_OUTPUT_KEYS = {
  stateMachineArn: 'StateMachineArn',
  dataBucketName: 'DataBucketName',
  storeUri: 'StoreUri',
  jobQueueArn: 'JobQueueArn',
  trainerLogGroupName: 'TrainerLogGroupName',
} as const;

/**
 * Exit code of a trainer stopped by SIGTERM/SIGINT after writing its checkpoint: "run me again"
 * (EX_TEMPFAIL). The Batch job definition retries it; the train command returns it.
 */
export const TRAINER_RETRY_EXIT_CODE = 75;
