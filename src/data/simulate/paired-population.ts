import { InvalidConfigError } from '../../errors';
import type { Domain } from '../dataset';
import type { SimulatedClass } from '../tasks';
import { classCounts, shuffledLabels, type Proportions } from './class-counts';
import { SeededRandom } from './seeded-random';

/** One side of a paired simulation: its class list and size. */
export interface PairedSide {
  readonly classes: readonly SimulatedClass[];
  readonly n: number;
  /** @default 'balanced' */
  readonly proportions?: Proportions;
}

/**
 * Both instruments image one galaxy population: it holds, per class, as many galaxies as the larger
 * of the two sides draws, in one shuffled order, seeded by `seed` alone. Each side keeps the first
 * galaxies of each of its classes in that order, so the galaxies two sides share are the same galaxies,
 * in the same order, and only the instrument differs.
 */
export interface PairedPopulation {
  readonly seed: number | string;
  readonly source: PairedSide;
  readonly target: PairedSide;
}

/** What one side sees of a paired population: per image, its label and its galaxy's population index. */
export interface PairedDraw {
  readonly labels: Int32Array;
  readonly populationIndex: Int32Array;
}

/** The random stream of population galaxy `index`: the same for every survey and domain. */
export function pairedGalaxyKey(population: PairedPopulation, index: number): string {
  return `${population.seed}/paired/galaxy/${index}`;
}

/** One side's view of the population. @param lensShare as in classCounts. */
export function drawPairedSide(population: PairedPopulation, domain: Domain, lensShare: number): PairedDraw {
  const { source, target } = population;
  const union = [...new Set([...source.classes, ...target.classes])];
  const countsOf = (side: PairedSide) => {
    const counts = classCounts(side.classes, side.n, side.proportions ?? 'balanced', lensShare);
    return new Map(side.classes.map((name, k) => [name, counts[k]]));
  };
  const sourceCounts = countsOf(source);
  const targetCounts = countsOf(target);
  const unionCounts = union.map((name) => Math.max(sourceCounts.get(name) ?? 0, targetCounts.get(name) ?? 0));
  const order = shuffledLabels(unionCounts, new SeededRandom(`${population.seed}/paired/labels`));
  const side = domain === 'source' ? source : target;
  const wanted = domain === 'source' ? sourceCounts : targetCounts;
  const taken = new Map<string, number>();
  const labels = new Int32Array(side.n);
  const populationIndex = new Int32Array(side.n);
  let i = 0;
  order.forEach((unionLabel, index) => {
    const name = union[unionLabel];
    const count = taken.get(name) ?? 0;
    if (count >= (wanted.get(name) ?? 0)) return;
    taken.set(name, count + 1);
    labels[i] = side.classes.indexOf(name);
    populationIndex[i++] = index;
  });
  if (i !== side.n) throw new InvalidConfigError(`paired: drew ${i} of ${side.n} ${domain} galaxies`);
  return { labels, populationIndex };
}
