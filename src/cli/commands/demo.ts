import type { Command } from 'commander';
import { z } from 'zod';
import { defaultDemoStore, runDemo } from '../../../workflows/local/demo';
import { formatMetricTable } from '../metric-table';
import { progressLine } from '../workflow-progress';
import { parseCommandOptions } from '../parse-options';

const DemoOptions = z.object({
  store: z.string().min(1),
  galaxies: z.coerce.number().int().min(60).max(100_000),
  size: z.coerce.number().int().min(16).max(256),
  epochs: z.coerce.number().int().min(1).max(500),
  members: z.coerce.number().int().min(1).max(16),
  concurrency: z.coerce.number().int().min(1).max(64),
  seed: z.coerce.number().int().min(0),
});

/** `deepastro-uda demo` (what `npm start` runs): the whole pipeline locally on simulated surveys. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'simulate SDSS- and DECaLS-like surveys, then run the whole workflow locally: train, evaluate, report',
    )
    .option('--store <uri>', 'folder, file:// or s3:// URI for data and runs', defaultDemoStore())
    .option('--galaxies <n>', 'galaxies per survey', '600')
    .option('--size <px>', 'image side in pixels', '32')
    .option('--epochs <n>', 'most epochs per member', '8')
    .option('--members <n>', 'ensemble members of the adapting method', '1')
    .option('--concurrency <n>', 'trainer processes at once', '2')
    .option('--seed <n>', 'random seed', '1')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseCommandOptions(DemoOptions, raw);
      // The handlers run in this process and log JSON at info; the progress lines below say it better.
      process.env.LOG_LEVEL ??= 'warn';
      const result = await runDemo({
        store: options.store,
        galaxies: options.galaxies,
        imageSize: options.size,
        maxEpochs: options.epochs,
        members: options.members,
        concurrency: options.concurrency,
        seed: options.seed,
        onProgress: (event) => {
          const line = progressLine(event);
          if (line) console.log(line);
        },
        onStage: (message) => console.log(`» ${message}`),
      });
      if (result.upToDate) console.log(`run ${result.runId} was already complete in this store; showing it`);
      console.log(`\nrun ${result.runId}: 3-class task, SDSS-like → DECaLS-like, merger unknown\n`);
      console.log(formatMetricTable(result.ensemble.metrics, result.ensemble.baselines));
      console.log(`\nsurvey previews: ${result.previews.join(', ')}`);
      console.log(`report: ${result.reportLocation}`);
    });
}
