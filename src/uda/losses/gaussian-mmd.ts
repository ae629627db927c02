import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../errors';

/**
 * Squared pairwise Euclidean distances, ‖x‖² + ‖y‖² − 2x·y, clipped at 0 against rounding.
 * @param x [n, d]  @param y [m, d]  @returns [n, m]
 */
function squaredDistances(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
  const xx = tf.sum(tf.square(x), 1, true);
  const yy = tf.reshape(tf.sum(tf.square(y), 1), [1, -1]);
  return tf.relu(tf.sub(tf.add(xx, yy), tf.mul(2, tf.matMul(x, y, false, true)))) as tf.Tensor2D;
}

/** Mean over all pairs of the sum of Gaussian kernels exp(−‖x − y‖² / (2σ²)) over the bandwidths. */
function meanKernel(x: tf.Tensor2D, y: tf.Tensor2D, bandwidths: readonly number[]): tf.Scalar {
  const distances = squaredDistances(x, y);
  const kernels = bandwidths.map((sigma) => tf.exp(tf.div(distances, -2 * sigma * sigma)));
  return tf.mean(tf.addN(kernels)) as tf.Scalar;
}

/**
 * Maximum mean discrepancy (biased estimate of MMD²) between source and target features, with a sum
 * of Gaussian kernels at several bandwidths so that no single length scale has to be right
 * (the regression adaptation of ALGORITHM.md).
 * @param source [b_s, d]
 * @param target [b_t, d]
 * @param bandwidths kernel widths σ, each > 0
 * @returns scalar ≥ 0 (up to rounding)
 */
export function gaussianMmdLoss(
  source: tf.Tensor2D,
  target: tf.Tensor2D,
  bandwidths: readonly number[],
): tf.Scalar {
  if (bandwidths.length === 0 || bandwidths.some((sigma) => !(sigma > 0))) {
    throw new TrainingError(`MMD bandwidths must be a non-empty list of numbers > 0, got [${bandwidths}]`);
  }
  return tf.tidy(
    () =>
      tf.sub(
        tf.add(meanKernel(source, source, bandwidths), meanKernel(target, target, bandwidths)),
        tf.mul(2, meanKernel(source, target, bandwidths)),
      ) as tf.Scalar,
  );
}
