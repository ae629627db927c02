import { SeededRandom } from './seeded-random';

const POOL_SIZE = 1 << 16;

/**
 * A pool of 65,536 standard normal deviates, read along a random odd stride from a random start for
 * each image band (2^31 distinct sequences). Drawing fresh deviates per pixel was a third of the
 * simulator's time; the pool keeps the marginal distribution exact at the cost of deviates recurring
 * between images in different orders, which no per-image statistic can see.
 */
export class GaussianNoisePool {
  private readonly pool = new Float32Array(POOL_SIZE);
  private position = 0;
  private stride = 1;

  constructor(seed: string) {
    new SeededRandom(seed).fillNormal(this.pool);
  }

  /** Starts a new read sequence chosen by `random`. */
  restart(random: SeededRandom): void {
    this.position = random.integer(0, POOL_SIZE - 1);
    this.stride = 2 * random.integer(0, POOL_SIZE / 2 - 1) + 1;
  }

  /** The next deviate of the current sequence. */
  next(): number {
    this.position = (this.position + this.stride) & (POOL_SIZE - 1);
    return this.pool[this.position];
  }
}
