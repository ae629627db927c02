import * as tf from '@tensorflow/tfjs-core';
import { isTargetMonitor, type Monitor } from '../../config/run-config';
import type { Dataset } from '../../data/dataset';
import { subset } from '../../data/subset';
import { otsuSeparability } from '../../eval/calibrated-threshold';
import { rowEntropy } from '../../eval/entropy';
import type { UdaModel } from '../../model';
import { softNeighborhoodDensity } from '../soft-neighborhood-density';
import { argMax, predictDataset, type DatasetOutputs } from './inference';
import type { ValidationMetrics } from './types';

/** At most this many target samples enter a target monitor: SND's similarity matrix grows with n². */
const TARGET_MAX_SAMPLES = 4096;

/**
 * A target monitor never keeps an epoch whose predictions put more than this share of the target in
 * one class. Identical predictions make every neighbourhood uniform, SND's maximum, so unguarded it
 * kept collapsed early epochs (bench/science.md, run 14b: 11 of 12 cases).
 */
export const MAX_TARGET_CLASS_SHARE = 0.9;

type TargetMetrics = Pick<ValidationMetrics, 'snd' | 'entropyBimodality' | 'targetLargestClassShare'>;

/**
 * Whether an epoch may be kept: always, except under a target monitor when the target's predictions
 * collapsed onto one class (more than MAX_TARGET_CLASS_SHARE of it).
 */
export function mayBeKept(monitor: Monitor, metrics: ValidationMetrics): boolean {
  if (!isTargetMonitor(monitor)) return true;
  return !((metrics.targetLargestClassShare ?? 0) > MAX_TARGET_CLASS_SHARE);
}

/**
 * The monitored target quantity of an epoch (evaluation mode, on at most TARGET_MAX_SAMPLES target
 * samples at an even stride) and the share of those samples the most predicted class takes:
 * - `snd`: soft neighborhood density of the class probabilities at temperature T;
 * - `entropy-bimodality`: Otsu's separability of the prediction entropies, how cleanly the target
 *   splits into confident (known) and uncertain (unknown) galaxies.
 */
export async function targetMetrics(
  model: UdaModel,
  target: Dataset,
  monitor: Monitor,
  options: { batchSize: number; temperature: number },
): Promise<TargetMetrics> {
  const stride = Math.max(1, Math.ceil(target.n / TARGET_MAX_SAMPLES));
  const rows = Int32Array.from({ length: Math.ceil(target.n / stride) }, (_, i) => i * stride);
  const sampled = stride === 1 ? target : subset(target, rows);
  const outputs = await predictDataset(model, sampled, 'target', options.batchSize);
  const targetLargestClassShare = largestClassShare(outputs);
  if (monitor === 'entropy-bimodality') {
    return { entropyBimodality: otsuSeparability(entropies(outputs)), targetLargestClassShare };
  }
  const probabilities = tf.tidy(() =>
    tf.exp(tf.tensor2d(outputs.logProbabilities, [outputs.n, outputs.numClasses])),
  );
  try {
    const snd = softNeighborhoodDensity(probabilities as tf.Tensor2D, options.temperature);
    return { snd, targetLargestClassShare };
  } finally {
    probabilities.dispose();
  }
}

function largestClassShare(outputs: DatasetOutputs): number {
  const k = outputs.numClasses;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < outputs.n; i++) counts[argMax(outputs.logProbabilities.subarray(i * k, (i + 1) * k))]++;
  return Math.max(...counts) / outputs.n;
}

/** Entropy (nats) of each row, from its log-probabilities (in double precision). */
function entropies(outputs: DatasetOutputs): Float64Array {
  const probabilities = Float64Array.from(outputs.logProbabilities, Math.exp);
  return Float64Array.from({ length: outputs.n }, (_, i) => rowEntropy(probabilities, i, outputs.numClasses));
}
