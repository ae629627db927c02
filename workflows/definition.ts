import { Duration } from 'aws-cdk-lib';
import type * as batch from 'aws-cdk-lib/aws-batch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import type { TrainerJobParameters } from '../src/run/trainer-job';
import type { IngestItem, RunEvent } from '../src/run/workflow-payloads';
import { LAMBDA_HANDLERS, type LambdaHandlerName } from './lambda-handlers';

/** The state names; the local executor, the cloud commands and the README refer to them. */
export const STATE = {
  resolveRelease: 'ResolveRelease',
  alreadyTrained: 'AlreadyTrained',
  upToDate: 'UpToDate',
  ingest: 'Ingest',
  ingestFile: 'IngestFile',
  train: 'Train',
  listMembers: 'ListMembers',
  evaluate: 'Evaluate',
  evaluateMembers: 'EvaluateMembers',
  evaluateMember: 'EvaluateMember',
  evaluateEnsemble: 'EvaluateEnsemble',
  anomalyReport: 'AnomalyReport',
  publish: 'Publish',
  notifySucceeded: 'NotifySucceeded',
  notifyFailure: 'NotifyFailure',
  runFailed: 'RunFailed',
} as const;

/**
 * Error names a handler throws (TransientError, see src/errors.ts) or the Lambda service reports
 * when a retry may succeed. Everything else is fatal and goes to the Catch.
 */
export const TRANSIENT_LAMBDA_ERRORS = [
  'TransientError',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
];

/** Batch API errors on submit; a failed job is States.TaskFailed and is not retried here. */
export const TRANSIENT_BATCH_ERRORS = ['Batch.AWSBatchException', 'Batch.ServerException'];

/** What the state graph calls: built by the stack, or stand-ins in a test. */
export interface WorkflowTargets {
  readonly functions: Readonly<Record<LambdaHandlerName, lambda.IFunction>>;
  readonly jobQueue: batch.IJobQueue;
  readonly jobDefinition: batch.IJobDefinition;
  readonly notificationTopic: sns.ITopic;
}

export interface WorkflowSettings {
  /**
   * Files ingested at once; Zenodo rate-limits clients.
   * @default 4
   */
  readonly ingestConcurrency?: number;
}

/**
 * The workflow of DESIGN.md as one chain of states, JSONPath only and inline Maps only, so the
 * local executor runs the very same definition. Payloads carry URIs; the run's state grows under
 * `$.release`, `$.ingested`, `$.training`, `$.members`, `$.evaluation`, `$.report`, `$.published`.
 */
export function buildWorkflowDefinition(
  scope: Construct,
  targets: WorkflowTargets,
  settings: WorkflowSettings = {},
): sfn.IChainable {
  const states = new WorkflowStates(scope, targets, settings);
  return states.chain();
}

const release = (field: string) => sfn.JsonPath.stringAt(`$.release.${field}`);

class WorkflowStates {
  private readonly failure: sfn.IChainable;

  constructor(
    private readonly scope: Construct,
    private readonly targets: WorkflowTargets,
    private readonly settings: WorkflowSettings,
  ) {
    this.failure = this.notifyFailure();
  }

  chain(): sfn.IChainable {
    const resolve = this.caught(this.invoke(STATE.resolveRelease, 'resolveRelease', undefined, '$.release'));
    const alreadyTrained = new sfn.Choice(this.scope, STATE.alreadyTrained)
      .when(
        sfn.Condition.and(
          sfn.Condition.isPresent('$.release.upToDate'),
          sfn.Condition.booleanEquals('$.release.upToDate', true),
        ),
        new sfn.Succeed(this.scope, STATE.upToDate),
      )
      .otherwise(
        this.ingest()
          .next(this.train())
          .next(this.listMembers())
          .next(this.evaluate())
          .next(this.caught(this.invoke(STATE.anomalyReport, 'anomalyReport', this.runRef(), '$.report')))
          .next(this.caught(this.invoke(STATE.publish, 'publish', this.publishPayload(), '$.published')))
          .next(this.notifySucceeded()),
      );
    return resolve.next(alreadyTrained);
  }

