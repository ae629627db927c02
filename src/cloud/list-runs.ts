import { type ExecutionListItem, ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** One execution of the workflow, as `cloud list` shows it. */
export interface RunListing {
  readonly executionName: string;
  readonly status: string;
  readonly startDate?: Date;
  readonly stopDate?: Date;
}

/** The newest `limit` executions of the state machine, newest first (ListExecutions' own order). */
export async function listRuns(
  stepFunctions: SFNClient,
  stateMachineArn: string,
  limit = 20,
): Promise<RunListing[]> {
  const runs: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await stepFunctions.send(
      new ListExecutionsCommand({
        stateMachineArn,
        maxResults: Math.min(limit - runs.length, 1000),
        nextToken,
      }),
    );
    runs.push(...(page.executions ?? []));
    nextToken = page.nextToken;
  } while (nextToken && runs.length < limit);
  return runs.slice(0, limit).map((run) => ({
    executionName: run.name ?? '',
    status: run.status ?? 'UNKNOWN',
    startDate: run.startDate,
    stopDate: run.stopDate,
  }));
}
