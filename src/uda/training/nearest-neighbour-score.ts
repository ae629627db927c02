import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../../model/l2-normalize';

/**
 * How many nearest source-training features the deep nearest-neighbour score looks past. Fixed, and chosen
 * without target labels: Sun et al. (2022) use a k-th neighbour a small way into the training set
 * (k = 50 of CIFAR-10's 50,000); this project's source training sets are hundreds to a few thousand images
 * with 2–10 classes, where k = 10 still lies well inside a class's own neighbourhood (each class has
 * dozens of images or more) while smoothing over single mislabelled or odd neighbours.
 */
export const NEAREST_NEIGHBOUR_K = 10;

/** Rows of the query that go through one matrix product: bounds memory to rows × bank size floats. */
const QUERY_ROWS_PER_PRODUCT = 512;

/**
 * Deep nearest-neighbour unknown score (Sun et al. 2022, "Out-of-distribution detection with deep nearest
 * neighbors"): for each query row, 1 − cosine similarity to its k-th most similar row of the bank, both
 * L2-normalized first. Higher = farther from everything the source showed. Computed as batched matrix
 * products with top-k in tfjs.
 * @param queries [m, dim] row-major features
 * @param bank [n, dim] row-major source-training features
 * @param k clipped to the bank's size
 * @returns [m] distances in [0, 2]; empty when the bank is empty
 */
export function nearestNeighbourDistances(
  queries: Float32Array,
  bank: Float32Array,
  dim: number,
  k: number = NEAREST_NEIGHBOUR_K,
): Float32Array {
  const m = queries.length / dim;
  const n = bank.length / dim;
  const out = new Float32Array(m);
  if (n === 0) return out.fill(NaN);
  const kth = Math.max(1, Math.min(k, n));
  const bankTensor = tf.tidy(() => l2Normalize(tf.tensor2d(bank, [n, dim])));
  try {
    for (let start = 0; start < m; start += QUERY_ROWS_PER_PRODUCT) {
      const rows = Math.min(QUERY_ROWS_PER_PRODUCT, m - start);
      const distances = tf.tidy(() => {
        const query = l2Normalize(
          tf.tensor2d(queries.subarray(start * dim, (start + rows) * dim), [rows, dim]),
        );
        const { values } = tf.topk(tf.matMul(query, bankTensor, false, true), kth, true);
        return tf.sub(1, tf.squeeze(tf.slice(values, [0, kth - 1], [-1, 1]), [1]));
      });
      out.set(distances.dataSync() as Float32Array, start);
      distances.dispose();
    }
  } finally {
    bankTensor.dispose();
  }
  return out;
}
