/**
 * Shannon entropy (natural log) of one probability row; zero probabilities contribute nothing.
 * @param probabilities [n, k] row-major
 */
export function rowEntropy(probabilities: Float32Array | Float64Array, row: number, k: number): number {
  let entropy = 0;
  const start = row * k;
  for (let j = start; j < start + k; j++) {
    const p = probabilities[j];
    if (p > 0) entropy -= p * Math.log(p);
  }
  return entropy;
}

/** Index of the largest probability in one row (the first on ties). */
export function rowArgmax(probabilities: Float32Array | Float64Array, row: number, k: number): number {
  let best = 0;
  const start = row * k;
  for (let j = 1; j < k; j++) if (probabilities[start + j] > probabilities[start + best]) best = j;
  return best;
}

/**
 * The two probability-only unknown scores of every row: entropy, and 1 − max probability.
 * @param probabilities [n, k] row-major
 * @returns entropy [n] and maxSoftmaxScore [n]
 */
export function probabilityScores(
  probabilities: Float32Array,
  n: number,
  k: number,
): { entropy: Float32Array; maxSoftmaxScore: Float32Array } {
  const entropy = new Float32Array(n);
  const maxSoftmaxScore = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    entropy[i] = rowEntropy(probabilities, i, k);
    maxSoftmaxScore[i] = 1 - probabilities[i * k + rowArgmax(probabilities, i, k)];
  }
  return { entropy, maxSoftmaxScore };
}
