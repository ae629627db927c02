import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { NotFoundError } from '../../src/errors';
import { readRunStatus } from '../../src/cloud/run-status';
import { memberLogStreams } from '../../src/cloud/training-children';
import {
  describeArrayJob,
  mockAws,
  type MockedAws,
  mockedClients,
  STATE_MACHINE_ARN,
  stackOutputs,
  trainingHistory,
} from './mocked-aws';

const EXECUTION_ARN = 'arn:aws:states:eu-west-1:123456789012:execution:WorkflowStateMachine1A2B:10845026-abc';

describe('readRunStatus (Step Functions and Batch mocked)', () => {
  let aws: MockedAws;
  beforeEach(() => {
    aws = mockAws();
    aws.stepFunctions.on(DescribeExecutionCommand, { executionArn: EXECUTION_ARN }).resolves({
      executionArn: EXECUTION_ARN,
      name: '10845026-abc',
      status: 'RUNNING',
      startDate: new Date('2025-03-03T06:00:04Z'),
      stateMachineArn: STATE_MACHINE_ARN,
    });
  });
  afterEach(() => Object.values(aws).forEach((mock) => mock.restore()));

  it('reads the run id and Batch job from the history, and each member with its attempts', async () => {
    aws.stepFunctions
      .on(GetExecutionHistoryCommand)
      .resolves({ events: trainingHistory('10845026-abc', 'job-1') });
    describeArrayJob(aws, 'job-1', [
      {
        status: 'RUNNING',
        attempts: [
          {
            container: { logStreamName: 'trainer/default/a1', exitCode: 137 },
            statusReason: 'Host EC2 (instance i-1) terminated.',
          },
        ],
        container: { logStreamName: 'trainer/default/a2' },
      },
      {
        status: 'SUCCEEDED',
        attempts: [{ container: { logStreamName: 'trainer/default/b1', exitCode: 0 } }],
      },
    ]);
    const status = await readRunStatus(mockedClients(), stackOutputs(), '10845026-abc');
    expect(status.execution).toMatchObject({
      executionName: '10845026-abc',
      status: 'RUNNING',
      runId: '10845026-abc',
      store: 's3://deepastro-data',
      trainingJobId: 'job-1',
    });
    expect(
      status.children.map(({ member, status: state, attempts, exitCode }) => ({
        member,
        state,
        attempts,
        exitCode,
      })),
    ).toEqual([
      { member: 0, state: 'RUNNING', attempts: 1, exitCode: 137 },
      { member: 1, state: 'SUCCEEDED', attempts: 1, exitCode: 0 },
    ]);
    expect(status.children[0].logStreams).toEqual(['trainer/default/a1', 'trainer/default/a2']);
  });

  it('reads every page of a long history', async () => {
    const [started, resolved, submitted] = trainingHistory('10845026-abc', 'job-2');
    aws.stepFunctions
      .on(GetExecutionHistoryCommand, { nextToken: undefined })
      .resolves({ events: [started, resolved], nextToken: 'page-2' })
      .on(GetExecutionHistoryCommand, { nextToken: 'page-2' })
      .resolves({ events: [submitted] });
    describeArrayJob(aws, 'job-2', [{ status: 'RUNNABLE' }]);
    const status = await readRunStatus(mockedClients(), stackOutputs(), EXECUTION_ARN);
    expect(status.execution.trainingJobId).toBe('job-2');
    expect(status.children).toMatchObject([{ member: 0, status: 'RUNNABLE', attempts: 0, logStreams: [] }]);
  });

  it('has no children before Train has submitted its job', async () => {
    aws.stepFunctions
      .on(GetExecutionHistoryCommand)
      .resolves({ events: trainingHistory('r', 'j').slice(0, 2) });
    const status = await readRunStatus(mockedClients(), stackOutputs(), '10845026-abc');
    expect(status.execution.trainingJobId).toBeUndefined();
    expect(status.children).toEqual([]);
  });

  it('says which members exist when asked for the log of one that does not', async () => {
    describeArrayJob(aws, 'job-3', [{}, {}]);
    await expect(memberLogStreams(mockedClients().batch, 'job-3', 4)).rejects.toThrow(
      new NotFoundError('member 4 is not in job job-3, which has 2 member(s)'),
    );
  });
});
