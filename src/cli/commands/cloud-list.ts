import type { Command } from 'commander';
import { InvalidConfigError } from '../../errors';
import { listRuns } from '../../cloud/list-runs';
import { formatTable, formatTime } from '../../cloud/text-table';
import { type CloudStackOptions, connectToStack, withStackOptions } from './cloud-stack';

interface CloudListOptions extends CloudStackOptions {
  readonly limit: string;
}

/** `deepastro-uda cloud list`: the newest executions of the workflow. */
export function registerCloudList(cloud: Command): void {
  withStackOptions(
    cloud
      .command('list')
      .description('recent runs (workflow executions), newest first')
      .option('--limit <n>', 'how many', '20'),
  ).action(async (options: CloudListOptions) => {
    const limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InvalidConfigError(`--limit must be a whole number >= 1, got '${options.limit}'`);
    }
    const { clients, outputs } = await connectToStack(options);
    const runs = await listRuns(clients.stepFunctions, outputs.stateMachineArn, limit);
    if (runs.length === 0) {
      console.log(`no runs yet in stack ${outputs.stackName}`);
      return;
    }
    const rows = runs.map((run) => [
      run.executionName,
      run.status,
      formatTime(run.startDate),
      formatTime(run.stopDate),
    ]);
    console.log(formatTable(['RUN', 'STATUS', 'STARTED', 'STOPPED'], rows));
  });
}
