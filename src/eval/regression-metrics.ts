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

/** MAE, RMSE and bias of one domain over samples whose true value is known. */
export function regressionErrors(input: RegressionInput, domain: Domain): RegressionErrors {
  let n = 0;
  let absolute = 0;
  let squared = 0;
  let signed = 0;
  for (let i = 0; i < input.truth.length; i++) {
    if (input.domain[i] !== domain || !Number.isFinite(input.truth[i])) continue;
    const error = input.predicted[i] - input.truth[i];
    n++;
    absolute += Math.abs(error);
    signed += error;
    squared += error * error;
  }
  if (n === 0) return { n, mae: null, rmse: null, bias: null };
  return { n, mae: absolute / n, rmse: Math.sqrt(squared / n), bias: signed / n };
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
