import {
  DescribeExecutionCommand,
  type ExecutionStatus,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { executionArnFor } from './execution-name';

/** Names of the states this reads from (workflows/definition.ts STATE; src must not import workflows/). */
const RESOLVE_RELEASE_STATE = 'ResolveRelease';

/** An execution, with what its history says about the run it trains. */
export interface RunExecution {
  readonly executionName: string;
  readonly executionArn: string;
  readonly status: ExecutionStatus;
  readonly startDate?: Date;
  readonly stopDate?: Date;
  /** The run id ResolveRelease derived; absent until that state has finished. */
  readonly runId?: string;
  /** The store the run writes to; absent until ResolveRelease has finished. */
  readonly store?: string;
  /** The Batch array job of the Train state; absent until it was submitted. */
  readonly trainingJobId?: string;
  /** The error and cause of a failed execution. */
  readonly error?: string;
  readonly cause?: string;
}

/** Describes an execution, given its name or ARN, and reads its history for the run id and Batch job. */
export async function describeRunExecution(
  stepFunctions: SFNClient,
  stateMachineArn: string,
  run: string,
): Promise<RunExecution> {
  const executionArn = executionArnFor(stateMachineArn, run);
  const execution = await stepFunctions.send(new DescribeExecutionCommand({ executionArn }));
  const events = await readHistory(stepFunctions, executionArn);
  const release = resolvedRelease(events);
  return {
    executionName: execution.name ?? run,
    executionArn,
    status: execution.status ?? 'RUNNING',
    startDate: execution.startDate,
    stopDate: execution.stopDate,
    runId: release?.runId,
    store: release?.store,
    trainingJobId: submittedBatchJobId(events),
    error: execution.error,
    cause: execution.cause,
  };
}

async function readHistory(stepFunctions: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await stepFunctions.send(
      new GetExecutionHistoryCommand({
        executionArn,
        maxResults: 1000,
        nextToken,
        includeExecutionData: true,
      }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

function resolvedRelease(events: readonly HistoryEvent[]): { runId?: string; store?: string } | undefined {
  const exited = events.find(
    (event) =>
      event.type === 'TaskStateExited' && event.stateExitedEventDetails?.name === RESOLVE_RELEASE_STATE,
  );
  const output = parseJson(exited?.stateExitedEventDetails?.output) as
    { release?: { runId?: string; store?: string } } | undefined;
  return output?.release;
}

/** The last submitted Batch job: a redriven execution submits again. */
function submittedBatchJobId(events: readonly HistoryEvent[]): string | undefined {
  const submitted = events.filter(
    (event) => event.type === 'TaskSubmitted' && event.taskSubmittedEventDetails?.resourceType === 'batch',
  );
  const output = parseJson(submitted.at(-1)?.taskSubmittedEventDetails?.output) as
    { JobId?: string } | undefined;
  return output?.JobId;
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Step Functions truncates outputs over 256 KB; such an event simply tells us nothing.
    return undefined;
  }
}
