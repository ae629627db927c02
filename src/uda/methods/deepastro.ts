import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../../model/l2-normalize';
import { adaptiveClusteringLoss } from '../losses/adaptive-clustering';
import { entropySeparationLoss } from '../losses/entropy-separation';
import { neighborhoodClusteringLoss } from '../losses/neighborhood-clustering';
import { clusteringCandidates } from './clustering-candidates';
import type { LossParameters, MethodInputs, MethodLoss } from './method-inputs';
import { requireInput } from './required-input';
import { supervisedTerm } from './supervised';

/** The target-clustering term of the chosen variant, and its diagnostics. */
export function clusteringTerm(
  method: string,
  inputs: MethodInputs,
  params: LossParameters,
): { readonly value: tf.Scalar; readonly diagnostics: Record<string, tf.Scalar> } {
  const target = requireInput(inputs.target, method, 'a target batch');
  if (params.clustering === 'neighborhood') {
    const value = neighborhoodClusteringLoss({
      targetLogits: requireInput(target.logits, method, 'target.logits'),
      targetFeatures: l2Normalize(target.features),
      bank: requireInput(inputs.banks?.target, method, 'the target memory bank'),
      bankIndices: requireInput(target.bankIndices, method, 'target.bankIndices'),
      temperature: params.temperature,
    });
    return { value, diagnostics: {} };
  }
  const candidates = clusteringCandidates(method, inputs, params.temperature);
  const { loss, positivePairShare } = adaptiveClusteringLoss({
    targetFeatures: target.features,
    targetProbs: tf.softmax(requireInput(target.logits, method, 'target.logits')),
    candidateFeatures: candidates.features,
    candidateProbs: candidates.probs,
    topK: params.topK,
    pairMask: candidates.pairMask,
  });
  return { value: loss, diagnostics: { positivePairShare } };
}

/**
 * The study's method, `deepastro`: `L = L_CE + λ·L_cluster + λ_es·L_es` with λ_es = λ unless configured
 * (ALGORITHM.md: `L_CE + λ·(L_cluster + L_es)`), clustering by the variant in params (adaptive by default).
 */
export function deepastroLoss(inputs: MethodInputs, params: LossParameters): MethodLoss {
  const supervised = supervisedTerm('deepastro', inputs, params);
  const cluster = clusteringTerm('deepastro', inputs, params);
  const targetLogits = requireInput(inputs.target?.logits, 'deepastro', 'target.logits');
  const separation = entropySeparationLoss(targetLogits, params.rho, params.margin);
  const total = tf.addN([
    supervised.value,
    tf.mul(params.lambda, cluster.value),
    tf.mul(params.separationWeight, separation),
  ]);
  return {
    total: total as tf.Scalar,
    terms: { [supervised.name]: supervised.value, cluster: cluster.value, entropySeparation: separation },
    diagnostics: cluster.diagnostics,
  };
}
