import { TrainingError } from '../../errors';
import type { NamedArrays } from './tensor-pack';

/** Where training stood when it diverged; epoch and step are 1-based, as the progress display shows them. */
export interface DivergencePoint {
  readonly member: number;
  readonly epoch: number;
  /** 0: at the end of the epoch. */
  readonly step: number;
  readonly learningRate: number;
}

function diverged(point: DivergencePoint, what: string): TrainingError {
  return new TrainingError(
    `member ${point.member} diverged at ${point.step > 0 ? `epoch ${point.epoch}, step ${point.step}` : `the end of epoch ${point.epoch}`}: ${what}; ` +
      `lower hyperparameters.learningRate (${point.learningRate} at that step) and start a new run`,
  );
}

/** Stops the member at the first step whose loss terms are not all finite, naming the term. */
export function assertFiniteLosses(losses: Readonly<Record<string, number>>, point: DivergencePoint): void {
  for (const [term, value] of Object.entries(losses)) {
    if (!Number.isFinite(value)) throw diverged(point, `loss term '${term}' is ${value}`);
  }
}

/** Stops the member before a checkpoint would keep a weight that is NaN or infinite. */
export function assertFiniteWeights(arrays: NamedArrays, point: DivergencePoint): void {
  for (const [name, { values }] of Object.entries(arrays)) {
    const index = values.findIndex((value) => !Number.isFinite(value));
    if (index >= 0) throw diverged(point, `weight ${name}[${index}] is ${values[index]}`);
  }
}
