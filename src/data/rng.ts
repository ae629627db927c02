import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). Seeded, so splits, augmentation and batches repeat exactly. */
export type Rng = () => number;

/** A deterministic Rng for a seed. */
export function seededRng(seed: number | string): Rng {
  return seedrandom(String(seed));
}

/** A uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates shuffle of `values` in place; returns `values`. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(values: T, rng: Rng): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const swap = values[i];
    values[i] = values[j];
    values[j] = swap;
  }
  return values;
}
