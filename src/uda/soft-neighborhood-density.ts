import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../errors';
import { l2Normalize } from '../model/l2-normalize';
import { probabilityEntropy } from './prediction-entropy';

/** Rows per block, so the [n, n] similarity matrix never has to exist at once. */
const ROW_BLOCK = 512;

/**
 * Soft neighborhood density (SND, Saito et al. 2021): an unsupervised model-selection score on
 * unlabelled target data; higher is better. Rows are L2-normalized, each sample's similarities to all
 * other samples (itself masked to −1/T) go through a softmax at temperature T, and SND is the mean
 * entropy of those distributions. The paper applies it to softmax probabilities; features work too.
 * @param embeddings [n, c] float32, n ≥ 2: target class probabilities (or features)
 * @param temperature T, 0.05 as in the paper
 * @returns the score, a plain number (one synchronous read: call it once per evaluation, not per step)
 */
export function softNeighborhoodDensity(embeddings: tf.Tensor2D, temperature = 0.05): number {
  const n = embeddings.shape[0];
  if (n < 2) throw new TrainingError(`SND needs at least 2 target samples, got ${n}`);
  const total = tf.tidy(() => {
    const normalized = l2Normalize(embeddings);
    const blockSums: tf.Scalar[] = [];
    for (let start = 0; start < n; start += ROW_BLOCK) {
      const size = Math.min(ROW_BLOCK, n - start);
      const rows = tf.slice(normalized, [start, 0], [size, -1]);
      const self = tf.cast(tf.oneHot(tf.range(start, start + size, 1, 'int32'), n), 'bool');
      const logits = tf.where(
        self,
        tf.fill([size, n], -1 / temperature),
        tf.div(tf.matMul(rows, normalized, false, true), temperature),
      );
      blockSums.push(tf.sum(probabilityEntropy(tf.softmax(logits) as tf.Tensor2D)));
    }
    return tf.div(tf.addN(blockSums), n);
  });
  const value = total.dataSync()[0];
  total.dispose();
  return value;
}
