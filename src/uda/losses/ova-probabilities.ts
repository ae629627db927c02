import * as tf from '@tensorflow/tfjs-core';

/** Keeps log() finite for saturated one-vs-all probabilities, as OVANet does. */
export const OVA_EPSILON = 1e-8;

/**
 * The 2-way softmax of each one-vs-all classifier.
 * @param ovaLogits [b, 2, K] float32, index 0 "not this class", index 1 "this class"
 * @returns [b, K, 2] probabilities, [:, k, 0] p(not class k) and [:, k, 1] p(class k)
 */
export function ovaProbabilities(ovaLogits: tf.Tensor3D): tf.Tensor3D {
  return tf.softmax(tf.transpose(ovaLogits, [0, 2, 1])) as tf.Tensor3D;
}
