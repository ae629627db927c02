import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { z } from 'zod';
import { configHash, resolveConfigJson, type RunConfig } from '../../config/run-config';
import { InvalidConfigError } from '../../errors';
import { createLogger, type Logger } from '../../logger';
import { BACKEND_PREFERENCES, MAX_WASM_THREADS, selectBackend, withMemoryGuard } from '../../runtime';
import { openObjectUri, openStore } from '../../storage/open-store';
import { trainMember, type TrainingProgress } from '../../uda/training';
import { parseCommandOptions } from '../parse-options';
import { TRAINER_RETRY_EXIT_CODE } from '../../cloud/stack-contract';

/** Exit code of a run stopped by SIGTERM/SIGINT after writing its checkpoint: "run me again" (EX_TEMPFAIL), as the Batch job definition retries. */
export const INTERRUPTED_EXIT_CODE = TRAINER_RETRY_EXIT_CODE;

const TrainOptions = z.object({
  config: z.string().min(1),
  run: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only')
    .optional(),
  store: z.string().min(1),
  members: z.coerce.number().int().min(1).max(64).optional(),
  member: z.coerce.number().int().min(0),
  backend: z.enum(BACKEND_PREFERENCES).optional(),
  threads: z.coerce.number().int().min(1),
});

/** Where --threads is not given: the local executor's share of the cores, else all of them. */
const THREADS_VARIABLE = 'DEEPASTRO_UDA_THREADS';
type TrainOptions = z.infer<typeof TrainOptions>;

/** `deepastro-uda train`: trains (or resumes) one ensemble member of a run. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      'train one ensemble member of a run; resumes from its last checkpoint, skips a finished member',
    )
    .requiredOption('--config <file>', 'run config JSON: a local path, file:// or s3:// URI')
    .option('--run <runId>', 'run id (default: the hash of the resolved config)')
    .option('--run-id <runId>', 'same as --run')
    .option(
      '--store <uri>',
      'store for outputs and checkpoints: a folder, file:///path or s3://bucket/prefix',
      'deepastro-uda-store',
    )
    .option('--members <N>', 'ensemble size (overrides ensemble.members of the config)')
    .option('--member <i>', 'the member to train, 0-based (default: $AWS_BATCH_JOB_ARRAY_INDEX or 0)')
    .option(
      '--backend <name>',
      `TensorFlow.js backend: ${BACKEND_PREFERENCES.join(' | ')} (default: the config's)`,
    )
    .option(
      '--threads <n>',
      `CPU threads for the wasm backend, at most ${MAX_WASM_THREADS} (default: $${THREADS_VARIABLE} or every core); results do not depend on it`,
    )
    .addHelpText(
      'after',
      `\nExit codes: 0 trained or already finished; 2 bad input; ${INTERRUPTED_EXIT_CODE} interrupted by SIGTERM/SIGINT after a checkpoint (run again to resume); 1 anything else.`,
    )
    .action(async (raw: Record<string, unknown>) => {
      process.exitCode = await runTrain(parseOptions(raw));
    });
}

async function runTrain(options: TrainOptions): Promise<number> {
  // On a terminal the progress bars say what the log lines would; keep only warnings there.
  const logger = createLogger(process.env.LOG_LEVEL ?? (process.stderr.isTTY ? 'warn' : 'info'));
  const config = await readRunConfig(options);
  const runId = options.run ?? `run-${configHash(config)}`;
  const backend = await selectBackend(options.backend ?? config.backend, logger, {
    threads: options.threads,
  });
  const controller = new AbortController();
  const stopSignals = interruptOnSignals(controller, logger);
  const display = progressDisplay(logger, options.member);
  try {
    const result = await withMemoryGuard(
      () =>
        trainMember({
          config,
          runId,
          store: openStore(options.store),
          member: options.member,
          logger,
          onProgress: display.update,
          signal: controller.signal,
          backend: backend.kind,
        }),
      { batchSize: config.hyperparameters.batchSize },
    );
    display.stop();
    if (result.status === 'interrupted') {
      console.log(
        `interrupted: run ${runId} member ${result.member} checkpointed at ${result.outputs.checkpoint}; run the same command to resume`,
      );
      return INTERRUPTED_EXIT_CODE;
    }
    const done =
      result.status === 'already-finished' ? 'already finished' : `trained (best epoch ${result.bestEpoch})`;
    console.log(`run ${runId} member ${result.member} ${done} on ${backend.kind}`);
    for (const [what, uri] of Object.entries(result.outputs)) console.log(`  ${what}: ${uri}`);
    return 0;
  } finally {
    display.stop();
    stopSignals();
  }
}

/** The config from a file or URI, with --members applied before validation, so the run records it. */
async function readRunConfig(options: TrainOptions): Promise<RunConfig> {
  const text = await readConfigText(options.config);
  if (options.members === undefined) return resolveConfigJson(text);
  const input = JSON.parse(text) as { ensemble?: Record<string, unknown> };
  return resolveConfigJson(
    JSON.stringify({ ...input, ensemble: { ...input.ensemble, members: options.members } }),
  );
}

async function readConfigText(location: string): Promise<string> {
  if (location.startsWith('s3://')) {
    const { store, key } = openObjectUri(location);
    return store.getText(key);
  }
  const path = location.startsWith('file://') ? fileURLToPath(location) : location;
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InvalidConfigError(`--config: cannot read ${location} (${error.code ?? error.message})`);
  });
}

/** The first SIGTERM/SIGINT asks the loop to checkpoint and stop; a second one exits at once. */
function interruptOnSignals(controller: AbortController, logger: Logger): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
    logger.warn({ signal }, 'stopping at the next step boundary to write a checkpoint');
    controller.abort();
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}

/** A progress bar per epoch on a TTY; JSON log lines (pino) every few steps otherwise. */
function progressDisplay(
  logger: Logger,
  member: number,
): { update: (event: TrainingProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    return {
      update: (event) => {
        if (event.kind !== 'step') return;
        const every10 = event.step % 10 === 0 || event.step === event.stepsPerEpoch;
        logger[every10 ? 'info' : 'debug']({ member, ...event }, 'training progress');
      },
      stop: () => undefined,
    };
  }
  const bars = new MultiBar(
    {
      format:
        'epoch {epoch} [{bar}] {value}/{total} steps | {losses} | acc {accuracy} | {speed} img/s | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let bar: SingleBar | undefined;
  let barEpoch = -1;
  return {
    update: (event) => {
      if (event.kind !== 'step') return;
      const payload = {
        epoch: `${event.epoch + 1}/${event.maxEpochs}`,
        losses: Object.entries(event.losses)
          .map(([name, value]) => `${name} ${value.toFixed(4)}`)
          .join(' '),
        accuracy: event.sourceAccuracy === null ? '-' : event.sourceAccuracy.toFixed(3),
        speed: event.imagesPerSecond.toFixed(1),
      };
      if (!bar || barEpoch !== event.epoch) {
        bar = bars.create(event.stepsPerEpoch, 0, payload);
        barEpoch = event.epoch;
      }
      bar.update(event.step, payload);
    },
    stop: () => bars.stop(),
  };
}

/** --run-id is --run's alias; --member defaults to the Batch array index, --threads to every core. */
function parseOptions(raw: Record<string, unknown>): TrainOptions {
  const member = raw.member ?? process.env.AWS_BATCH_JOB_ARRAY_INDEX ?? '0';
  const threads = raw.threads ?? process.env[THREADS_VARIABLE] ?? String(availableParallelism());
  return parseCommandOptions(TrainOptions, { ...raw, run: raw.run ?? raw.runId, member, threads });
}
