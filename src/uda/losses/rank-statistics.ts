import * as tf from '@tensorflow/tfjs-core';

/**
 * Multi-hot code of the top-k feature dimensions of each row: 1 at the k largest entries, 0 elsewhere
 * (the rank statistics of AutoNovel, used by adaptive clustering). Not differentiable; the result is a
 * constant target.
 * @param features [n, d] float32
 * @param topK k, 1 ≤ k ≤ d
 * @returns [n, d] float32 of 0/1 with exactly k ones per row
 */
export function topKCode(features: tf.Tensor2D, topK: number): tf.Tensor2D {
  return tf.tidy(() => {
    const { indices } = tf.topk(features, topK);
    // One rank at a time keeps memory at [n, d] instead of [n, k, d] (banks can hold thousands of rows).
    const ranks = tf.unstack(indices, 1).map((column) => tf.oneHot(column, features.shape[1]));
    return tf.cast(tf.addN(ranks), 'float32') as tf.Tensor2D;
  });
}

/**
 * Pairwise "same cluster" targets: `s_ij = 1` when the top-k index sets of row i of `queries` and row j
 * of `candidates` are equal, else 0. A constant for training: it is computed inside tf.customGrad, so its
 * ops (TopK has no gradient in tfjs) stay off the gradient tape and the features get a zero gradient.
 * @param queries [b, d]
 * @param candidates [m, d]
 * @returns [b, m] float32 of 0/1
 */
export function rankStatisticPairs(queries: tf.Tensor2D, candidates: tf.Tensor2D, topK: number): tf.Tensor2D {
  const pairs = tf.customGrad((...args: unknown[]) => {
    const [q, c] = args as [tf.Tensor2D, tf.Tensor2D];
    const shared = tf.matMul(topKCode(q, topK), topKCode(c, topK), false, true);
    // Counts are small integers held exactly in float32; k shared indices means identical sets.
    const value = tf.cast(tf.greaterEqual(shared, topK - 0.5), 'float32');
    return { value, gradFunc: () => [tf.zerosLike(q), tf.zerosLike(c)] };
  });
  return pairs(queries, candidates) as tf.Tensor2D;
}
