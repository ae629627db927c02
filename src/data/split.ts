import { InvalidConfigError } from '../errors';
import { seededRng, shuffleInPlace } from './rng';
import { samplesByClass } from './subset';

export { subset } from './subset';

export interface SplitOptions {
  /** Share of each class for validation. @default 0.1 */
  readonly validation?: number;
  /** Share of each class for test. @default 0.1 */
  readonly test?: number;
  /** The same seed and labels give the same split. */
  readonly seed: number | string;
}

/** Sample indices of each part, ascending; together they hold every index exactly once. */
export interface DatasetSplit {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

/**
 * Splits samples into train, validation and test class by class, so each part keeps the class
 * proportions. Every class with enough samples appears in every part that has a non-zero share: a
 * class of n samples puts one in each such part (train first, then validation, then test) before
 * sharing the rest by the fractions. Deterministic under `seed`.
 * @param labels [n] class index per sample
 */
export function stratifiedSplit(labels: Int32Array, options: SplitOptions): DatasetSplit {
  const fractions = splitFractions(options);
  const rng = seededRng(options.seed);
  const byClass = samplesByClass(labels);
  const parts: number[][] = [[], [], []];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(byClass.get(label)!, rng);
    let start = 0;
    partSizes(members.length, fractions).forEach((size, part) => {
      parts[part].push(...members.slice(start, start + size));
      start += size;
    });
  }
  const sorted = parts.map((indices) => Int32Array.from(indices).sort());
  return { train: sorted[0], validation: sorted[1], test: sorted[2] };
}

function splitFractions(options: SplitOptions): [number, number, number] {
  const validation = options.validation ?? 0.1;
  const test = options.test ?? 0.1;
  const valid = (share: number) => Number.isFinite(share) && share >= 0 && share < 1;
  if (!valid(validation) || !valid(test) || validation + test >= 1) {
    throw new InvalidConfigError(
      `split fractions must be in [0, 1) and leave some for training, got validation ${validation}, test ${test}`,
    );
  }
  return [1 - validation - test, validation, test];
}

/**
 * How many of a class's n samples go to each part: one to each part with a share (in the order given)
 * while samples last, the rest by largest remainder towards n · fraction.
 */
export function partSizes(n: number, fractions: readonly number[]): number[] {
  const sizes = fractions.map(() => 0);
  let left = n;
  fractions.forEach((share, part) => {
    if (share > 0 && left > 0) {
      sizes[part] = 1;
      left--;
    }
  });
  const wanted = fractions.map((share, part) => Math.max(0, n * share - sizes[part]));
  const total = wanted.reduce((sum, value) => sum + value, 0);
  const scaled = wanted.map((value) => (total > 0 ? (value / total) * left : 0));
  scaled.forEach((value, part) => (sizes[part] += Math.floor(value)));
  let remaining = n - sizes.reduce((sum, size) => sum + size, 0);
  const byRemainder = scaled
    .map((value, part) => ({ part, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.part - b.part);
  for (const { part } of byRemainder) {
    if (remaining-- <= 0) break;
    sizes[part]++;
  }
  return sizes;
}
