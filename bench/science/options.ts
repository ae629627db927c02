import { parseArgs } from 'node:util';
import { TASKS, type TaskName } from '../../src/data/tasks';
import { DEFAULT_PAIRS, parsePair, QUICK_PAIRS, type SurveyPair } from './pairs';
import {
  DEFAULT_VARIANTS,
  REGRESSION_VARIANTS,
  SCIENCE_VARIANTS,
  type ScienceCase,
  type ScienceSizes,
  type ScienceVariantName,
} from './variants';

/** What one `npm run bench:science` run measures, after defaults. */
export interface ScienceOptions {
  readonly pairs: readonly SurveyPair[];
  readonly seeds: readonly number[];
  readonly tasks: readonly TaskName[];
  readonly variants: readonly ScienceVariantName[];
  /** Galaxies per domain per task, and of the regression cases (0: no regression cases). */
  readonly n: Readonly<Record<TaskName, number>>;
  readonly regressionN: number;
  readonly maxEpochs: number;
  readonly batchSize: number;
  readonly learningRate?: number;
  readonly parallel: number;
  readonly out?: string;
  /** A folder that keeps every classification case's predictions file (Arrow IPC), for analysis. */
  readonly keep?: string;
  readonly quick: boolean;
}

/** `--tasks` names the classification tasks and `regression`, the half-light-radius head's cases. */
const REGRESSION_TASK = 'regression';
const TASK_NAMES = [...(Object.keys(TASKS) as TaskName[]), REGRESSION_TASK] as const;

const FULL = {
  seeds: '3',
  tasks: '3class,10class,regression',
  n3: '400',
  n10: '600',
  nRegression: '300',
  epochs: '10',
};
const QUICK = {
  seeds: '2',
  tasks: '3class,regression',
  n3: '200',
  n10: '300',
  nRegression: '200',
  epochs: '3',
};

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function positiveInteger(name: string, text: string, allowZero = false): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(
      `--${name}: expected a ${allowZero ? 'non-negative' : 'positive'} integer, got "${text}"`,
    );
  }
  return value;
}

/** "3" is seeds 1..3; "4,7" is those seeds. */
function seedsFrom(text: string): number[] {
  if (!text.includes(',')) return Array.from({ length: positiveInteger('seeds', text) }, (_, i) => i + 1);
  return list(text).map((seed) => positiveInteger('seeds', seed, true));
}

function oneOf<T extends string>(name: string, values: readonly string[], known: readonly T[]): T[] {
  for (const value of values) {
    if (!(known as readonly string[]).includes(value)) {
      throw new Error(`--${name}: unknown "${value}"; expected some of ${known.join(', ')}`);
    }
  }
  if (values.length === 0) throw new Error(`--${name}: expected at least one of ${known.join(', ')}`);
  return values as T[];
}

/** Parses the benchmark's command line; every problem is one Error naming the option. */
export function parseScienceOptions(argv: readonly string[]): ScienceOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      pairs: { type: 'string' },
      seeds: { type: 'string' },
      tasks: { type: 'string' },
      variants: { type: 'string' },
      n: { type: 'string' },
      'n-10class': { type: 'string' },
      'n-regression': { type: 'string' },
      epochs: { type: 'string' },
      batch: { type: 'string', default: '32' },
      lr: { type: 'string' },
      parallel: { type: 'string', default: '2' },
      out: { type: 'string' },
      keep: { type: 'string' },
    },
    strict: true,
  });
  const base = values.quick ? QUICK : FULL;
  const tasks = oneOf('tasks', list(values.tasks ?? base.tasks), TASK_NAMES);
  const learningRate = values.lr === undefined ? undefined : Number(values.lr);
  if (learningRate !== undefined && !(learningRate > 0)) {
    throw new Error(`--lr: expected a positive number, got "${values.lr}"`);
  }
  return {
    quick: values.quick,
    pairs: list(values.pairs ?? (values.quick ? QUICK_PAIRS : DEFAULT_PAIRS).join(',')).map(parsePair),
    seeds: seedsFrom(values.seeds ?? base.seeds),
    tasks: tasks.filter((task): task is TaskName => task !== REGRESSION_TASK),
    variants: oneOf(
      'variants',
      list(values.variants ?? DEFAULT_VARIANTS.join(',')),
      Object.keys(SCIENCE_VARIANTS) as ScienceVariantName[],
    ),
    n: {
      '3class': positiveInteger('n', values.n ?? base.n3),
      '10class': positiveInteger('n-10class', values['n-10class'] ?? base.n10),
    },
    regressionN: tasks.includes(REGRESSION_TASK)
      ? positiveInteger('n-regression', values['n-regression'] ?? base.nRegression, true)
      : 0,
    maxEpochs: positiveInteger('epochs', values.epochs ?? base.epochs),
    batchSize: positiveInteger('batch', values.batch),
    ...(learningRate !== undefined && { learningRate }),
    parallel: positiveInteger('parallel', values.parallel),
    ...(values.out !== undefined && { out: values.out }),
    ...(values.keep !== undefined && { keep: values.keep }),
  };
}

/** Every case of a run, pair by pair: each task's variants over the seeds, then the regression head's. */
export function plannedCases(options: ScienceOptions): ScienceCase[] {
  const sizes = (n: number): ScienceSizes => ({
    n,
    maxEpochs: options.maxEpochs,
    batchSize: options.batchSize,
    ...(options.learningRate !== undefined && { learningRate: options.learningRate }),
  });
  return options.pairs.flatMap((pair) => [
    ...options.tasks.flatMap((task) =>
      options.seeds.flatMap((seed) =>
        options.variants.map((variant): ScienceCase => ({
          kind: 'classification',
          pair,
          task,
          variant,
          seed,
          sizes: sizes(options.n[task]),
        })),
      ),
    ),
    ...(options.regressionN === 0 ? [] : options.seeds).flatMap((seed) =>
      REGRESSION_VARIANTS.map((variant): ScienceCase => ({
        kind: 'regression',
        pair,
        task: '3class',
        variant,
        seed,
        sizes: sizes(options.regressionN),
      })),
    ),
  ]);
}
