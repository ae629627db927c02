import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { defaultDemoStore, runDemo } from '../../../workflows/local/demo';
import { runConfigLocally, type LocalRunResult } from '../../../workflows/local/run-config';
import { InvalidConfigError } from '../../errors';
import { formatMetricTable } from '../metric-table';
import { progressLine } from '../workflow-progress';
import type { WorkflowProgressEvent } from '../../run/progress-events';
import { parseCommandOptions } from '../parse-options';

/** Options of the built-in simulated config only; defaults applied when no --config is given. */
const BUILT_IN = { galaxies: 600, size: 32, epochs: 8, members: 1, seed: 1 } as const;

const RunOptions = z.object({
  config: z.string().min(1).optional(),
  record: z.string().regex(/^\d+$/, 'expected a Zenodo record id (digits)').optional(),
  store: z.string().min(1),
  galaxies: z.coerce.number().int().min(60).max(100_000).optional(),
  size: z.coerce.number().int().min(16).max(256).optional(),
  epochs: z.coerce.number().int().min(1).max(500).optional(),
  members: z.coerce.number().int().min(1).max(16).optional(),
  concurrency: z.coerce.number().int().min(1).max(64),
  seed: z.coerce.number().int().min(0).optional(),
});
type RunOptions = z.infer<typeof RunOptions>;

/**
 * `deepastro-uda run [--config <file>]` (what `npm start` runs): the whole workflow locally, on a
 * config file or, without one, on the built-in simulated surveys. `demo` is the same command.
 */
export function registerRun(program: Command): void {
  program
    .command('run')
    .alias('demo')
    .description(
      'run the whole workflow locally (resolve, ingest, train, evaluate, report) on a config file, or without --config on simulated SDSS- and DECaLS-like surveys',
    )
    .option(
      '--config <file>',
      'run config JSON (see examples/); default: the built-in simulated 3-class task',
    )
    .option('--record <id>', 'with --config: a Zenodo record the workflow resolves and ingests first')
    .option('--store <uri>', 'folder, file:// or s3:// URI for data and runs', defaultDemoStore())
    .option('--concurrency <n>', 'trainer processes at once', '2')
    .option('--galaxies <n>', `built-in config only: galaxies per survey (default ${BUILT_IN.galaxies})`)
    .option('--size <px>', `built-in config only: image side in pixels (default ${BUILT_IN.size})`)
    .option('--epochs <n>', `built-in config only: most epochs per member (default ${BUILT_IN.epochs})`)
    .option('--members <n>', `built-in config only: ensemble members (default ${BUILT_IN.members})`)
    .option('--seed <n>', `built-in config only: random seed (default ${BUILT_IN.seed})`)
    .action(async (raw: Record<string, unknown>) => {
      const options = parseCommandOptions(RunOptions, raw);
      // The handlers run in this process and log JSON at info; the progress lines below say it better.
      process.env.LOG_LEVEL ??= 'warn';
      const onProgress = (event: WorkflowProgressEvent) => {
        const line = progressLine(event);
        if (line) console.log(line);
      };
      const result = options.config
        ? await runConfigFile(options.config, options, onProgress)
        : await runBuiltIn(options, onProgress);
      if (result.upToDate) console.log(`run ${result.runId} was already complete in this store; showing it`);
      console.log(`\nrun ${result.runId}: ${result.title}\n`);
      console.log(formatMetricTable(result.ensemble.metrics, result.ensemble.baselines));
      if (result.previews) console.log(`\nsurvey previews: ${result.previews.join(', ')}`);
      console.log(`report: ${result.reportLocation}`);
    });
}

type Shown = LocalRunResult & { readonly title: string; readonly previews?: readonly string[] };

async function runConfigFile(
  path: string,
  options: RunOptions,
  onProgress: (event: WorkflowProgressEvent) => void,
): Promise<Shown> {
  const builtInOnly = (['galaxies', 'size', 'epochs', 'members', 'seed'] as const).filter(
    (name) => options[name] !== undefined,
  );
  if (builtInOnly.length > 0) {
    throw new InvalidConfigError(
      `--${builtInOnly[0]} applies to the built-in simulated config only; with --config, set it in ${path}`,
    );
  }
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InvalidConfigError(`--config ${path}: cannot read (${error.code ?? error.message})`);
  });
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigError(`--config ${path}: not valid JSON: ${(error as Error).message}`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new InvalidConfigError(`--config ${path}: expected a JSON object (a run config)`);
  }
  console.log(
    `» running the state machine locally on ${path}: resolve → ingest → train → evaluate → report → publish`,
  );
  const result = await runConfigLocally({
    ...{ config: config as Record<string, unknown>, store: options.store, recordId: options.record },
    ...{ concurrency: options.concurrency, onProgress },
  });
  return { ...result, title: path };
}

async function runBuiltIn(
  options: RunOptions,
  onProgress: (event: WorkflowProgressEvent) => void,
): Promise<Shown> {
  const result = await runDemo({
    store: options.store,
    galaxies: options.galaxies ?? BUILT_IN.galaxies,
    imageSize: options.size ?? BUILT_IN.size,
    maxEpochs: options.epochs ?? BUILT_IN.epochs,
    members: options.members ?? BUILT_IN.members,
    concurrency: options.concurrency,
    seed: options.seed ?? BUILT_IN.seed,
    onProgress,
    onStage: (message) => console.log(`» ${message}`),
  });
  return { ...result, title: '3-class task, SDSS-like → DECaLS-like, merger unknown' };
}
