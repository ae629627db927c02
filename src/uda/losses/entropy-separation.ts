import * as tf from '@tensorflow/tfjs-core';
import { predictionEntropy } from '../prediction-entropy';

/**
 * Entropy separation (ALGORITHM.md, losses 3): `L_es = −mean(max(|H(p) − ρ|, m))`. No gradient inside
 * the band |H − ρ| < m; outside it, low-entropy (known-looking) samples become more confident and
 * high-entropy (unknown-looking) ones less.
 * @param logits [b, K] target logits
 * @param rho entropy threshold ρ, ln(K)/2 by default
 * @param margin m, 0 ≤ m < ρ (resolveConfig refuses m ≥ ρ, where the loss is a constant with no gradient)
 * @returns scalar
 */
export function entropySeparationLoss(logits: tf.Tensor2D, rho: number, margin: number): tf.Scalar {
  return tf.tidy(() => {
    const distance = tf.abs(tf.sub(predictionEntropy(logits), rho));
    return tf.neg(tf.mean(tf.maximum(distance, margin))) as tf.Scalar;
  });
}
