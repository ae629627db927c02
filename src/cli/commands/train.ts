import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { resolveConfig, resolveConfigJson, type RunConfig } from '../../config/run-config';
import { InvalidConfigError } from '../../errors';
import { createLogger, type Logger } from '../../logger';
import { BACKEND_PREFERENCES, MAX_WASM_THREADS, selectBackend, withMemoryGuard } from '../../runtime';
import { readRunConfig } from '../../run/run-config-file';
import { runIdFor } from '../../run/run-id';
import { type TrainerArguments, trainerArgumentsSchema } from '../../run/trainer-job';
import type { BlobStore } from '../../storage/blob-store';
import { openObjectUri, openStore } from '../../storage/open-store';
import { trainMember, type TrainingProgress } from '../../uda/training';
import { parseCommandOptions } from '../parse-options';
import { trainerProgressReporter } from '../progress-channel';
import { TRAINER_RETRY_EXIT_CODE } from '../../cloud/stack-contract';
import { bestEpochText } from '../best-epoch';

/** Exit code of a run stopped by SIGTERM/SIGINT after writing its checkpoint: "run me again" (EX_TEMPFAIL), as the Batch job definition retries. */
export const INTERRUPTED_EXIT_CODE = TRAINER_RETRY_EXIT_CODE;

/** Where --threads is not given: the local executor's share of the cores, else all of them. */
const THREADS_VARIABLE = 'DEEPASTRO_UDA_THREADS';

/** `deepastro-uda train`: trains (or resumes) one ensemble member of a run. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      'train one ensemble member of a run; resumes from its last checkpoint, skips a finished member',
    )
    .option(
      '--config <file>',
      'run config JSON (a local path, file:// or s3:// URI): starts the run, or resumes the one it names',
    )
    .option(
      '--run-id <runId>',
      'run id; without --config, the run whose config.json is in the store (default: local-<config hash>)',
    )
    .option('--run <runId>', 'same as --run-id')
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
      `\nExit codes: 0 trained or already finished; 2 bad input or a diverged member; ${INTERRUPTED_EXIT_CODE} interrupted by SIGTERM/SIGINT after a checkpoint, or a transient store error (run again to resume); 1 anything else.`,
    )
    .action(async (raw: Record<string, unknown>) => {
      process.exitCode = await runTrain(parseOptions(raw));
    });
}

async function runTrain(options: TrainerArguments): Promise<number> {
  // On a terminal the progress bars say what the log lines would; keep only warnings there.
  const logger = createLogger(process.env.LOG_LEVEL ?? (process.stderr.isTTY ? 'warn' : 'info'));
  const store = openStore(options.store);
  const { config, runId } = await runToTrain(options, store);
  const backend = await selectBackend(options.backend ?? config.backend, logger, {
    threads: options.threads,
  });
  const controller = new AbortController();
  const stopSignals = interruptOnSignals(controller, logger);
  const display = progressDisplay(logger, options.member);
  const reporter = trainerProgressReporter(options.member);
  const onProgress = (event: TrainingProgress) => {
    display.update(event);
    reporter.training(event);
  };
  try {
    const result = await withMemoryGuard(
      () =>
        trainMember({
          config,
          runId,
          store,
          member: options.member,
          logger,
          onProgress,
          signal: controller.signal,
          backend: backend.kind,
        }),
      { batchSize: config.hyperparameters.batchSize },
    );
    display.stop();
    reporter.finished(result);
    if (result.status === 'interrupted') {
      console.log(
        `interrupted: run ${runId} member ${result.member} checkpointed at ${result.outputs.checkpoint}; run the same command to resume`,
      );
      return INTERRUPTED_EXIT_CODE;
    }
    const done =
      result.status === 'already-finished'
        ? 'already finished'
        : `trained (${bestEpochText(result.bestEpoch)})`;
    console.log(`run ${runId} member ${result.member} ${done} on ${backend.kind}`);
    for (const [what, uri] of Object.entries(result.outputs)) console.log(`  ${what}: ${uri}`);
    return 0;
  } finally {
    display.stop();
    stopSignals();
  }
}

/**
 * The run this child trains: the one --config starts (resolved here, where the run starts, with --members
 * applied before validation so the run records it), or the stored run --run-id names (as Batch starts it).
 */
async function runToTrain(
  options: TrainerArguments,
  store: BlobStore,
): Promise<{ config: RunConfig; runId: string }> {
  if (options.config === undefined) {
    const runId = options.runId!;
    return { config: await readRunConfig(store, runId), runId };
  }
  const config = await resolveConfigFile(options.config, options.members);
  return { config, runId: options.runId ?? runIdFor('config-only', config) };
}

async function resolveConfigFile(location: string, members: number | undefined): Promise<RunConfig> {
  const text = await readConfigText(location);
  const input = jsonObject(text);
  // Not JSON, or not an object: resolveConfigJson says so in one line, --members or not.
  if (members === undefined || input === undefined) return resolveConfigJson(text);
  const ensemble = input.ensemble ?? {};
  const withMembers =
    typeof ensemble === 'object' && ensemble !== null && !Array.isArray(ensemble)
      ? { ...ensemble, members }
      : ensemble;
  return resolveConfig({ ...input, ensemble: withMembers });
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined; // resolveConfigJson reports the syntax error
  }
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

/** --run is --run-id's alias; --member defaults to the Batch array index, --threads to every core. */
function parseOptions(raw: Record<string, unknown>): TrainerArguments {
  const member = raw.member ?? process.env.AWS_BATCH_JOB_ARRAY_INDEX ?? '0';
  const threads = raw.threads ?? process.env[THREADS_VARIABLE] ?? String(availableParallelism());
  const { run, ...rest } = raw;
  return parseCommandOptions(trainerArgumentsSchema, { ...rest, runId: raw.runId ?? run, member, threads });
}
