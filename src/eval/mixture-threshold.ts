import { otsuThreshold } from './calibrated-threshold';

/** EM stops when the mean log-likelihood gains less than this, or after MAX_ITERATIONS. */
const TOLERANCE = 1e-9;
const MAX_ITERATIONS = 500;

/** One Gaussian component of the mixture. */
export interface MixtureComponent {
  readonly weight: number;
  readonly mean: number;
  readonly std: number;
}

/**
 * A two-component Gaussian mixture of a sample, fitted by expectation-maximization. Deterministic: EM
 * starts from Otsu's split (the lower group one component, the upper the other). Each variance is kept
 * above (1e-3 × the sample's range)² so a component cannot collapse onto one repeated value.
 * @returns the components ordered by mean, or null when fewer than two distinct finite values remain
 */
export function fitTwoGaussians(values: ArrayLike<number>): [MixtureComponent, MixtureComponent] | null {
  const x = Float64Array.from(Array.from(values).filter(Number.isFinite));
  const split = otsuThreshold(x);
  if (split === null) return null;
  const n = x.length;
  const floor = (1e-3 * (Math.max(...x) - Math.min(...x))) ** 2;
  const lower = new Float64Array(n).map((_, i) => (x[i] <= split ? 1 : 0));
  let components = mStep(x, lower, floor);
  let previous = -Infinity;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const { responsibility, logLikelihood } = eStep(x, components);
    components = mStep(x, responsibility, floor);
    if (logLikelihood - previous < TOLERANCE) break;
    previous = logLikelihood;
  }
  return components[0].mean <= components[1].mean ? components : [components[1], components[0]];
}

/**
 * The label-free threshold of a two-component Gaussian mixture: fit it (fitTwoGaussians), then cut where
 * the upper component becomes the more probable one (equal weighted densities), between the two means.
 * Unlike Otsu it takes the groups' own spreads and sizes into account: a narrow, dense group of knowns
 * and a wide, sparse tail of unknowns are cut nearer the narrow group.
 * @returns null when nothing can be split, or the two components never trade places between their means
 */
export function mixtureThreshold(values: ArrayLike<number>): number | null {
  const fit = fitTwoGaussians(values);
  if (!fit) return null;
  const [low, high] = fit;
  if (low.weight === 0 || high.weight === 0) return null;
  // log(w₀ N(x; μ₀, σ₀)) − log(w₁ N(x; μ₁, σ₁)) = a x² + b x + c
  const v0 = low.std ** 2;
  const v1 = high.std ** 2;
  const a = 1 / (2 * v1) - 1 / (2 * v0);
  const b = low.mean / v0 - high.mean / v1;
  const c =
    high.mean ** 2 / (2 * v1) -
    low.mean ** 2 / (2 * v0) +
    Math.log((low.weight * high.std) / (high.weight * low.std));
  const roots = quadraticRoots(a, b, c);
  const between = roots.filter((r) => r >= low.mean && r <= high.mean);
  if (between.length === 0) return null;
  const middle = (low.mean + high.mean) / 2;
  return between.reduce((best, r) => (Math.abs(r - middle) < Math.abs(best - middle) ? r : best));
}

function quadraticRoots(a: number, b: number, c: number): number[] {
  if (Math.abs(a) < 1e-12 * Math.max(Math.abs(b), Math.abs(c), 1)) return b === 0 ? [] : [-c / b];
  const discriminant = b * b - 4 * a * c;
  if (discriminant < 0) return [];
  const root = Math.sqrt(discriminant);
  return [(-b - root) / (2 * a), (-b + root) / (2 * a)];
}

/** Weighted mean and spread of each component; `lower[i]` is sample i's share in component 0. */
function mStep(x: Float64Array, lower: Float64Array, floor: number): [MixtureComponent, MixtureComponent] {
  const fit = (share: (i: number) => number): MixtureComponent => {
    let total = 0;
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      total += share(i);
      sum += share(i) * x[i];
    }
    const mean = total > 0 ? sum / total : 0;
    let squares = 0;
    for (let i = 0; i < x.length; i++) squares += share(i) * (x[i] - mean) ** 2;
    return {
      weight: total / x.length,
      mean,
      std: Math.sqrt(Math.max(total > 0 ? squares / total : 0, floor)),
    };
  };
  return [fit((i) => lower[i]), fit((i) => 1 - lower[i])];
}

/** Each sample's posterior share in component 0, and the mean log-likelihood of the sample. */
function eStep(
  x: Float64Array,
  [low, high]: readonly [MixtureComponent, MixtureComponent],
): { responsibility: Float64Array; logLikelihood: number } {
  const responsibility = new Float64Array(x.length);
  let logLikelihood = 0;
  for (let i = 0; i < x.length; i++) {
    const p0 = weightedLogDensity(x[i], low);
    const p1 = weightedLogDensity(x[i], high);
    const top = Math.max(p0, p1);
    const logSum = top + Math.log(Math.exp(p0 - top) + Math.exp(p1 - top));
    responsibility[i] = Math.exp(p0 - logSum);
    logLikelihood += logSum;
  }
  return { responsibility, logLikelihood: logLikelihood / x.length };
}

function weightedLogDensity(value: number, { weight, mean, std }: MixtureComponent): number {
  if (weight === 0) return -Infinity;
  return Math.log(weight) - Math.log(std) - 0.5 * Math.log(2 * Math.PI) - ((value - mean) / std) ** 2 / 2;
}
