import type { Domain } from '../../data/dataset';
import { seededRng, type Rng } from '../../data/rng';

/**
 * Every random draw of training is a pure function of (run seed, member, epoch, step): the epoch's
 * sample order, each step's augmentation, the model's and memory banks' initialization. A checkpoint
 * therefore needs no generator state, only its (epoch, step), and a resumed run replays exactly what
 * an uninterrupted one would have done.
 */
export class RandomStreams {
  constructor(
    readonly runSeed: number,
    readonly member: number,
  ) {}

  /** The member's seed: `--members N --member i` trains member i with this derived seed. */
  get memberSeed(): string {
    return `${this.runSeed}/member/${this.member}`;
  }

  /** Model weight initialization. */
  get modelSeed(): string {
    return `${this.memberSeed}/model`;
  }

  /** An integer seed for tfjs ops that take one (memory-bank initialization). */
  integerSeed(purpose: string): number {
    return Math.floor(seededRng(`${this.memberSeed}/${purpose}`)() * 2 ** 31);
  }

  /** The order in which an epoch visits a domain's training samples. */
  epochOrder(epoch: number, domain: Domain): Rng {
    return seededRng(`${this.memberSeed}/epoch/${epoch}/order/${domain}`);
  }

  /** The augmentation of one step's batch of a domain. */
  stepAugmentation(epoch: number, step: number, domain: Domain): Rng {
    return seededRng(`${this.memberSeed}/epoch/${epoch}/step/${step}/augment/${domain}`);
  }

  /** The augmentation of the second view of one step's batch of a domain (self-supervision). */
  stepSecondView(epoch: number, step: number, domain: Domain): Rng {
    return seededRng(`${this.memberSeed}/epoch/${epoch}/step/${step}/view/2/${domain}`);
  }
}
