import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../errors';

/**
 * Class weights `w_k = N_s / (K · n_k)` (ALGORITHM.md): a balanced source gives 1 for every class and a
 * rare class weighs more. A class without samples cannot be weighted and is refused.
 * @param classCounts n_k per source class, length K
 */
export function classWeights(classCounts: readonly number[]): number[] {
  const total = classCounts.reduce((sum, count) => sum + count, 0);
  const empty = classCounts.findIndex((count) => !(count > 0));
  if (empty >= 0) {
    throw new TrainingError(
      `class ${empty} has ${classCounts[empty]} source samples; every source class needs at least one to be weighted`,
    );
  }
  return classCounts.map((count) => total / (classCounts.length * count));
}

/**
 * Class-weighted cross-entropy on the source batch. Normalized like PyTorch's
 * `CrossEntropyLoss(weight=w)`: `Σ_i w_{y_i}·CE_i / Σ_i w_{y_i}`, so it equals plain mean CE when all
 * weights are equal.
 * @param logits [b, K] float32 (for the cosine classifier: already divided by the temperature)
 * @param labels [b] int32 class indices in [0, K)
 * @param weights [K] class weights, e.g. from {@link classWeights}
 * @returns scalar
 */
export function classWeightedCrossEntropy(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  weights: tf.Tensor1D | readonly number[],
): tf.Scalar {
  return tf.tidy(() => {
    const numClasses = logits.shape[1];
    const weightTensor = weights instanceof tf.Tensor ? weights : tf.tensor1d(weights as number[]);
    const oneHot = tf.oneHot(tf.cast(labels, 'int32'), numClasses);
    const perSample = tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1));
    const sampleWeights = tf.sum(tf.mul(oneHot, weightTensor), 1);
    return tf.div(tf.sum(tf.mul(sampleWeights, perSample)), tf.sum(sampleWeights)) as tf.Scalar;
  });
}
