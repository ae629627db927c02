import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DeepAstroStack } from '../../infra/lib/deep-astro-stack';
import { GpuJobQueue } from '../../infra/lib/gpu-job-queue';
import { readStackConfig } from '../../infra/lib/stack-config';
import { STATE } from '../../workflows/definition';
import { resolveConfig } from '../../src/config/run-config';
import { DEFAULT_RUN_CONFIG_VARIABLE } from '../../src/handlers/handler-environment';

const HANDLERS = path.join(__dirname, 'fixtures', 'handlers');
/** Skip esbuild bundling and asset copying: the template is the same, synth takes seconds. */
const FAST_SYNTH = { 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true };

type AslState = Record<string, unknown> & { Type: string };

const SIMULATED = (survey: string) => ({ kind: 'simulate', survey, n: 100 });

/** A Fn::Join of JSON text and references, with each reference written as REF. */
function joinWithRefs(joined: { 'Fn::Join': [string, unknown[]] }): string {
  return joined['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'REF')).join('');
}

describe('DeepAstroStack with default context', () => {
  let app: App;
  let stack: DeepAstroStack;
  let template: Template;
  let definition: { States: Record<string, AslState> };

  beforeAll(() => {
    app = new App({ context: FAST_SYNTH });
    stack = new DeepAstroStack(app, 'Default', { handlersDirectory: HANDLERS });
    template = Template.fromStack(stack);
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    const joined = (machine.Properties.DefinitionString['Fn::Join'][1] as unknown[])
      .map((part) => (typeof part === 'string' ? part : 'ARN'))
      .join('');
    definition = JSON.parse(joined);
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });

  it('keeps data in an encrypted, private, TLS-only, versioned bucket with access logs and checkpoint lifecycle', () => {
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'data-bucket/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Prefix: 'runs/',
            NoncurrentVersionExpiration: { NoncurrentDays: 7 },
            Status: 'Enabled',
          }),
          Match.objectLike({
            Prefix: 'runs/',
            TagFilters: [{ Key: 'deepastro-uda:artifact', Value: 'checkpoint' }],
            ExpirationInDays: 30,
          }),
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('stages the trainer image as a Docker asset without building it', () => {
    const manifests = app
      .synth()
      .artifacts.filter((artifact) => artifact instanceof cxapi.AssetManifestArtifact);
    const images = manifests.flatMap((manifest) => Object.values(manifest.contents.dockerImages ?? {}));
    expect(images.map((image) => image.source)).toEqual([
      expect.objectContaining({ dockerFile: 'containers/trainer/Dockerfile', platform: 'linux/amd64' }),
    ]);
  });

  it('runs a Spot managed compute environment of g5.12xlarge on the AL2023 NVIDIA AMI from 0 vCPUs', () => {
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      Type: 'managed',
      ComputeResources: Match.objectLike({
        Type: 'SPOT',
        AllocationStrategy: 'SPOT_PRICE_CAPACITY_OPTIMIZED',
        InstanceTypes: ['g5.12xlarge'],
        MinvCpus: 0,
        MaxvCpus: 96,
        Ec2Configuration: [{ ImageType: 'ECS_AL2023_NVIDIA' }],
      }),
    });
    template.resourceCountIs('AWS::Batch::JobQueue', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  it('gives each array child one GPU, memory, shared memory, a timeout, awslogs and Spot-aware retries', () => {
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      Type: 'container',
      ContainerProperties: Match.objectLike({
        LinuxParameters: Match.objectLike({ SharedMemorySize: 8192 }),
        LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
        Command: ['--store', 'Ref::store', '--run-id', 'Ref::runId'],
      }),
      Timeout: { AttemptDurationSeconds: 12 * 3600 },
      RetryStrategy: {
        Attempts: 3,
        EvaluateOnExit: [
          { Action: 'RETRY', OnStatusReason: 'Host EC2*' },
          { Action: 'RETRY', OnReason: 'CannotPullContainerError:*' },
          { Action: 'RETRY', OnExitCode: '75' },
          { Action: 'EXIT', OnReason: '*' },
        ],
      },
    });
    const [jobDefinition] = Object.values(template.findResources('AWS::Batch::JobDefinition'));
    expect(jobDefinition.Properties.ContainerProperties.ResourceRequirements).toEqual(
      expect.arrayContaining([
        { Type: 'GPU', Value: '1' },
        { Type: 'MEMORY', Value: '45056' },
        { Type: 'VCPU', Value: '11' },
      ]),
    );
  });

  it('deploys the five handlers as traced Node 22 functions on x86_64, the platform of the shipped sharp binaries', () => {
    template.resourceCountIs('AWS::Lambda::Function', 5);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['x86_64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
    });
  });

  it('logs ALL and traces the state machine', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
    });
  });

  it('chains the states of DESIGN.md with inline Maps and a Batch array job without attempts', () => {
    const states = definition.States;
    expect(Object.keys(states)).toEqual(
      expect.arrayContaining([
        STATE.resolveRelease,
        STATE.alreadyTrained,
        STATE.ingest,
        STATE.train,
        STATE.evaluate,
      ]),
    );
    expect(states[STATE.resolveRelease].Next).toBe(STATE.alreadyTrained);
    expect(states[STATE.ingest]).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.release.files',
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' } },
    });
    const train = states[STATE.train] as AslState & { Resource: string; Parameters: Record<string, unknown> };
    expect(train.Resource).toMatch(/:states:::batch:submitJob\.sync$/);
    expect(train.Parameters).toMatchObject({ ArrayProperties: { 'Size.$': '$.release.members' } });
    expect(train.Parameters).not.toHaveProperty('RetryStrategy');
    expect(train.Parameters).not.toHaveProperty('Timeout');
    expect(JSON.stringify(definition)).not.toMatch(/DISTRIBUTED|JSONata/);
  });

  it('retries transient errors with backoff and full jitter, and catches every failing state into a notification', () => {
    const resolve = definition.States[STATE.resolveRelease];
    expect(resolve.Retry).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ErrorEquals: expect.arrayContaining(['TransientError', 'Lambda.TooManyRequestsException']),
          BackoffRate: 2,
          JitterStrategy: 'FULL',
        }),
        expect.objectContaining({ ErrorEquals: ['States.Timeout'], JitterStrategy: 'FULL' }),
      ]),
    );
    const uncatchable = new Set(['Choice', 'Pass', 'Succeed', 'Fail']);
    for (const [name, state] of Object.entries(definition.States)) {
      if (uncatchable.has(state.Type)) continue;
      const next = name === STATE.notifyFailure ? STATE.runFailed : STATE.notifyFailure;
      expect({ name, catch: state.Catch }).toEqual({
        name,
        catch: [expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: next })],
      });
    }
    expect(definition.States[STATE.runFailed]).toMatchObject({
      Type: 'Fail',
      ErrorPath: '$.failure.Error',
      CausePath: '$.failure.Cause',
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('schedules weekly retraining of the configured Zenodo concept record', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 ? * MON *)',
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^WorkflowStateMachine') } }),
    });
    const [schedule] = Object.values(template.findResources('AWS::Scheduler::Schedule'));
    // The input names the bucket by reference, so it is a Fn::Join around the JSON text.
    const input = JSON.parse(joinWithRefs(schedule.Properties.Target.Input));
    expect(input).toMatchObject({ recordId: '7473597', store: 's3://REF' });
    // ResolveRelease takes it as it is: the 3class task on the study's record, with GPU defaults.
    expect(resolveConfig(input.config)).toEqual(input.config);
    expect(input.config).toMatchObject({
      task: '3class',
      data: {
        source: { kind: 'zenodo', record: '7473597', file: expect.stringMatching(/sdss/) },
        target: { kind: 'zenodo', record: '7473597', file: expect.stringMatching(/decals/) },
      },
      model: { architecture: 'resnet50', imageSize: 64 },
      ensemble: { members: 4 },
    });
  });

  it('gives ResolveRelease the schedule config for starts that send none', () => {
    const [resolveRelease] = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Environment: { Variables: { [DEFAULT_RUN_CONFIG_VARIABLE]: Match.anyValue() } } },
      }),
    );
    const text = resolveRelease.Properties.Environment.Variables[DEFAULT_RUN_CONFIG_VARIABLE] as string;
    expect(JSON.parse(text)).toEqual(readStackConfig(app.node).scheduleConfig);
  });

  it('warns while the schedule config still names placeholder files', () => {
    Annotations.fromStack(stack).hasWarning(
      '/Default/Retraining',
      Match.stringLikeRegexp('placeholder files .*deepastro:scheduleConfig'),
    );
  });
});

