import * as tf from '@tensorflow/tfjs-core';
import { DeepAstroError } from '../errors';

/** Tensors outlived the step that created them. */
export class TensorLeakError extends DeepAstroError {}

export interface TensorCountTrace {
  /** Live tensors after the warm-up steps, before the measured ones. */
  readonly baseline: number;
  /** Live tensors after each measured step. */
  readonly counts: readonly number[];
  /** (last count − baseline) / steps: 0 when nothing leaks. */
  readonly leakedPerStep: number;
}

/**
 * Runs `step` warm-up times (first-call allocations such as optimizer slots are not leaks), then
 * `steps` times, recording tf.memory().numTensors after each.
 */
export async function traceTensorCounts(
  step: () => unknown,
  steps: number,
  warmupSteps = 1,
): Promise<TensorCountTrace> {
  for (let i = 0; i < warmupSteps; i++) await step();
  const baseline = tf.memory().numTensors;
  const counts: number[] = [];
  for (let i = 0; i < steps; i++) {
    await step();
    counts.push(tf.memory().numTensors);
  }
  const last = counts.length > 0 ? counts[counts.length - 1] : baseline;
  return { baseline, counts, leakedPerStep: steps > 0 ? (last - baseline) / steps : 0 };
}

/**
 * Like traceTensorCounts, and throws when the count after any measured step differs from the baseline.
 * @throws TensorLeakError with the counts
 */
export async function expectFlatTensorCount(
  step: () => unknown,
  steps: number,
  warmupSteps = 1,
): Promise<TensorCountTrace> {
  const trace = await traceTensorCounts(step, steps, warmupSteps);
  if (trace.counts.some((count) => count !== trace.baseline)) {
    throw new TensorLeakError(
      `tensor count not flat over ${steps} steps: baseline ${trace.baseline}, after each step ${trace.counts.join(', ')}`,
    );
  }
  return trace;
}
