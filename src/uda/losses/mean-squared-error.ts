import * as tf from '@tensorflow/tfjs-core';

/**
 * Mean squared error of the regression head on the source batch.
 * @param predictions [b] or [b, 1] float32
 * @param targets [b] float32, e.g. half-light radius in arcsec
 * @returns scalar
 */
export function meanSquaredErrorLoss(predictions: tf.Tensor, targets: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(tf.reshape(predictions, [-1]), targets)) as tf.Scalar);
}
