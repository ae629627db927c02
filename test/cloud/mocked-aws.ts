import { BatchClient, DescribeJobsCommand, type JobDetail } from '@aws-sdk/client-batch';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import type { CloudClients } from '../../src/cloud/cloud-clients';
import { STACK_OUTPUT_KEYS, type StackOutputs } from '../../src/cloud/stack-outputs';

/**
 * Stand-ins for the AWS services no test can run (CloudFormation, Step Functions, Batch, CloudWatch
 * Logs). mockClient patches every instance of each client class, including those the CLI creates.
 */
export function mockAws() {
  return {
    cloudFormation: mockClient(CloudFormationClient),
    stepFunctions: mockClient(SFNClient),
    batch: mockClient(BatchClient),
    logs: mockClient(CloudWatchLogsClient),
  };
}
export type MockedAws = ReturnType<typeof mockAws>;

export const STATE_MACHINE_ARN =
  'arn:aws:states:eu-west-1:123456789012:stateMachine:WorkflowStateMachine1A2B';

export function stackOutputs(bucket = 'deepastro-data'): StackOutputs {
  return {
    stackName: 'DeepAstroUda',
    stateMachineArn: STATE_MACHINE_ARN,
    dataBucketName: bucket,
    storeUri: `s3://${bucket}`,
    jobQueueArn: 'arn:aws:batch:eu-west-1:123456789012:job-queue/GpuQueue',
    trainerLogGroupName: 'DeepAstroUda-TrainerLogs',
  };
}

/** DescribeStacks answers with the outputs of a deployed stack. */
export function deployStack(aws: MockedAws, outputs: StackOutputs = stackOutputs()): void {
  aws.cloudFormation.on(DescribeStacksCommand, { StackName: outputs.stackName }).resolves({
    Stacks: [
      {
        StackName: outputs.stackName,
        CreationTime: new Date(),
        StackStatus: 'UPDATE_COMPLETE',
        Outputs: Object.entries(STACK_OUTPUT_KEYS).map(([field, key]) => ({
          OutputKey: key,
          OutputValue: outputs[field as keyof typeof STACK_OUTPUT_KEYS],
        })),
      },
    ],
  });
}

/** The history events describeRunExecution reads: ResolveRelease's output and the Batch submit. */
export function trainingHistory(runId: string, jobId: string, store = 's3://deepastro-data'): HistoryEvent[] {
  const at = new Date('2025-03-03T06:00:05Z');
  return [
    { id: 1, timestamp: at, type: 'ExecutionStarted' },
    {
      id: 5,
      timestamp: at,
      type: 'TaskStateExited',
      stateExitedEventDetails: {
        name: 'ResolveRelease',
        output: JSON.stringify({ release: { runId, store } }),
      },
    },
    {
      id: 20,
      timestamp: at,
      type: 'TaskSubmitted',
      taskSubmittedEventDetails: {
        resourceType: 'batch',
        resource: 'submitJob.sync',
        output: JSON.stringify({ JobId: jobId, JobName: `deepastro-${runId}` }),
      },
    },
  ];
}

/** An array job of `children` and its children, as DescribeJobs returns them. */
export function describeArrayJob(aws: MockedAws, jobId: string, children: Partial<JobDetail>[]): void {
  const job = (detail: Partial<JobDetail>): JobDetail =>
    ({
      jobName: 'deepastro-run',
      jobQueue: 'q',
      status: 'RUNNING',
      startedAt: 0,
      jobDefinition: 'd',
      ...detail,
    }) as JobDetail;
  aws.batch.on(DescribeJobsCommand, { jobs: [jobId] }).resolves({
    jobs: [job({ jobId, status: 'RUNNING', arrayProperties: { size: children.length } })],
  });
  aws.batch.on(DescribeJobsCommand, { jobs: children.map((_child, index) => `${jobId}:${index}`) }).resolves({
    jobs: children.map((child, index) =>
      job({ jobId: `${jobId}:${index}`, arrayProperties: { index }, ...child }),
    ),
  });
}

/** The clients of CloudClients; with mockAws active every call reaches the mocks. */
export function mockedClients(): CloudClients {
  return {
    cloudFormation: new CloudFormationClient({ region: 'eu-west-1' }),
    stepFunctions: new SFNClient({ region: 'eu-west-1' }),
    batch: new BatchClient({ region: 'eu-west-1' }),
    logs: new CloudWatchLogsClient({ region: 'eu-west-1' }),
  };
}