  private ingest(): sfn.Map {
    const map = new sfn.Map(this.scope, STATE.ingest, {
      itemsPath: '$.release.files',
      itemSelector: {
        file: sfn.JsonPath.stringAt('$$.Map.Item.Value'),
        store: release('store'),
        zenodoUrl: release('zenodoUrl'),
      } satisfies Record<keyof IngestItem, string>,
      maxConcurrency: this.settings.ingestConcurrency ?? 4,
      resultPath: '$.ingested',
    });
    map.itemProcessor(this.invoke(STATE.ingestFile, 'ingestFile', undefined, undefined));
    return this.caught(map);
  }

  private train(): tasks.BatchSubmitJob {
    const members = sfn.JsonPath.numberAt('$.release.members');
    const submit = new tasks.BatchSubmitJob(this.scope, STATE.train, {
      jobName: sfn.JsonPath.format('deepastro-{}', release('runId')),
      jobQueueArn: this.targets.jobQueue.jobQueueArn,
      jobDefinitionArn: this.targets.jobDefinition.jobDefinitionArn,
      arraySize: members,
      // Batch substitutes these into the job definition's command (Ref::store ...); values must be strings.
      payload: sfn.TaskInput.fromObject({
        store: release('store'),
        runId: release('runId'),
      } satisfies Record<keyof TrainerJobParameters, string>),
      resultSelector: {
        jobId: sfn.JsonPath.stringAt('$.JobId'),
        jobName: sfn.JsonPath.stringAt('$.JobName'),
        status: sfn.JsonPath.stringAt('$.Status'),
      },
      resultPath: '$.training',
      // No taskTimeout: BatchSubmitJob would pass it to Batch as the attempt timeout, overriding the job
      // definition's. The job definition's timeout and attempts bound the job instead.
      // No `attempts`: it would override the job definition's retry strategy (Spot reclaim, image pull).
    });
    submit.addRetry({
      errors: TRANSIENT_BATCH_ERRORS,
      interval: Duration.seconds(5),
      backoffRate: 2,
      maxAttempts: 4,
      maxDelay: Duration.minutes(2),
      jitterStrategy: sfn.JitterType.FULL,
    });
    return this.caught(submit);
  }

  /** Member indices 0..members-1, the items of the per-member evaluation Map. */
  private listMembers(): sfn.Pass {
    return new sfn.Pass(this.scope, STATE.listMembers, {
      parameters: {
        indices: sfn.JsonPath.stringAt('States.ArrayRange(0, States.MathAdd($.release.members, -1), 1)'),
      },
      resultPath: '$.members',
    });
  }

  private evaluate(): sfn.Parallel {
    const perMember = new sfn.Map(this.scope, STATE.evaluateMembers, {
      itemsPath: '$.members.indices',
      itemSelector: {
        runId: release('runId'),
        store: release('store'),
        member: sfn.JsonPath.stringAt('$$.Map.Item.Value'),
      } satisfies Record<keyof RunEvent, string>,
    });
    perMember.itemProcessor(this.invoke(STATE.evaluateMember, 'evaluate', undefined, undefined));
    const parallel = new sfn.Parallel(this.scope, STATE.evaluate, {
      resultSelector: {
        members: sfn.JsonPath.listAt('$[0]'),
        ensemble: sfn.JsonPath.objectAt('$[1]'),
      },
      resultPath: '$.evaluation',
    })
      .branch(perMember)
      .branch(
        this.invoke(
          STATE.evaluateEnsemble,
          'evaluate',
          sfn.TaskInput.fromObject({
            runId: release('runId'),
            store: release('store'),
            member: 'ensemble',
          } satisfies Record<keyof RunEvent, string>),
          undefined,
        ),
      );
    return this.caught(parallel);
  }

