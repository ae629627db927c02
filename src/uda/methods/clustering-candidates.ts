import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../../model/l2-normalize';
import type { MethodInputs, TargetOutputs } from './method-inputs';
import { requireInput } from './required-input';

/** Candidate neighbours of the target batch for adaptive clustering, with the pairs that count. */
export interface ClusteringCandidates {
  /** [m, d] L2-normalized: the target batch, then the source bank, then the target bank. */
  readonly features: tf.Tensor2D;
  /** [m, K] class probabilities of the candidates. */
  readonly probs: tf.Tensor2D;
  /** [b, m] 0 for a sample paired with itself (batch diagonal, its own target-bank row), else 1. */
  readonly pairMask: tf.Tensor2D;
}

/** Probabilities of bank entries under the cosine classifier: softmax(M·Ŵᵀ / T). */
function bankProbs(bank: tf.Tensor2D, prototypes: tf.Tensor2D, temperature: number): tf.Tensor2D {
  return tf.softmax(
    tf.div(tf.matMul(bank, l2Normalize(prototypes), false, true), temperature),
  ) as tf.Tensor2D;
}

/** The mask block of one bank: 1 everywhere, or 0 at each batch sample's own row when it is that domain's bank. */
function bankMask(target: TargetOutputs, bankSize: number, ownRows: boolean): tf.Tensor2D {
  const batchSize = target.features.shape[0];
  if (!ownRows || target.bankIndices === undefined) return tf.ones([batchSize, bankSize]);
  return tf.sub(1, tf.oneHot(tf.cast(target.bankIndices, 'int32'), bankSize)) as tf.Tensor2D;
}

/**
 * The batch and every memory bank given, as candidates j for target sample i (ALGORITHM.md: "the batch
 * and the bank"). Bank entries are scored by the classifier prototypes, so gradients reach the classifier
 * through them too.
 */
export function clusteringCandidates(
  method: string,
  inputs: MethodInputs,
  temperature: number,
): ClusteringCandidates {
  const target = requireInput(inputs.target, method, 'a target batch');
  const logits = requireInput(target.logits, method, 'target.logits');
  const batchSize = target.features.shape[0];
  const features: tf.Tensor2D[] = [l2Normalize(target.features)];
  const probs: tf.Tensor2D[] = [tf.softmax(logits) as tf.Tensor2D];
  const masks: tf.Tensor2D[] = [tf.sub(1, tf.eye(batchSize)) as tf.Tensor2D];
  for (const domain of ['source', 'target'] as const) {
    const bank = inputs.banks?.[domain];
    if (bank === undefined) continue;
    const prototypes = requireInput(
      inputs.prototypes,
      method,
      'prototypes (classifier weights) to score bank entries',
    );
    features.push(bank);
    probs.push(bankProbs(bank, prototypes, temperature));
    masks.push(bankMask(target, bank.shape[0], domain === 'target'));
  }
  return { features: tf.concat(features, 0), probs: tf.concat(probs, 0), pairMask: tf.concat(masks, 1) };
}
