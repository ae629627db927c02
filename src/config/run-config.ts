import { REAL_TASKS, type RealTaskName } from '../data/real-tasks';
import { taskClasses, type RunTaskName } from '../data/tasks';
import { invalidConfig, zodIssues } from './config-issues';
import { arraySize } from './member-plan';
import { crossFieldIssues } from './config-rules';
import type { DataSource } from './data-source';
import { runConfigSchema, type MethodName, type Monitor, type ParsedRunConfig } from './run-config-schema';
import type { ResolvedHyperparameters, RunConfig } from './run-config-types';

export * from './run-config-schema';
export type { DataSource, DataSourceInput } from './data-source';
export type { ResolvedHyperparameters, RunConfig } from './run-config-types';
export { configHash } from './config-hash';

/** Where the run will execute, for the defaults that depend on it. */
export interface ConfigEnvironment {
  /** A GPU backend is available: resnet50, 64 px, 4 ensemble members. @default false */
  readonly gpu?: boolean;
  /**
   * The run trains as an AWS Batch array job, which needs at least 2 children (members + baselines).
   * @default false
   */
  readonly awsBatch?: boolean;
}

/** AWS Batch refuses array jobs of fewer than 2 children. */
const MIN_BATCH_ARRAY_SIZE = 2;

/**
 * Per-task defaults: rank-statistics k and the LR step (ALGORITHM.md), and what the methods that take
 * the task's training defaults (TAKES_TASK_DEFAULTS) self-supervise with and keep their epoch by.
 */
interface TaskDefaults {
  readonly topK: number;
  readonly lrStepEpochs: number;
  /**
   * Target self-supervision. On for 3 classes, where it made decals → sdss work; off for 10, where it
   * gave the unknown lenses confident known-class predictions on every pair of the science benchmark
   * (bench/science.md, run 12).
   */
  readonly selfSupervised: boolean;
  /**
   * What picks the kept epoch. `entropy-bimodality` for 3 classes: trained past the benchmark's 10
   * epochs, the adapted model grows confident on the unknown mergers while its source validation loss
   * still falls, and the split of the target's entropies keeps the early model (runs 15 and 16). The
   * source validation loss for 10, where that split keeps early models that call almost every galaxy
   * unknown (run 15d).
   */
  readonly monitor: Monitor;
}

const TASK_DEFAULTS: Readonly<Record<RunTaskName, TaskDefaults>> = {
  '3class': { topK: 3, lrStepEpochs: 7, selfSupervised: true, monitor: 'entropy-bimodality' },
  '10class': { topK: 7, lrStepEpochs: 10, selfSupervised: false, monitor: 'source-val-loss' },
  'galaxy10-3class': { topK: 3, lrStepEpochs: 7, selfSupervised: true, monitor: 'entropy-bimodality' },
  'galaxy10-10class': { topK: 7, lrStepEpochs: 10, selfSupervised: false, monitor: 'source-val-loss' },
};

/** Offsets of the simulator seeds from the run seed, so the two surveys draw different galaxies. */
const SIMULATION_SEED_OFFSETS = { source: 1, target: 2, targetValidation: 3 } as const;

function resolveSource(
  source: ParsedRunConfig['data']['source'],
  imageSize: number,
  seed: number,
  task: RunTaskName,
): DataSource {
  if (source.kind !== 'simulate') {
    // A galaxy10-* task brings each file's class map; one the source gives wins.
    const taskMaps = task in REAL_TASKS ? REAL_TASKS[task as RealTaskName].classMaps : undefined;
    const classMap = source.classMap ?? (source.labels && taskMaps?.[source.labels]);
    return classMap ? { ...source, classMap } : source;
  }
  return { ...source, size: source.size ?? imageSize, seed: source.seed ?? seed };
}

/**
 * Methods that take the task's self-supervision and monitor defaults unless the config sets them: the
 * default classification method, on the science benchmark's evidence (bench/science.md). The others
 * train without self-supervision and keep their epoch by the source validation loss unless asked.
 */
const TAKES_TASK_DEFAULTS: ReadonlySet<MethodName> = new Set(['deepastro']);
const SELF_SUPERVISION_DEFAULTS = { weight: 1, temperature: 0.1 } as const;

