/** Agreement between cluster assignments and true labels, for clustering the anomalies. */
export interface ClusterAgreement {
  /** Fraction of samples in their cluster's majority label. */
  readonly purity: number;
  /** Normalized mutual information, arithmetic-mean normalization: I(C;L)/((H(C)+H(L))/2). */
  readonly nmi: number;
}

function entropyOfCounts(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

function countBy<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * Purity and NMI of clusters against labels (same length, at least one sample). When both are a single
 * group NMI is 1 (identical partitions); when only one is, it is 0.
 */
export function clusterAgreement(clusters: readonly number[], labels: readonly string[]): ClusterAgreement {
  const n = clusters.length;
  const joint = countBy(clusters.map((c, i) => `${c}\u0000${labels[i]}`));
  const clusterCounts = countBy(clusters);
  const labelCounts = countBy(labels);
  const majority = new Map<number, number>();
  let mutualInformation = 0;
  for (const [key, count] of joint) {
    const [cluster, label] = [Number(key.split('\u0000')[0]), key.split('\u0000')[1]];
    majority.set(cluster, Math.max(majority.get(cluster) ?? 0, count));
    const expected = ((clusterCounts.get(cluster) as number) * (labelCounts.get(label) as number)) / n;
    mutualInformation += (count / n) * Math.log(count / expected);
  }
  const purity = [...majority.values()].reduce((a, b) => a + b, 0) / n;
  const hClusters = entropyOfCounts(clusterCounts.values(), n);
  const hLabels = entropyOfCounts(labelCounts.values(), n);
  if (hClusters === 0 && hLabels === 0) return { purity, nmi: 1 };
  return { purity, nmi: Math.max(0, mutualInformation / ((hClusters + hLabels) / 2)) };
}
