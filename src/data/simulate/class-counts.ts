import { InvalidConfigError } from '../../errors';
import type { SimulatedClass } from '../tasks';
import type { SeededRandom } from './seeded-random';

export const PROPORTIONS = ['balanced', 'galaxy10'] as const;
export type Proportions = (typeof PROPORTIONS)[number];

/** Images per class in Galaxy10 DECaLS (Leung & Bovy 2019; 17,736 images). */
export const GALAXY10_DECALS_COUNTS = {
  disturbed: 1081,
  merging: 1853,
  round_smooth: 2645,
  in_between_smooth: 2027,
  cigar: 334,
  barred_spiral: 2043,
  unbarred_tight_spiral: 1829,
  unbarred_loose_spiral: 2628,
  edge_on_no_bulge: 1423,
  edge_on_bulge: 1873,
} as const;

/** The 3-class task's classes weighted by the Galaxy10 classes they stand for. */
const BROAD_CLASS_WEIGHTS = {
  elliptical: 2645 + 2027 + 334,
  spiral: 2043 + 1829 + 2628 + 1423 + 1873,
  merger: 1853 + 1081,
} as const;

/** @default share of lenses under Galaxy10 proportions: strong lenses are rare on the sky. */
export const DEFAULT_LENS_SHARE = 0.02;

/**
 * How many images of each class, summing to n. Balanced splits evenly; `galaxy10` follows the
 * Galaxy10 DECaLS counts, with lenses taking a fixed share. Every class gets at least one image.
 * @returns [classes.length] counts.
 */
export function classCounts(
  classes: readonly SimulatedClass[],
  n: number,
  proportions: Proportions,
  lensShare = DEFAULT_LENS_SHARE,
): number[] {
  if (n < classes.length) {
    throw new InvalidConfigError(`n must be at least the number of classes (${classes.length}), got ${n}`);
  }
  const weights = classes.map((name) => {
    if (proportions === 'balanced') return 1;
    if (name === 'lens') return 0;
    const table: Record<string, number> = { ...GALAXY10_DECALS_COUNTS, ...BROAD_CLASS_WEIGHTS };
    return table[name];
  });
  const lensCount =
    proportions === 'galaxy10' && classes.includes('lens') ? Math.max(1, Math.round(n * lensShare)) : 0;
  const counts = largestRemainder(weights, n - lensCount);
  if (lensCount > 0) counts[classes.indexOf('lens')] = lensCount;
  return ensureNoneEmpty(counts);
}

/** Integer shares of `total` proportional to `weights` that add up exactly (Hamilton's method). */
function largestRemainder(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum === 0 ? 0 : (w / sum) * total));
  const counts = exact.map(Math.floor);
  const order = exact.map((value, i) => [value - counts[i], i] as const).sort((a, b) => b[0] - a[0]);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (missing-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

/** Moves single images from the largest classes to empty ones: an empty class breaks training. */
function ensureNoneEmpty(counts: number[]): number[] {
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0) continue;
    const largest = counts.indexOf(Math.max(...counts));
    counts[largest]--;
    counts[i]++;
  }
  return counts;
}

/** A shuffled label per image: counts[k] copies of k. @returns [n] class indices. */
export function shuffledLabels(counts: readonly number[], random: SeededRandom): Int32Array {
  const labels: number[] = counts.flatMap((count, k) => new Array<number>(count).fill(k));
  return Int32Array.from(random.shuffle(labels));
}
