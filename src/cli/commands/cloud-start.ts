import type { Command } from 'commander';
import { readCloudRunConfig } from '../../cloud/run-config-file';
import { startRun } from '../../cloud/start-run';
import { formatTime } from '../../cloud/text-table';
import { type CloudStackOptions, connectToStack, withStackOptions } from './cloud-stack';

interface CloudStartOptions extends CloudStackOptions {
  readonly record: string;
  readonly config?: string;
}

/** `deepastro-uda cloud start --record <id> [--config file]`: one named, idempotent execution. */
export function registerCloudStart(cloud: Command): void {
  withStackOptions(
    cloud
      .command('start')
      .description('start the workflow for a Zenodo record; the same record and config never start twice')
      .requiredOption('--record <id>', 'Zenodo record id; a concept record id trains its newest version')
      .option(
        '--config <file>',
        'run config JSON, resolved with GPU defaults (default: the workflow default)',
      ),
  ).action(async (options: CloudStartOptions) => {
    const config = options.config ? await readCloudRunConfig(options.config) : undefined;
    const { clients, outputs } = await connectToStack(options);
    const run = await startRun({
      stepFunctions: clients.stepFunctions,
      outputs,
      recordId: options.record,
      config,
    });
    const verb = run.alreadyExisted ? 'exists ' : 'started';
    console.log(`${verb} ${run.executionName} (${run.status}, started ${formatTime(run.startDate)})`);
    console.log(`  execution ${run.executionArn}`);
    console.log(`  follow    deepastro-uda cloud status ${run.executionName}`);
  });
}
