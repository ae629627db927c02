/**
 * Otsu's threshold of a sample of scores: the cut that maximizes the between-class variance
 * w₀·w₁·(μ₀ − μ₁)² of the two groups it makes. Computed exactly over the sorted values (no histogram
 * bins), and placed midway between the last value below the cut and the first above it, so a sample
 * with two well-separated modes is cut in the gap between them.
 *
 * It needs no labels: applied to the target's own unknown scores, it calibrates the unknown decision
 * to the survey at hand (ALGORITHM.md, "Prediction and the unknown"). Non-finite values are ignored.
 * @returns null when fewer than two distinct finite values remain (nothing to split)
 */
export function otsuThreshold(values: ArrayLike<number>): number | null {
  return otsuCut(finiteSorted(values))?.threshold ?? null;
}

/**
 * Otsu's separability η of a sample: the between-group variance of its Otsu cut over the sample's
 * variance, in [0, 1]. 1 for two point masses, near 0 for a unimodal sample: how cleanly the values
 * fall into two groups, whatever their scale. Non-finite values are ignored.
 * @returns 0 when the sample is (numerically) constant: variance ≤ 1e-12, or fewer than two values
 */
export function otsuSeparability(values: ArrayLike<number>): number {
  const sorted = finiteSorted(values);
  const n = sorted.length;
  if (n < 2) return 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const variance = sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  if (!(variance > 1e-12)) return 0;
  return (otsuCut(sorted)?.between ?? 0) / variance;
}

function finiteSorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();
}

/** The cut of sorted values that maximizes the between-group variance, and that variance. */
function otsuCut(sorted: Float64Array): { threshold: number; between: number } | null {
  const n = sorted.length;
  if (n < 2 || sorted[0] === sorted[n - 1]) return null;
  const total = sorted.reduce((a, b) => a + b, 0);
  let below = 0;
  let best: { threshold: number; between: number } | null = null;
  for (let i = 0; i < n - 1; i++) {
    below += sorted[i];
    // Only a gap between distinct values is a cut; equal values stay on one side.
    if (sorted[i] === sorted[i + 1]) continue;
    const w0 = (i + 1) / n;
    const w1 = 1 - w0;
    const difference = below / (i + 1) - (total - below) / (n - i - 1);
    const between = w0 * w1 * difference * difference;
    if (!best || between > best.between) best = { threshold: (sorted[i] + sorted[i + 1]) / 2, between };
  }
  return best;
}
