import type { Command } from 'commander';
import { parseCommandOptions } from '../parse-options';
import { z } from 'zod';
import { buildReport } from '../../eval/report/build-report';
import { loadTargetImages } from '../../eval/report/target-dataset';
import { loadNamedTarget } from '../../eval/report/named-target';
import { parseRunLocation } from '../../eval/run-location';
import { createLogger } from '../../logger';
import { openStore } from '../../storage/open-store';

const ReportOptions = z.object({
  run: z.string().min(1),
  target: z.string().min(1).optional(),
  maxMapPoints: z.coerce.number().int().positive(),
  gallery: z.coerce.number().int().positive(),
  seed: z.coerce.number().int(),
});

/** `deepastro-uda report --run <dir|uri>`: the HTML anomaly report of a run. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'build the HTML evaluation and anomaly report: runs/<runId>/report/index.html and anomalies.csv',
    )
    .requiredOption('--run <dir|uri>', 'the run: <store>/runs/<runId>, a folder, file:// or s3:// URI')
    .option(
      '--target <path>',
      "target dataset for thumbnails (default: the run config's data.target); refused unless it is the data the run was trained on",
    )
    .option(
      '--max-map-points <n>',
      'above this many target samples, the 2-D map shows a random subset',
      '2000',
    )
    .option('--gallery <n>', 'anomaly candidates shown per cluster', '8')
    .option('--seed <n>', 'seed of clustering, map and subsampling', '0')
    .action(async (raw: Record<string, unknown>) => {
      const options = parseCommandOptions(ReportOptions, raw);
      const { storeUri, runId } = parseRunLocation(options.run);
      const store = openStore(storeUri);
      const target = options.target;
      const result = await buildReport(store, runId, {
        targetImages: target
          ? () => loadNamedTarget(store, runId, target)
          : () => loadTargetImages(store, runId),
        verifyTarget: target !== undefined,
        maxMapPoints: options.maxMapPoints,
        galleryPerCluster: options.gallery,
        seed: options.seed,
        logger: createLogger(),
      });
      for (const note of result.notes) console.log(`note: ${note}`);
      console.log(`wrote ${result.indexUri}`);
    });
}
