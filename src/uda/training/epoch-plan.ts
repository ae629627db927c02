import { epochBatches } from '../../data/batch';
import { shuffleInPlace } from '../../data/rng';
import { InvalidConfigError } from '../../errors';
import type { EpochPlan } from './step-batches';
import type { TrainingData } from './training-data';
import type { RandomStreams } from './random-streams';

export interface EpochPlanOptions {
  readonly batchSize: number;
  /** Class-balanced sampling of the source (ALGORITHM.md, losses 1). */
  readonly balanced: boolean;
  /** Whether target batches go through the model. */
  readonly usesTarget: boolean;
}

/**
 * The sample orders of one epoch, drawn from the epoch's own random streams. An epoch is one pass over
 * the source training split (last partial batch dropped); the target is visited in as many shuffled
 * passes as that takes, each batch inside one pass so no sample repeats within a batch.
 */
export function planEpoch(
  data: TrainingData,
  streams: RandomStreams,
  epoch: number,
  options: EpochPlanOptions,
): EpochPlan {
  const { batchSize } = options;
  checkSize(data.sourceTrain.n, batchSize, 'source training split');
  const sourceOrder = options.balanced
    ? balancedOrder(data, batchSize, streams, epoch)
    : shuffleInPlace(range(data.sourceTrain.n), streams.epochOrder(epoch, 'source'));
  const steps = Math.floor(sourceOrder.length / batchSize);
  if (!options.usesTarget) return { sourceOrder, steps, batchSize };
  checkSize(data.target.n, batchSize, 'target set');
  return {
    sourceOrder,
    targetOrder: targetOrder(data.target.n, steps, batchSize, streams, epoch),
    steps,
    batchSize,
  };
}

function targetOrder(
  n: number,
  steps: number,
  batchSize: number,
  streams: RandomStreams,
  epoch: number,
): Int32Array {
  const rng = streams.epochOrder(epoch, 'target');
  const usablePerPass = Math.floor(n / batchSize) * batchSize;
  const order = new Int32Array(steps * batchSize);
  for (let filled = 0; filled < order.length; filled += usablePerPass) {
    const pass = shuffleInPlace(range(n), rng).subarray(0, Math.min(usablePerPass, order.length - filled));
    order.set(pass, filled);
  }
  return order;
}

function balancedOrder(
  data: TrainingData,
  batchSize: number,
  streams: RandomStreams,
  epoch: number,
): Int32Array {
  const rows = range(data.sourceTrain.n);
  const options = { batchSize, rng: streams.epochOrder(epoch, 'source'), balanced: true };
  const batches = [...epochBatches(data.sourceTrain, rows, options)].map((batch) => batch.indices);
  const order = new Int32Array(batches.length * batchSize);
  batches.forEach((indices, b) => order.set(indices, b * batchSize));
  return order;
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

function checkSize(samples: number, batchSize: number, what: string): void {
  if (samples < batchSize) {
    throw new InvalidConfigError(
      `hyperparameters.batchSize: ${batchSize} is larger than the ${what} (${samples} samples); lower it or add data`,
    );
  }
}
