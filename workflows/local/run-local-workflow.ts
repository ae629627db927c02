import './promise-with-resolvers';
import { randomUUID } from 'node:crypto';
import { DeepAstroError, InvalidConfigError } from '../../src/errors';
import { type Logger, silentLogger } from '../../src/logger';
import type { WorkflowProgressEvent } from '../../src/run/progress-events';
import type { ExecutionInput } from '../../src/run/workflow-payloads';
import {
  DEFAULT_HANDLERS_DIRECTORY,
  HANDLER_EXPORT,
  handlerEntry,
  type LambdaHandlerName,
} from '../lambda-handlers';
import { type LocalTrainerOptions, runLocalBatchJob, type SubmitJobRequest } from './local-batch-job';
import { renderLocalWorkflow, type RenderedWorkflow } from './render-definition';
import { validateDefinition } from './validate-definition';

// The library's CommonJS build; it needs the Promise.withResolvers polyfill imported above.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StateMachine } = require('aws-local-stepfunctions') as typeof import('aws-local-stepfunctions');

/** A Lambda handler as the runtime calls it: an event in, a JSON result out. */
export type LambdaHandler = (event: unknown, context?: unknown) => Promise<unknown>;

/** A message the workflow publishes to its SNS topic. */
export interface WorkflowNotification {
  readonly state: string;
  readonly subject?: string;
  /** The Message, parsed when it is JSON. */
  readonly message: unknown;
}

export interface LocalWorkflowOptions {
  /** The execution input, as a schedule or `cloud start` would send it, less the store. */
  readonly input: Omit<ExecutionInput, 'store'>;
  /** The store URI every state reads and writes; put into the input as `store`. */
  readonly store: string;
  /**
   * Handlers to call instead of the ones in src/handlers (tests, or handlers not written yet).
   * @default the `handler` export of each file of LAMBDA_HANDLERS
   */
  readonly handlers?: Partial<Record<LambdaHandlerName, LambdaHandler>>;
  /** How to start the trainer for each array child. */
  readonly trainer?: LocalTrainerOptions;
  /**
   * Trainer processes running at once.
   * @default 1
   */
  readonly concurrency?: number;
  /**
   * Limit on the whole Train state; the cloud bounds it by the job definition instead.
   * @default 6 hours
   */
  readonly trainTimeoutSeconds?: number;
  /** Called for each SNS publish (run succeeded, run failed). */
  readonly notify?: (notification: WorkflowNotification) => void | Promise<void>;
  /**
   * Pause before every retry in milliseconds, instead of the definition's backoff with jitter.
   * @default the definition's own intervals
   */
  readonly retryIntervalMs?: number;
  /** @default a random name */
  readonly executionName?: string;
  /** @default src/handlers */
  readonly handlersDirectory?: string;
  /** Log lines: each state entered, retried, caught or failed, each trainer attempt. @default silent */
  readonly logger?: Logger;
  /** Typed progress for a person watching: states entered or failed, and each trainer's epochs and end. */
  readonly onProgress?: (event: WorkflowProgressEvent) => void;
}

export interface LocalWorkflowResult {
  readonly executionName: string;
  /** The execution's output: the run state (`release`, `training`, `evaluation`, `report`, `published`). */
  readonly output: unknown;
}

/** The execution ended in a Fail state or an uncaught error; `error` is the Step Functions error name. */
export class WorkflowExecutionError extends DeepAstroError {
  constructor(
    readonly error: string,
    readonly causeText: string,
  ) {
    super(`Workflow failed with ${error}: ${causeText}`);
  }
}

/**
 * Runs the synthesized state machine on this machine: Lambda states call the same handler functions,
 * the Batch state starts local trainer processes, SNS states call `notify`. Retry and Catch behave as
 * in the definition. Resolves with the output, or throws WorkflowExecutionError with the error name.
 */
export async function runLocalWorkflow(options: LocalWorkflowOptions): Promise<LocalWorkflowResult> {
  const logger = options.logger ?? silentLogger;
  const directory = options.handlersDirectory ?? DEFAULT_HANDLERS_DIRECTORY;
  const rendered = renderLocalWorkflow(directory);
  const definition = withLocalTrainTimeout(rendered.definition, options.trainTimeoutSeconds ?? 6 * 3600);
  validateDefinition(definition);
  const taskStates = listTaskStates(definition);
  const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
  const executionName = options.executionName ?? `local-${randomUUID()}`;
  const overrides = Object.fromEntries(
    taskStates.map(([name, resource]) => [
      name,
      bindTask(name, resource, rendered, directory, options, logger),
    ]),
  );
  const execution = machine.run({ ...options.input, store: options.store } as never, {
    overrides: {
      taskResourceLocalHandlers: overrides,
      retryIntervalOverrides:
        options.retryIntervalMs === undefined
          ? undefined
          : Object.fromEntries(
              retryableStates(definition).map((name) => [name, options.retryIntervalMs as number]),
            ),
    },
    context: { Execution: { Name: executionName, Id: `local:${executionName}` } },
  });
  const progress = reportStates(execution.eventLogs as AsyncIterable<unknown>, logger, options.onProgress);
  try {
    const output = await execution.result;
    return { executionName, output };
  } catch (error) {
    const failure = (error as { cause?: { name?: string; message?: string } }).cause ?? (error as Error);
    throw new WorkflowExecutionError(failure.name ?? 'States.Runtime', failure.message ?? String(error));
  } finally {
    await progress;
  }
}