describe('context options', () => {
  it('reads On-Demand and an instance list from -c style strings', () => {
    const app = new App({
      context: { 'deepastro:spot': 'false', 'deepastro:instanceTypes': 'g6.12xlarge, g5.12xlarge' },
    });
    const config = readStackConfig(app.node);
    expect(config).toMatchObject({
      spot: false,
      instanceTypes: ['g6.12xlarge', 'g5.12xlarge'],
      jobAttempts: 3,
    });

    const stack = new Stack(app, 'OnDemand');
    new GpuJobQueue(stack, 'Gpu', { vpc: new ec2.Vpc(stack, 'Vpc'), ...config });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeResources: Match.objectLike({
        Type: 'EC2',
        AllocationStrategy: 'BEST_FIT_PROGRESSIVE',
        InstanceTypes: ['g6.12xlarge', 'g5.12xlarge'],
      }),
    });
  });

  it('names the bad option and how to set it', () => {
    const app = new App({ context: { 'deepastro:jobAttempts': 'three' } });
    expect(() => readStackConfig(app.node)).toThrow(
      /Context option deepastro:jobAttempts = "three" is invalid .*-c deepastro:jobAttempts=/,
    );
  });

  it('sends a schedule config given as -c JSON text and refuses one without data, naming the option', () => {
    const config = { data: { source: SIMULATED('sdss'), target: SIMULATED('decals') }, method: 'dance' };
    const app = new App({ context: { ...FAST_SYNTH, 'deepastro:scheduleConfig': JSON.stringify(config) } });
    expect(readStackConfig(app.node).scheduleConfig).toMatchObject({
      method: 'dance',
      ensemble: { members: 4 },
    });
    const stack = new DeepAstroStack(app, 'Custom', { handlersDirectory: HANDLERS });
    const [schedule] = Object.values(Template.fromStack(stack).findResources('AWS::Scheduler::Schedule'));
    expect(JSON.parse(joinWithRefs(schedule.Properties.Target.Input)).config).toMatchObject({
      method: 'dance',
    });
    Annotations.fromStack(stack).hasNoWarning('/Custom/Retraining', Match.anyValue());

    const bad = new App({ context: { 'deepastro:scheduleConfig': { task: '3class' } } });
    expect(() => readStackConfig(bad.node)).toThrow(
      /^Context option deepastro:scheduleConfig is not a valid run config \(invalid run config: data: .*\); set it in cdk\.json/,
    );
  });

  it('refuses an instance type that is not an EC2 type name', () => {
    const stack = new Stack();
    expect(
      () => new GpuJobQueue(stack, 'Gpu', { vpc: new ec2.Vpc(stack, 'Vpc'), instanceTypes: ['4 gpus'] }),
    ).toThrow(
      'GpuJobQueue: instanceTypes must be EC2 instance type names like \'g5.12xlarge\', got ["4 gpus"]',
    );
  });
});
