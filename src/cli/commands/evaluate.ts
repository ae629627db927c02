import type { Command } from 'commander';
import { evaluateRun } from '../../eval/evaluate-run';
import { parseRunLocation } from '../../eval/run-location';
import { createLogger } from '../../logger';
import { formatMetricTable } from '../metric-table';
import { openStore } from '../../storage/open-store';

/** `deepastro-uda evaluate --run <dir|uri>`: eval/<member>.json and eval/ensemble.json for a run. */
export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description("compute a run's metrics from its prediction files; write runs/<runId>/eval/*.json")
    .requiredOption('--run <dir|uri>', 'the run: <store>/runs/<runId>, a folder, file:// or s3:// URI')
    .option('--member <name>', 'evaluate only this member')
    .action(async (options: { run: string; member?: string }) => {
      const { storeUri, runId } = parseRunLocation(options.run);
      const store = openStore(storeUri);
      const result = await evaluateRun(store, runId, {
        scope: options.member === undefined ? 'all' : { member: options.member },
        logger: createLogger(),
      });
      for (const key of result.written) console.log(`wrote ${store.uriOf(key)}`);
      if (result.ensemble) console.log(`\n${formatMetricTable(result.ensemble, result.baselines)}`);
    });
}
