import * as tf from '@tensorflow/tfjs-core';
import { OVA_EPSILON, ovaProbabilities } from './ova-probabilities';

/**
 * OVANet's open-set entropy minimization on the target: the entropy of every 2-way one-vs-all softmax,
 * averaged over the K classifiers and the batch. Minimizing it makes each classifier decide "this class"
 * or "not this class" for unlabelled samples, which separates unknowns without a threshold.
 * @param ovaLogits [b, 2, K] float32
 * @returns scalar in [0, ln 2]
 */
export function openEntropyLoss(ovaLogits: tf.Tensor3D): tf.Scalar {
  return tf.tidy(() => {
    const probs = ovaProbabilities(ovaLogits);
    const entropy = tf.neg(tf.sum(tf.mul(probs, tf.log(tf.add(probs, OVA_EPSILON))), 2));
    return tf.mean(entropy) as tf.Scalar;
  });
}
