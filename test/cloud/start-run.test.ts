import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { configHash } from '../../src/config/config-hash';
import { resolveConfig } from '../../src/config/run-config';
import { InvalidConfigError } from '../../src/errors';
import { executionArnFor, executionNameFor } from '../../src/cloud/execution-name';
import { startRun } from '../../src/cloud/start-run';
import { mockAws, type MockedAws, STATE_MACHINE_ARN, stackOutputs } from './mocked-aws';

const config = resolveConfig(
  {
    task: '3class',
    data: {
      source: { kind: 'zenodo', record: '10845026', file: 'Galaxy10_SDSS.h5' },
      target: { kind: 'zenodo', record: '10845026', file: 'Galaxy10_DECals.h5' },
    },
  },
  { gpu: true },
);

describe('execution names', () => {
  it('is the run id ResolveRelease derives: record id and config hash', () => {
    expect(executionNameFor('10845026', config)).toBe(`10845026-${configHash(config)}`);
    expect(executionNameFor('10845026', { ...config })).toBe(executionNameFor('10845026', config));
  });

  it('refuses a record that is not a Zenodo id', () => {
    expect(() => executionNameFor('galaxy10', config)).toThrow(InvalidConfigError);
  });

  it('builds the execution ARN from the state machine ARN and passes an ARN through', () => {
    expect(executionArnFor(STATE_MACHINE_ARN, 'run-1')).toBe(
      'arn:aws:states:eu-west-1:123456789012:execution:WorkflowStateMachine1A2B:run-1',
    );
    expect(executionArnFor(STATE_MACHINE_ARN, 'arn:aws:states:x:1:execution:a:b')).toBe(
      'arn:aws:states:x:1:execution:a:b',
    );
    expect(() => executionArnFor(STATE_MACHINE_ARN, 'no spaces')).toThrow(InvalidConfigError);
  });
});

describe('startRun (Step Functions mocked)', () => {
  let aws: MockedAws;
  const stepFunctions = () => new SFNClient({ region: 'eu-west-1' });
  const name = executionNameFor('10845026', config);
  const arn = executionArnFor(STATE_MACHINE_ARN, name);

  beforeEach(() => (aws = mockAws()));
  afterEach(() => Object.values(aws).forEach((mock) => mock.restore()));

  it('starts a named execution with the record, the stack store and the resolved config', async () => {
    aws.stepFunctions.on(StartExecutionCommand).resolves({ executionArn: arn, startDate: new Date(1000) });
    const run = await startRun({
      stepFunctions: stepFunctions(),
      outputs: stackOutputs(),
      recordId: '10845026',
      config,
    });
    expect(run).toEqual({
      executionName: name,
      executionArn: arn,
      startDate: new Date(1000),
      alreadyExisted: false,
      status: 'RUNNING',
    });
    const input = aws.stepFunctions.commandCalls(StartExecutionCommand)[0].args[0].input;
    expect(input.stateMachineArn).toBe(STATE_MACHINE_ARN);
    expect(input.name).toBe(name);
    expect(JSON.parse(input.input ?? '')).toEqual({
      recordId: '10845026',
      store: 's3://deepastro-data',
      config,
    });
  });

  it('reports the existing execution when the same record and config were started before', async () => {
    aws.stepFunctions
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: `Execution Already Exists: '${arn}'`, $metadata: {} }));
    aws.stepFunctions.on(DescribeExecutionCommand, { executionArn: arn }).resolves({
      executionArn: arn,
      status: 'SUCCEEDED',
      startDate: new Date(5),
      stateMachineArn: STATE_MACHINE_ARN,
    });
    const run = await startRun({
      stepFunctions: stepFunctions(),
      outputs: stackOutputs(),
      recordId: '10845026',
      config,
    });
    expect(run).toMatchObject({ executionArn: arn, alreadyExisted: true, status: 'SUCCEEDED' });
  });

  it('without a config sends none, as a scheduled start does, and names the run by the empty config', async () => {
    aws.stepFunctions.on(StartExecutionCommand).resolves({ executionArn: 'arn', startDate: new Date(1) });
    const run = await startRun({
      stepFunctions: stepFunctions(),
      outputs: stackOutputs(),
      recordId: '7473597',
    });
    expect(run.executionName).toBe(`7473597-${configHash({})}`);
    const input = aws.stepFunctions.commandCalls(StartExecutionCommand)[0].args[0].input;
    expect(JSON.parse(input.input ?? '')).toEqual({ recordId: '7473597', store: 's3://deepastro-data' });
  });
});
