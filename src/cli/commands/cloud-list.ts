import type { Command } from 'commander';
import { z } from 'zod';
import { listRuns } from '../../cloud/list-runs';
import { formatTable, formatTime } from '../../cloud/text-table';
import { parseCommandOptions } from '../parse-options';
import { type CloudStackOptions, connectToStack, withStackOptions } from './cloud-stack';

const CloudListLimit = z.object({ limit: z.coerce.number().int().min(1) });

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
    const { limit } = parseCommandOptions(CloudListLimit, { limit: options.limit });
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
