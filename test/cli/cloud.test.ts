import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { buildProgram } from '../../src/cli/program';
import { reportCliError } from '../../src/cli/report-error';
import { openStore } from '../../src/storage/open-store';
import {
  deployStack,
  describeArrayJob,
  mockAws,
  type MockedAws,
  STATE_MACHINE_ARN,
  stackOutputs,
  trainingHistory,
} from '../cloud/mocked-aws';
import { type RunningS3rver, startS3rver } from '../storage/s3rver-harness';

const RUN = '10845026-0123456789ab';
const EXECUTION_ARN = `arn:aws:states:eu-west-1:123456789012:execution:WorkflowStateMachine1A2B:${RUN}`;

describe('deepastro-uda cloud (AWS mocked, S3 on s3rver)', () => {
  let aws: MockedAws;
  let s3: RunningS3rver;
  let out: string[];
  let folder: string;

  beforeAll(async () => (s3 = await startS3rver('deepastro-cloud-cli')));
  afterAll(async () => s3.stop());
  beforeEach(async () => {
    aws = mockAws();
    deployStack(aws, stackOutputs(s3.bucket));
    folder = await mkdtemp(path.join(os.tmpdir(), 'cloud-cli-'));
    out = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    jest.spyOn(console, 'error').mockImplementation((line: string) => void out.push(line));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    Object.values(aws).forEach((mock) => mock.restore());
    await rm(folder, { recursive: true, force: true });
  });

  const run = async (...args: string[]) =>
    (await buildProgram())
      .exitOverride()
      .configureOutput({ writeOut: (text) => void out.push(text), writeErr: (text) => void out.push(text) })
      .parseAsync(['node', 'deepastro-uda', 'cloud', ...args, '--region', 'eu-west-1']);

  function describeRun(status = 'RUNNING') {
    aws.stepFunctions.on(DescribeExecutionCommand, { executionArn: EXECUTION_ARN }).resolves({
      executionArn: EXECUTION_ARN,
      name: RUN,
      status: status as 'RUNNING',
      startDate: new Date('2025-03-03T06:00:04Z'),
      stateMachineArn: STATE_MACHINE_ARN,
    });
    aws.stepFunctions.on(GetExecutionHistoryCommand).resolves({
      events: trainingHistory(RUN, 'job-7', `s3://${s3.bucket}`),
    });
  }

  it.each(['start', 'status', 'logs', 'results', 'list'])(
    '%s --help explains the command and --stack',
    async (name) => {
      const cloud = (await buildProgram()).commands.find((command) => command.name() === 'cloud');
      const help = cloud?.commands.find((command) => command.name() === name)?.helpInformation() ?? '';
      expect(help).toMatch(
        new RegExp(`^Usage: deepastro-uda cloud ${name} [\\s\\S]*--stack <name>[\\s\\S]*--region`),
      );
    },
  );

  it('start: names the execution after the record and config, and prints how to follow it', async () => {
    aws.stepFunctions
      .on(StartExecutionCommand)
      .resolves({ executionArn: 'arn:x', startDate: new Date('2025-03-03T06:00:04Z') });
    const config = path.join(folder, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        task: '3class',
        data: {
          source: { kind: 'zenodo', record: '10845026', file: 'Galaxy10_SDSS.h5' },
          target: { kind: 'zenodo', record: '10845026', file: 'Galaxy10_DECals.h5' },
        },
      }),
    );
    await run('start', '--record', '10845026', '--config', config);
    const name = aws.stepFunctions.commandCalls(StartExecutionCommand)[0].args[0].input.name ?? '';
    expect(name).toMatch(/^10845026-[0-9a-f]{12}$/);
    expect(out).toEqual([
      `started ${name} (RUNNING, started 2025-03-03T06:00:04Z)`,
      '  execution arn:x',
      `  follow    deepastro-uda cloud status ${name}`,
    ]);
  });

  it('status: the execution, then one row per member with status, attempts and exit code', async () => {
    describeRun();
    describeArrayJob(aws, 'job-7', [
      {
        status: 'RUNNING',
        attempts: [{ container: { exitCode: 137 }, statusReason: 'Host EC2 terminated.' }],
      },
      {
        status: 'SUCCEEDED',
        attempts: [{ container: { exitCode: 0 } }],
        statusReason: 'Essential container in task exited',
      },
    ]);
    await run('status', RUN);
    expect(out.join('\n')).toBe(
      [
        'EXECUTION              STATUS   STARTED               STOPPED  RUN ID',
        `${RUN}  RUNNING  2025-03-03T06:00:04Z  -        ${RUN}`,
        '\ntraining: Batch array job job-7',
        'MEMBER  STATUS     ATTEMPTS  EXIT  REASON',
        '0       RUNNING    1         137   -',
        '1       SUCCEEDED  1         0     Essential container in task exited',
      ].join('\n'),
    );
  });

  it("logs: the member's lines from its log streams in the stack's trainer log group", async () => {
    describeRun();
    describeArrayJob(aws, 'job-7', [{}, { container: { logStreamName: 'trainer/default/m1' } }]);
    aws.logs
      .on(GetLogEventsCommand, {
        logGroupName: 'DeepAstroUda-TrainerLogs',
        logStreamName: 'trainer/default/m1',
      })
      .resolves({ events: [{ timestamp: 1, message: '{"level":30,"msg":"epoch finished"}' }] });
    await run('logs', RUN, '--member', '1');
    expect(out).toEqual(['{"level":30,"msg":"epoch finished"}']);
  });

  it('results: downloads summary.json and the report from the bucket', async () => {
    describeRun('SUCCEEDED');
    const store = openStore(`s3://${s3.bucket}`);
    await store.put(`runs/${RUN}/summary.json`, '{"runId":"x"}');
    await store.put(`runs/${RUN}/report/index.html`, '<html/>');
    await run('results', RUN, '--out', folder);
    expect(out.at(-1)).toBe(
      `downloaded 2 files (20 bytes); open ${path.join(folder, 'report', 'index.html')}`,
    );
    expect(await readFile(path.join(folder, 'summary.json'), 'utf8')).toBe('{"runId":"x"}');
  });

  it('list: the newest executions as a table', async () => {
    aws.stepFunctions.on(ListExecutionsCommand, { stateMachineArn: STATE_MACHINE_ARN }).resolves({
      executions: [
        {
          executionArn: 'a',
          stateMachineArn: STATE_MACHINE_ARN,
          name: RUN,
          status: 'RUNNING',
          startDate: new Date('2025-03-03T06:00:04Z'),
        },
      ],
    });
    await run('list');
    expect(out).toEqual([
      [
        'RUN                    STATUS   STARTED               STOPPED',
        `${RUN}  RUNNING  2025-03-03T06:00:04Z  -`,
      ].join('\n'),
    ]);
  });

  it('fails with one line when the stack is not deployed', async () => {
    aws.cloudFormation
      .on(DescribeStacksCommand, { StackName: 'Missing' })
      .rejects(Object.assign(new Error('Stack with id Missing does not exist'), { name: 'ValidationError' }));
    const code = await run('list', '--stack', 'Missing').then(() => 0, reportCliError);
    expect(code).toBe(2);
    expect(out.at(-1)).toMatch(/^deepastro-uda: NotFoundError: stack Missing /);
  });
});
