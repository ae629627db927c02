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
