import * as tf from '@tensorflow/tfjs-core';
import { probabilityEntropy } from '../prediction-entropy';

export interface NeighborhoodClusteringInputs {
  /** [b, K] classifier logits of the target batch: prototype similarities already divided by T. */
  readonly targetLogits: tf.Tensor2D;
  /** [b, d] L2-normalized features of the target batch. */
  readonly targetFeatures: tf.Tensor2D;
  /** [N, d] L2-normalized target memory bank. */
  readonly bank: tf.Tensor2D;
  /** [b] int32 row of the bank that holds each batch sample. */
  readonly bankIndices: tf.Tensor1D;
  /** Softmax temperature T (0.05). */
  readonly temperature: number;
}

/**
 * Neighborhood clustering of DANCE (ALGORITHM.md, losses 2): each target sample's softmax over
 * `[prototypes ‖ f·Mᵀ/T ‖ f·f_batchᵀ/T]`, the mean entropy of that distribution. The bank rows of the
 * batch's own samples and the batch diagonal are set to −1/T, so a sample is never its own neighbour
 * (it appears once, through the batch block, for every other sample).
 * @returns scalar mean entropy
 */
export function neighborhoodClusteringLoss(inputs: NeighborhoodClusteringInputs): tf.Scalar {
  return tf.tidy(() => {
    const { targetFeatures, bank, temperature } = inputs;
    const batchSize = targetFeatures.shape[0];
    const masked = -1 / temperature;
    const ownBankRows = tf.oneHot(tf.cast(inputs.bankIndices, 'int32'), bank.shape[0]);
    const bankSimilarity = tf.where(
      tf.cast(ownBankRows, 'bool'),
      tf.fill(ownBankRows.shape, masked),
      tf.div(tf.matMul(targetFeatures, bank, false, true), temperature),
    );
    const diagonal = tf.cast(tf.eye(batchSize), 'bool');
    const batchSimilarity = tf.where(
      diagonal,
      tf.fill([batchSize, batchSize], masked),
      tf.div(tf.matMul(targetFeatures, targetFeatures, false, true), temperature),
    );
    const all = tf.concat([inputs.targetLogits, bankSimilarity, batchSimilarity], 1);
    return tf.mean(probabilityEntropy(tf.softmax(all) as tf.Tensor2D)) as tf.Scalar;
  });
}
