import * as tf from '@tensorflow/tfjs-core';
import { rankStatisticPairs } from './rank-statistics';

/** Clip for p_i·p_j inside the logarithms of the binary cross-entropy. */
const PAIR_PROBABILITY_EPSILON = 1e-7;

export interface AdaptiveClusteringInputs {
  /** [b, d] features of the target batch (their top-k dimensions define the pairwise targets). */
  readonly targetFeatures: tf.Tensor2D;
  /** [b, K] class probabilities of the target batch. */
  readonly targetProbs: tf.Tensor2D;
  /** [m, d] candidate neighbours: the batch itself and memory-bank entries. */
  readonly candidateFeatures: tf.Tensor2D;
  /** [m, K] class probabilities of the candidates. */
  readonly candidateProbs: tf.Tensor2D;
  /** k of the rank statistics: 3 for 3 classes, 7 for 10 in the study. */
  readonly topK: number;
  /** [b, m] 1 where the pair counts, 0 to leave it out (a sample paired with itself). Default: all pairs. */
  readonly pairMask?: tf.Tensor2D;
}

export interface AdaptiveClusteringResult {
  /** Mean binary cross-entropy over the counted pairs. */
  readonly loss: tf.Scalar;
  /** Share of counted pairs whose target is "same cluster" (s_ij = 1); no gradient. */
  readonly positivePairShare: tf.Scalar;
}

/**
 * Adaptive clustering (ALGORITHM.md, losses 2): binary cross-entropy between the probability that two
 * samples share a class, `p_i·p_j`, and the rank-statistics target `s_ij` (equal top-k index sets).
 * Gradients flow through the probabilities only; `s_ij` is a constant.
 */
export function adaptiveClusteringLoss(inputs: AdaptiveClusteringInputs): AdaptiveClusteringResult {
  return tf.tidy(() => {
    const targets = rankStatisticPairs(inputs.targetFeatures, inputs.candidateFeatures, inputs.topK);
    const mask = inputs.pairMask ?? tf.onesLike(targets);
    const sameClass = tf.clipByValue(
      tf.matMul(inputs.targetProbs, inputs.candidateProbs, false, true),
      PAIR_PROBABILITY_EPSILON,
      1 - PAIR_PROBABILITY_EPSILON,
    );
    const perPair = tf.neg(
      tf.add(tf.mul(targets, tf.log(sameClass)), tf.mul(tf.sub(1, targets), tf.log(tf.sub(1, sameClass)))),
    );
    const pairCount = tf.maximum(tf.sum(mask), 1);
    return {
      loss: tf.div(tf.sum(tf.mul(perPair, mask)), pairCount) as tf.Scalar,
      positivePairShare: tf.div(tf.sum(tf.mul(targets, mask)), pairCount) as tf.Scalar,
    };
  });
}
