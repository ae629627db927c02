import seedrandom from 'seedrandom';
import { shuffleInPlace } from '../rng';

/**
 * A seeded random stream (seedrandom's Alea: fast, and reproducible on every platform).
 * Each galaxy and each observation gets its own stream derived from the run seed, so image i is the
 * same whatever n is, and the galaxy's parameters do not depend on the survey observing it.
 */
export class SeededRandom {
  private readonly next: () => number;
  private spareNormal = NaN;

  constructor(seed: string) {
    this.next = seedrandom.alea(seed);
  }

  /** Uniform in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.next();
  }

  /** Integer in [low, high], both ends included. */
  integer(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** Log-uniform in [low, high): scale-free quantities such as sizes and fluxes. */
  logUniform(low: number, high: number): number {
    return low * Math.pow(high / low, this.next());
  }

  /** Standard normal (Marsaglia's polar method: no trigonometry, pairs cached). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal;
      this.spareNormal = NaN;
      return mean + sd * spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return mean + sd * u * factor;
  }

  /** Fills `out` with standard normal deviates; the hot loop of the noise model. */
  fillNormal(out: Float32Array): void {
    const next = this.next;
    let i = 0;
    while (i < out.length) {
      const u = 2 * next() - 1;
      const v = 2 * next() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      out[i++] = u * factor;
      if (i < out.length) out[i++] = v * factor;
    }
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** In-place Fisher-Yates shuffle. */
  shuffle<T>(items: T[]): T[] {
    return shuffleInPlace(items, this.next);
  }
}
