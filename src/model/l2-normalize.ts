import * as tf from '@tensorflow/tfjs-core';

/** Floor on a row's squared norm: keeps a zero row (all-ReLU-off features) at zero with a finite gradient. */
const MIN_SQUARED_NORM = 1e-24;

/**
 * Each row (axis 1) or column (axis 0) divided by its Euclidean norm: features are L2-normalized before
 * every similarity, the cosine classifier's weight columns too. Written as x·rsqrt(max(Σx², ε)) rather
 * than x / max(‖x‖, ε): the gradient of ‖x‖ at a zero row is 0/0 = NaN.
 * @param x [n, d] (axis 1) or [d, k] (axis 0)
 * @returns the same shape, rows (columns) of norm 1; a zero row stays zero
 */
export function l2Normalize(x: tf.Tensor2D, axis: 0 | 1 = 1): tf.Tensor2D {
  return tf.tidy(
    () => tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), axis, true), MIN_SQUARED_NORM))) as tf.Tensor2D,
  );
}
