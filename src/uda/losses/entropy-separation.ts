import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../errors';
import { predictionEntropy } from '../prediction-entropy';

/**
 * Why a margin is refused, or undefined when it can train. H(p) lies in [0, ln K] and ρ defaults to
 * ln(K)/2, so |H − ρ| never exceeds ρ: with m ≥ ρ the loss is the constant −m and has no gradient
 * (the study's m = 0.4 with K = 2, ρ = 0.347, is such a case).
 */
export function entropySeparationProblem(rho: number, margin: number): string | undefined {
  if (!(rho > 0)) return `rho must be > 0, got ${rho}`;
  if (!(margin >= 0)) return `margin m must be ≥ 0, got ${margin}`;
  if (margin >= rho) {
    return (
      `margin m = ${margin} ≥ rho = ${rho}: the prediction entropy lies in [0, ln K] and ρ = ln(K)/2, so ` +
      `|H − ρ| never exceeds ρ and max(|H − ρ|, m) = m is a constant with no gradient; choose m < ρ (default ρ/2)`
    );
  }
  return undefined;
}

/**
 * Entropy separation (ALGORITHM.md, losses 3): `L_es = −mean(max(|H(p) − ρ|, m))`. No gradient inside
 * the band |H − ρ| < m; outside it, low-entropy (known-looking) samples become more confident and
 * high-entropy (unknown-looking) ones less.
 * @param logits [b, K] target logits
 * @param rho entropy threshold ρ, ln(K)/2 by default
 * @param margin m, 0 ≤ m < ρ; a margin that can never train throws TrainingError
 * @returns scalar
 */
export function entropySeparationLoss(logits: tf.Tensor2D, rho: number, margin: number): tf.Scalar {
  const problem = entropySeparationProblem(rho, margin);
  if (problem !== undefined) throw new TrainingError(`entropy separation: ${problem}`);
  return tf.tidy(() => {
    const distance = tf.abs(tf.sub(predictionEntropy(logits), rho));
    return tf.neg(tf.mean(tf.maximum(distance, margin))) as tf.Scalar;
  });
}
