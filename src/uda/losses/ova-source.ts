import * as tf from '@tensorflow/tfjs-core';
import { OVA_EPSILON, ovaProbabilities } from './ova-probabilities';

export interface OvaSourceLoss {
  /** Mean over the batch of −log p(known | true class's classifier). */
  readonly positive: tf.Scalar;
  /** Mean over the batch of the hardest negative: max over the other classes of −log p(not class). */
  readonly hardNegative: tf.Scalar;
}

/**
 * OVANet's source loss (Saito & Saenko 2021): each of the K one-vs-all classifiers is a 2-way softmax
 * (index 0: "not this class", index 1: "this class"); the true class's classifier is pushed to
 * "this class" and, of the others, only the hardest negative is pushed to "not this class".
 * @param ovaLogits [b, 2, K] float32
 * @param labels [b] int32 class indices in [0, K)
 */
export function ovaSourceLoss(ovaLogits: tf.Tensor3D, labels: tf.Tensor1D): OvaSourceLoss {
  return tf.tidy(() => {
    const numClasses = ovaLogits.shape[2];
    const [notClass, isClass] = tf.unstack(ovaProbabilities(ovaLogits), 2) as [tf.Tensor2D, tf.Tensor2D];
    const positiveMask = tf.oneHot(tf.cast(labels, 'int32'), numClasses);
    const negativeMask = tf.sub(1, positiveMask);
    const positive = tf.mean(tf.sum(tf.mul(tf.neg(tf.log(tf.add(isClass, OVA_EPSILON))), positiveMask), 1));
    const hardNegative = tf.mean(
      tf.max(tf.mul(tf.neg(tf.log(tf.add(notClass, OVA_EPSILON))), negativeMask), 1),
    );
    return { positive: positive as tf.Scalar, hardNegative: hardNegative as tf.Scalar };
  });
}
