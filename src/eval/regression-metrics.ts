import type { Domain } from '../data/dataset';

export interface RegressionErrors {
  /** Samples with a finite true value. */
  readonly n: number;
  readonly mae: number | null;
  readonly rmse: number | null;
  /** Mean of predicted − true: positive when the model overestimates. */
  readonly bias: number | null;
}

export interface RegressionInput {
  readonly domain: readonly Domain[];
  readonly predicted: Float32Array;
  /** NaN where the true value is unknown. */
  readonly truth: Float32Array;
}

/**
 * MAE, RMSE and bias of one domain over samples whose true value is known (and, with `keep`, that it
 * keeps).
 */
export function regressionErrors(
  input: RegressionInput,
  domain: Domain,
  keep: (row: number) => boolean = () => true,
): RegressionErrors {
  let n = 0;
  let absolute = 0;
  let squared = 0;
  let signed = 0;
  for (let i = 0; i < input.truth.length; i++) {
    if (input.domain[i] !== domain || !Number.isFinite(input.truth[i]) || !keep(i)) continue;
    const error = input.predicted[i] - input.truth[i];
    n++;
    absolute += Math.abs(error);
    signed += error;
    squared += error * error;
  }
  if (n === 0) return { n, mae: null, rmse: null, bias: null };
  return { n, mae: absolute / n, rmse: Math.sqrt(squared / n), bias: signed / n };
}

/** A regression run's errors: per domain, and on the target's galaxies of the source's classes. */
export interface RegressionSummary {
  readonly source: RegressionErrors;
  readonly target: RegressionErrors;
  /**
   * The target's galaxies whose true class is one the source has (n = 0 where the target has no
   * labels). A class the source never showed can carry a quantity its images do not show the way the
   * source's do (the simulator's merger: the half-light radius of one partner of a pair 2-4″ apart),
   * which no source-trained head can predict; this is the like-for-like comparison with the source.
   */
  readonly targetKnownClasses: RegressionErrors;
}

/** regressionErrors of both domains and of the target's known-class galaxies. */
export function regressionSummary(
  input: RegressionInput & {
    /** Each sample's true class, null where it has none. */
    readonly trueClass: readonly (string | null)[];
    /** The source's classes. */
    readonly classNames: readonly string[];
  },
): RegressionSummary {
  const known = new Set(input.classNames);
  const trueClass = input.trueClass;
  return {
    source: regressionErrors(input, 'source'),
    target: regressionErrors(input, 'target'),
    targetKnownClasses: regressionErrors(input, 'target', (row) => {
      const name = trueClass[row];
      return name !== null && known.has(name);
    }),
  };
}

export interface ScatterPoint {
  readonly domain: Domain;
  readonly truth: number;
  readonly predicted: number;
}

/** Predicted-vs-true points with a known truth, every `stride`-th one so that at most maxPoints remain. */
export function regressionScatter(input: RegressionInput, maxPoints: number): ScatterPoint[] {
  const known: number[] = [];
  for (let i = 0; i < input.truth.length; i++) if (Number.isFinite(input.truth[i])) known.push(i);
  const stride = Math.max(1, Math.ceil(known.length / maxPoints));
  return known
    .filter((_, j) => j % stride === 0)
    .map((i) => ({ domain: input.domain[i], truth: input.truth[i], predicted: input.predicted[i] }));
}