type TaskOverride = (input: unknown) => Promise<never>;

function bindTask(
  state: string,
  resource: string,
  rendered: RenderedWorkflow,
  directory: string,
  options: LocalWorkflowOptions,
  logger: Logger,
): TaskOverride {
  const handlerName = rendered.lambdaHandlers.get(resource);
  if (handlerName) {
    const handler = options.handlers?.[handlerName] ?? loadHandler(handlerName, directory);
    return async (input) => jsonResult(await handler(input, lambdaContext(handlerName)));
  }
  if (resource.includes(':states:::batch:submitJob')) {
    return async (input) =>
      jsonResult(
        await runLocalBatchJob(input as SubmitJobRequest, rendered.trainerJob, {
          trainer: { onProgress: options.onProgress, ...options.trainer },
          concurrency: options.concurrency ?? 1,
          logger,
        }),
      );
  }
  if (resource.includes(':states:::sns:publish')) {
    return async (input) => {
      const { Subject, Message } = input as { Subject?: string; Message: string };
      await options.notify?.({ state, subject: Subject, message: parseMaybeJson(Message) });
      logger.info({ state, subject: Subject }, 'notification');
      return jsonResult({ MessageId: randomUUID() });
    };
  }
  throw new InvalidConfigError(`State ${state} calls ${resource}, which has no local binding`);
}

function loadHandler(name: LambdaHandlerName, directory: string): LambdaHandler {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(handlerEntry(name, directory)) as Record<string, unknown>;
  const handler = module[HANDLER_EXPORT];
  if (typeof handler !== 'function') {
    throw new InvalidConfigError(
      `${handlerEntry(name, directory)} must export a function '${HANDLER_EXPORT}'`,
    );
  }
  return handler as LambdaHandler;
}

function lambdaContext(name: LambdaHandlerName): Record<string, unknown> {
  return { functionName: name, awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 15 * 60 * 1000 };
}

/** What crosses a state boundary is JSON, locally as in the cloud. */
function jsonResult(value: unknown): never {
  return (value === undefined ? null : JSON.parse(JSON.stringify(value))) as never;
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

type StatesMap = Record<string, Record<string, unknown>>;

function* walkStates(states: StatesMap): Generator<[string, Record<string, unknown>]> {
  for (const [name, state] of Object.entries(states)) {
    yield [name, state];
    const processor = (state.ItemProcessor ?? state.Iterator) as { States: StatesMap } | undefined;
    if (processor) yield* walkStates(processor.States);
    for (const branch of (state.Branches as { States: StatesMap }[] | undefined) ?? [])
      yield* walkStates(branch.States);
  }
}

function listTaskStates(definition: Record<string, unknown>): [string, string][] {
  return [...walkStates(definition.States as StatesMap)]
    .filter(([, state]) => state.Type === 'Task')
    .map(([name, state]) => [name, state.Resource as string]);
}

function retryableStates(definition: Record<string, unknown>): string[] {
  return [...walkStates(definition.States as StatesMap)]
    .filter(([, state]) => state.Retry)
    .map(([name]) => name);
}

/** The local library stops a Task after 60 s unless told otherwise; training takes longer. */
function withLocalTrainTimeout(
  definition: Record<string, unknown>,
  seconds: number,
): Record<string, unknown> {
  // A JSON copy, not structuredClone: under jest that makes objects of another realm, which the
  // library's plain-object check rejects, leaving nested payload templates unresolved.
  const copy = JSON.parse(JSON.stringify(definition)) as Record<string, unknown>;
  for (const [, state] of walkStates(copy.States as StatesMap)) {
    if (state.Type === 'Task' && String(state.Resource).includes(':states:::batch:submitJob')) {
      state.TimeoutSeconds ??= seconds;
    }
  }
  return copy;
}

async function reportStates(
  events: AsyncIterable<unknown>,
  logger: Logger,
  onProgress: ((event: WorkflowProgressEvent) => void) | undefined,
): Promise<void> {
  for await (const item of events) {
    const event = item as Record<string, unknown>;
    const state = (event.state as { name?: string } | undefined)?.name ?? '';
    switch (event.type) {
      case 'StateEntered':
        logger.info({ state }, 'state entered');
        onProgress?.({ kind: 'state-entered', state });
        break;
      case 'StateRetried':
      case 'StateCaught':
      case 'StateFailed':
        logger.warn(
          { state, event: event.type, error: event.Error, cause: event.Cause },
          'state did not succeed',
        );
        onProgress?.({ kind: 'state-failed', state, event: event.type, error: event.Error as string });
        break;
      default:
        break;
    }
  }
}
