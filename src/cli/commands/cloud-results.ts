import path from 'node:path';
import type { Command } from 'commander';
import { NotFoundError } from '../../errors';
import { downloadRunResults } from '../../cloud/download-results';
import { describeRunExecution } from '../../cloud/run-execution';
import { openStore } from '../../storage/open-store';
import { type CloudStackOptions, connectToStack, withStackOptions } from './cloud-stack';

interface CloudResultsOptions extends CloudStackOptions {
  readonly out?: string;
}

/** `deepastro-uda cloud results <run> [--out dir]`: summary.json and report/ from the bucket. */
export function registerCloudResults(cloud: Command): void {
  withStackOptions(
    cloud
      .command('results')
      .description("download a finished run's summary.json and HTML report")
      .argument('<run>', 'execution name or ARN')
      .option('--out <dir>', 'where to write them (default: results/<run id>)'),
  ).action(async (run: string, options: CloudResultsOptions) => {
    const { clients, outputs } = await connectToStack(options);
    const execution = await describeRunExecution(clients.stepFunctions, outputs.stateMachineArn, run);
    if (!execution.runId) {
      throw new NotFoundError(
        `run ${execution.executionName} has not resolved its release yet (${execution.status})`,
      );
    }
    const store = openStore(execution.store ?? outputs.storeUri);
    const directory = options.out ?? path.join('results', execution.runId);
    const downloaded = await downloadRunResults(store, execution.runId, directory);
    for (const file of downloaded.files) console.log(file);
    const report = path.join(directory, 'report', 'index.html');
    console.log(`downloaded ${downloaded.files.length} files (${downloaded.bytes} bytes); open ${report}`);
  });
}