function resolveHyperparameters(
  parsed: ParsedRunConfig,
  method: MethodName,
  numClasses: number,
): ResolvedHyperparameters {
  const given = parsed.hyperparameters;
  const taskDefaults = TASK_DEFAULTS[parsed.task];
  const rho = given.rho ?? Math.log(numClasses) / 2;
  const takesTaskDefaults = TAKES_TASK_DEFAULTS.has(method) && parsed.regression === undefined;
  const selfSupervision =
    given.selfSupervision ??
    (takesTaskDefaults && taskDefaults.selfSupervised ? SELF_SUPERVISION_DEFAULTS : undefined);
  return {
    ...given,
    ...(selfSupervision !== undefined && { selfSupervision }),
    monitor: given.monitor ?? (takesTaskDefaults ? taskDefaults.monitor : 'source-val-loss'),
    lrStepEpochs: given.lrStepEpochs ?? taskDefaults.lrStepEpochs,
    topK: given.topK ?? taskDefaults.topK,
    rho,
    margin: given.margin ?? rho / 2,
    separationWeight: given.separationWeight ?? given.lambda,
  };
}

const BASELINE_METHODS: readonly MethodName[] = ['none', 'source-only'];

/** `source-only` beside an adapting method; nothing beside a baseline. */
function defaultBaselines(method: MethodName): MethodName[] {
  return BASELINE_METHODS.includes(method) ? [] : ['source-only'];
}

function applyDefaults(parsed: ParsedRunConfig, environment: ConfigEnvironment): RunConfig {
  const gpu = environment.gpu === true || parsed.backend === 'tensorflow-gpu';
  const classes = parsed.classes ?? taskClasses(parsed.task);
  const imageSize = parsed.model.imageSize ?? (gpu ? 64 : 32);
  const { data, seed } = parsed;
  const method = parsed.method ?? (parsed.regression ? 'mmd' : 'deepastro');
  const targetValidation = data.targetValidation;
  return {
    task: parsed.task,
    data: {
      source: resolveSource(data.source, imageSize, seed + SIMULATION_SEED_OFFSETS.source, parsed.task),
      target: resolveSource(data.target, imageSize, seed + SIMULATION_SEED_OFFSETS.target, parsed.task),
      ...(targetValidation && {
        targetValidation: resolveSource(
          targetValidation,
          imageSize,
          seed + SIMULATION_SEED_OFFSETS.targetValidation,
          parsed.task,
        ),
      }),
      ...(data.paired && { paired: true as const }),
      intensityMatch: data.intensityMatch,
      commonField: data.commonField ?? (parsed.regression ? 'target' : 'none'),
      validationFraction: data.validationFraction,
      testFraction: data.testFraction,
    },
    classes: { source: [...classes.source], target: [...classes.target] },
    model: {
      architecture: parsed.model.architecture ?? (gpu ? 'resnet50' : 'resnet-mini'),
      imageSize,
      ...(parsed.model.init !== undefined && { init: parsed.model.init }),
    },
    method,
    hyperparameters: resolveHyperparameters(parsed, method, classes.source.length),
    ensemble: {
      members: parsed.ensemble.members ?? (gpu ? 4 : 1),
      baselines: parsed.ensemble.baselines ?? defaultBaselines(method),
    },
    seed,
    backend: parsed.backend,
    ...(parsed.regression && { regression: parsed.regression }),
  };
}

/**
 * Validates a run config (parsed JSON from a file, an event or argv) and applies every default: class
 * lists from the task, k, the LR step and self-supervision per task, ρ = ln(K)/2, m = ρ/2, CPU or GPU
 * sizes. Throws one InvalidConfigError naming each bad field and what was expected. Idempotent on its
 * own output.
 */
export function resolveConfig(input: unknown, environment: ConfigEnvironment = {}): RunConfig {
  const parsed = runConfigSchema.safeParse(input);
  if (!parsed.success) throw invalidConfig(zodIssues(parsed.error));
  const config = applyDefaults(parsed.data, environment);
  const issues = crossFieldIssues(config);
  if (environment.awsBatch && arraySize(config) < MIN_BATCH_ARRAY_SIZE) {
    issues.push({
      path: 'ensemble',
      message: `an AWS Batch array job needs at least ${MIN_BATCH_ARRAY_SIZE} children, got ${arraySize(config)} (members + baselines): add a member or a baseline`,
    });
  }
  if (issues.length > 0) throw invalidConfig(issues);
  return config;
}

/** resolveConfig on JSON text; malformed JSON is an InvalidConfigError too. */
export function resolveConfigJson(text: string, environment: ConfigEnvironment = {}): RunConfig {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw invalidConfig([{ path: '(root)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return resolveConfig(input, environment);
}
