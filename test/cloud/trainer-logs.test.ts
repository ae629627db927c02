import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { readTrainerLogs, type TrainerLogLine } from '../../src/cloud/trainer-logs';
import { mockAws, type MockedAws, mockedClients } from './mocked-aws';

describe('readTrainerLogs (CloudWatch Logs mocked)', () => {
  let aws: MockedAws;
  beforeEach(() => (aws = mockAws()));
  afterEach(() => Object.values(aws).forEach((mock) => mock.restore()));

  it('reads each attempt from its start, page by page, until the forward token repeats', async () => {
    aws.logs
      .on(GetLogEventsCommand, { logStreamName: 'first', nextToken: undefined })
      .resolves({ events: [{ timestamp: 1, message: 'epoch 1' }], nextForwardToken: 'f/1' })
      .on(GetLogEventsCommand, { logStreamName: 'first', nextToken: 'f/1' })
      .resolves({
        events: [{ timestamp: 2, message: 'SIGTERM: checkpoint written' }],
        nextForwardToken: 'f/2',
      })
      .on(GetLogEventsCommand, { logStreamName: 'first', nextToken: 'f/2' })
      .resolves({ events: [], nextForwardToken: 'f/2' })
      .on(GetLogEventsCommand, { logStreamName: 'second' })
      .resolves({ events: [{ timestamp: 3, message: 'resumed at epoch 2' }], nextForwardToken: undefined });
    const lines: TrainerLogLine[] = [];
    for await (const line of readTrainerLogs(mockedClients().logs, 'group', ['first', 'second']))
      lines.push(line);
    expect(lines).toEqual([
      { attempt: 1, timestamp: new Date(1), message: 'epoch 1' },
      { attempt: 1, timestamp: new Date(2), message: 'SIGTERM: checkpoint written' },
      { attempt: 2, timestamp: new Date(3), message: 'resumed at epoch 2' },
    ]);
    const calls = aws.logs.commandCalls(GetLogEventsCommand).map((call) => call.args[0].input);
    expect(calls.every((input) => input.logGroupName === 'group' && input.startFromHead === true)).toBe(true);
  });
});
