import * as tf from '@tensorflow/tfjs-core';
import { classWeightedCrossEntropy } from '../losses/class-weighted-cross-entropy';
import { meanSquaredErrorLoss } from '../losses/mean-squared-error';
import type { LossParameters, MethodInputs } from './method-inputs';
import { requireInput } from './required-input';

/**
 * The source loss every method starts from: MSE when the source batch carries regression targets,
 * class-weighted cross-entropy otherwise. Returned as a named term.
 */
export function supervisedTerm(
  method: string,
  inputs: MethodInputs,
  params: LossParameters,
): { readonly name: 'mse' | 'ce'; readonly value: tf.Scalar } {
  const { source } = inputs;
  if (source.targets !== undefined) {
    const predictions = requireInput(source.predictions, method, 'source.predictions for regression targets');
    return { name: 'mse', value: meanSquaredErrorLoss(predictions, source.targets) };
  }
  const logits = requireInput(source.logits, method, 'source.logits');
  const labels = requireInput(source.labels, method, 'source.labels');
  return { name: 'ce', value: classWeightedCrossEntropy(logits, labels, params.classWeights) };
}
