import * as tf from '@tensorflow/tfjs-core';

/**
 * Shannon entropy (nats) of each row's softmax, computed from logits through logSoftmax so that a
 * near one-hot prediction (cosine classifier at T = 0.05) does not produce log(0).
 * @param logits [b, K] float32
 * @returns [b] float32, each in [0, ln K]
 */
export function predictionEntropy(logits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits);
    return tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1)) as tf.Tensor1D;
  });
}

/**
 * Shannon entropy (nats) of each row of a probability matrix, with probabilities clipped away from 0.
 * @param probs [b, c] float32, rows summing to 1
 * @returns [b] float32
 */
export function probabilityEntropy(probs: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(
    () => tf.neg(tf.sum(tf.mul(probs, tf.log(tf.clipByValue(probs, 1e-8, 1))), 1)) as tf.Tensor1D,
  );
}
