import { kmeans } from 'ml-kmeans';
import { seededSample } from './seeded-sample';
import { meanSilhouette, pairwiseDistances } from './silhouette';

export type KMeansModel = ReturnType<typeof kmeans>;

/** The k-means fit that the silhouette chose, and the silhouette of every k tried. */
export interface SilhouetteKMeans {
  readonly k: number;
  readonly silhouette: number | null;
  readonly silhouetteByK: Readonly<Record<string, number | null>>;
  readonly model: KMeansModel;
}

export interface SilhouetteKMeansOptions {
  /** Smallest and largest k; k stays below the number of points. */
  readonly kRange: readonly [number, number];
  /** ml-kmeans's seed (k-means++ initialization). */
  readonly seed: number;
  /** Seeds the subset the silhouette is measured on. */
  readonly silhouetteSeed: string;
  /** The silhouette is measured on at most this many of the points (it is O(n²)). */
  readonly maxSilhouetteSamples: number;
}

/**
 * k-means (ml-kmeans, seeded, k-means++, at most 100 iterations) of `points` for every k in kRange,
 * keeping the fit with the highest mean silhouette on a seeded subset of the points (the smaller k on
 * ties; no labels). Null when no k of the range fits (fewer than kRange[0] + 1 points).
 */
export function silhouetteKMeans(
  points: number[][],
  options: SilhouetteKMeansOptions,
): SilhouetteKMeans | null {
  const [kMin, kMax] = options.kRange;
  const sampled = seededSample(
    points.map((_, j) => j),
    options.maxSilhouetteSamples,
    options.silhouetteSeed,
  );
  const distances = pairwiseDistances(sampled.map((j) => points[j]));
  const silhouetteByK: Record<string, number | null> = {};
  let best: Omit<SilhouetteKMeans, 'silhouetteByK'> | undefined;
  for (let k = kMin; k <= Math.min(kMax, points.length - 1); k++) {
    const model = kmeans(points, k, { seed: options.seed, initialization: 'kmeans++', maxIterations: 100 });
    const silhouette = meanSilhouette(
      distances,
      sampled.map((j) => model.clusters[j]),
    );
    silhouetteByK[k] = silhouette;
    if (!best || (silhouette ?? -Infinity) > (best.silhouette ?? -Infinity)) best = { k, silhouette, model };
  }
  return best ? { ...best, silhouetteByK } : null;
}
