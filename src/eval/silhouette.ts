/** [n, n] Euclidean distances between points, row-major. O(n²): callers pass a sample. */
export function pairwiseDistances(points: readonly (readonly number[])[]): Float64Array {
  const n = points.length;
  const distances = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let sum = 0;
      for (let d = 0; d < points[i].length; d++) sum += (points[i][d] - points[j][d]) ** 2;
      distances[i * n + j] = distances[j * n + i] = Math.sqrt(sum);
    }
  }
  return distances;
}

/**
 * Mean silhouette coefficient: s(i) = (b − a)/max(a, b) with a the mean distance to the rest of its own
 * cluster and b the smallest mean distance to another cluster; 0 for a point alone in its cluster.
 * @param distances [n, n] from pairwiseDistances
 * @param clusters [n] cluster ids 0..k−1
 * @returns null with fewer than two non-empty clusters
 */
export function meanSilhouette(distances: Float64Array, clusters: readonly number[]): number | null {
  const n = clusters.length;
  const k = Math.max(...clusters) + 1;
  const sizes = new Array<number>(k).fill(0);
  for (const c of clusters) sizes[c]++;
  if (sizes.filter((s) => s > 0).length < 2) return null;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const own = clusters[i];
    if (sizes[own] === 1) continue;
    sums.fill(0);
    for (let j = 0; j < n; j++) sums[clusters[j]] += distances[i * n + j];
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    const spread = Math.max(a, b);
    total += spread === 0 ? 0 : (b - a) / spread;
  }
  return total / n;
}