  private runRef(): sfn.TaskInput {
    return sfn.TaskInput.fromObject({ runId: release('runId'), store: release('store') } satisfies RunEvent);
  }

  private publishPayload(): sfn.TaskInput {
    return sfn.TaskInput.fromObject({
      release: sfn.JsonPath.objectAt('$.release'),
      ingested: sfn.JsonPath.listAt('$.ingested'),
      training: sfn.JsonPath.objectAt('$.training'),
      evaluation: sfn.JsonPath.objectAt('$.evaluation'),
      report: sfn.JsonPath.objectAt('$.report'),
      execution: {
        name: sfn.JsonPath.stringAt('$$.Execution.Name'),
        startTime: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
      },
    });
  }

  private invoke(
    id: string,
    handler: LambdaHandlerName,
    payload: sfn.TaskInput | undefined,
    /**
     * Where the result goes in the state's input; undefined: the result is the state's output. Never
     * an explicit '$': aws-local-stepfunctions 3 nests that result under a "$" key instead of replacing
     * the input, so the local run would not pass the payload the cloud passes.
     */
    resultPath: string | undefined,
  ): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this.scope, id, {
      lambdaFunction: this.targets.functions[handler],
      payload,
      // The handler's return value is the state's result, as with a local function.
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath,
      taskTimeout: sfn.Timeout.duration(Duration.minutes(LAMBDA_HANDLERS[handler].timeoutMinutes + 1)),
    });
    task.addRetry({
      errors: TRANSIENT_LAMBDA_ERRORS,
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 5,
      maxDelay: Duration.minutes(1),
      jitterStrategy: sfn.JitterType.FULL,
    });
    task.addRetry({
      errors: [sfn.Errors.TIMEOUT],
      interval: Duration.seconds(5),
      maxAttempts: 1,
      jitterStrategy: sfn.JitterType.FULL,
    });
    return task;
  }

  private caught<T extends sfn.TaskStateBase | sfn.Map | sfn.Parallel>(state: T): T {
    state.addCatch(this.failure, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });
    return state;
  }

  private notifySucceeded(): tasks.SnsPublish {
    const notify = new tasks.SnsPublish(this.scope, STATE.notifySucceeded, {
      topic: this.targets.notificationTopic,
      subject: sfn.JsonPath.format('deepastro-uda run {} succeeded', release('runId')),
      message: sfn.TaskInput.fromText(sfn.JsonPath.jsonToString(sfn.JsonPath.objectAt('$.published'))),
      resultPath: sfn.JsonPath.DISCARD,
    });
    return this.caught(notify);
  }

  /** SNS message with the whole run state (run id where resolved, the error under `failure`), then Fail. */
  private notifyFailure(): sfn.IChainable {
    const failed = new sfn.Fail(this.scope, STATE.runFailed, {
      errorPath: '$.failure.Error',
      causePath: '$.failure.Cause',
    });
    const notify = new tasks.SnsPublish(this.scope, STATE.notifyFailure, {
      topic: this.targets.notificationTopic,
      subject: sfn.JsonPath.format('deepastro-uda run failed: {}', sfn.JsonPath.stringAt('$.failure.Error')),
      message: sfn.TaskInput.fromText(sfn.JsonPath.jsonToString(sfn.JsonPath.objectAt('$'))),
      resultPath: sfn.JsonPath.DISCARD,
    });
    notify.addRetry({
      errors: ['SNS.InternalErrorException', 'SNS.ThrottledException'],
      interval: Duration.seconds(2),
      maxAttempts: 3,
      jitterStrategy: sfn.JitterType.FULL,
    });
    // A failing notification must not hide the run's own error.
    notify.addCatch(failed, { errors: [sfn.Errors.ALL], resultPath: '$.notificationFailure' });
    return notify.next(failed);
  }
}
