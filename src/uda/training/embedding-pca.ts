import * as tf from '@tensorflow/tfjs-core';
import { seededRng } from '../../data/rng';
import { l2Normalize } from '../../model/l2-normalize';

/** Width of the embedding written to predictions.arrow. */
export const EMBEDDING_SIZE = 32;
/** Orthogonal-iteration sweeps: a fixed count keeps the result deterministic. */
const ITERATIONS = 60;

/**
 * The low-dimensional embedding of the prediction file: PCA of L2-normalized features to `size`
 * dimensions (the features themselves when d ≤ size), rows re-normalized to unit length. The top
 * principal directions come from orthogonal iteration on the covariance with a seeded start and a
 * sign convention, so equal inputs give equal embeddings.
 * @param features [n, d] L2-normalized, row-major
 * @returns [n, min(d, size)] row-major, rows of norm 1
 */
export function embedFeatures(
  features: Float32Array,
  n: number,
  d: number,
  size = EMBEDDING_SIZE,
): { values: Float32Array; size: number } {
  if (d <= size || n === 0) return { values: normalizeRows(features, n, d), size: d };
  const basis = principalDirections(features, n, d, size);
  const projected = tf.tidy(() => {
    const x = tf.tensor2d(features, [n, d]);
    const centered = tf.sub(x, tf.mean(x, 0, true));
    return l2Normalize(tf.matMul(centered, tf.tensor2d(Float32Array.from(basis), [d, size])) as tf.Tensor2D);
  });
  const values = projected.dataSync() as Float32Array;
  projected.dispose();
  return { values: Float32Array.from(values), size };
}

/** [d, k] row-major orthonormal columns spanning the top-k principal subspace. */
function principalDirections(features: Float32Array, n: number, d: number, k: number): Float64Array {
  const covariance = tf.tidy(() => {
    const x = tf.tensor2d(features, [n, d]);
    const centered = tf.sub(x, tf.mean(x, 0, true));
    return tf.div(tf.matMul(centered, centered, true, false), Math.max(1, n - 1)) as tf.Tensor2D;
  });
  try {
    const rng = seededRng('deepastro-uda/embedding-pca');
    let q = orthonormalize(
      Float64Array.from({ length: d * k }, () => rng() - 0.5),
      d,
      k,
    );
    for (let i = 0; i < ITERATIONS; i++) {
      const next = tf.tidy(() => tf.matMul(covariance, tf.tensor2d(Float32Array.from(q), [d, k])));
      q = orthonormalize(Float64Array.from(next.dataSync()), d, k);
      next.dispose();
    }
    return fixSigns(q, d, k);
  } finally {
    covariance.dispose();
  }
}

/** Modified Gram–Schmidt on the k columns of a [d, k] row-major matrix. */
function orthonormalize(m: Float64Array, d: number, k: number): Float64Array {
  for (let j = 0; j < k; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += m[i * k + j] * m[i * k + p];
      for (let i = 0; i < d; i++) m[i * k + j] -= dot * m[i * k + p];
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += m[i * k + j] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < d; i++) m[i * k + j] /= norm;
  }
  return m;
}

/** Each column's largest-magnitude entry made positive: eigenvectors are defined up to sign. */
function fixSigns(m: Float64Array, d: number, k: number): Float64Array {
  for (let j = 0; j < k; j++) {
    let largest = 0;
    for (let i = 0; i < d; i++) if (Math.abs(m[i * k + j]) > Math.abs(largest)) largest = m[i * k + j];
    if (largest < 0) for (let i = 0; i < d; i++) m[i * k + j] = -m[i * k + j];
  }
  return m;
}

function normalizeRows(values: Float32Array, n: number, d: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let c = 0; c < d; c++) norm += values[r * d + c] ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let c = 0; c < d; c++) out[r * d + c] = values[r * d + c] * scale;
  }
  return out;
}
