import { seededRng } from '../../data/rng';
import { seededSample } from '../../eval/seeded-sample';
import { silhouetteKMeans } from '../../eval/silhouette-kmeans';

/** k-means is fitted on at most this many target rows; every row then joins its nearest centroid. */
const MAX_FIT_ROWS = 2000;
/** The silhouette that picks k is measured on at most this many of the fitted rows (it is O(n²)). */
const MAX_SILHOUETTE_ROWS = 500;

export interface ClusterScoreInput {
  /** [nTarget, dim] row-major target features (through target BN). */
  readonly target: Float32Array;
  /** [nSourceTest, dim] row-major source-test features (through source BN). */
  readonly sourceTest: Float32Array;
  /** [numClasses, dim] row-major reference of each source class (e.g. its mean training feature). */
  readonly classReferences: Float32Array;
  readonly dim: number;
  /** K, the number of source classes: k is chosen in K+1..3K. */
  readonly numClasses: number;
  readonly seed: number | string;
}

export interface ClusterScores {
  /** [nTarget] and [nSourceTest]: the distance of the sample's cluster to the nearest source class. */
  readonly target: Float32Array;
  readonly sourceTest: Float32Array;
  readonly k: number;
  /** 1 − max cosine of each cluster's centroid to the source class references. */
  readonly clusterDistances: readonly number[];
}

/**
 * Cluster-level unknown score, as UniOT and GLC decide unknowns: k-means (ml-kmeans, seeded, k-means++)
 * of the target features with k > K, k picked in K+1..3K by the highest mean silhouette (no labels; the
 * smaller k on ties): more clusters than source classes leave room for target-private ones. Each
 * cluster's distance is 1 − the largest cosine between its centroid and a source class reference; a
 * target sample scores its cluster's distance. A source-test sample joins its nearest target cluster
 * and scores that cluster's distance, so its source error-detection AUROC measures the same thing.
 * @returns null when there are fewer target rows than K + 2 (no k > K can be fitted)
 */
export function clusterScores(input: ClusterScoreInput): ClusterScores | null {
  const { dim, numClasses, seed } = input;
  const targetRows = rowsOf(input.target, dim);
  const kMin = numClasses + 1;
  const fitRows = seededSample(targetRows, MAX_FIT_ROWS, `${seed}:cluster-fit`);
  const chosen = silhouetteKMeans(fitRows, {
    kRange: [kMin, 3 * numClasses],
    seed: seedNumber(seed),
    silhouetteSeed: `${seed}:cluster-silhouette`,
    maxSilhouetteSamples: MAX_SILHOUETTE_ROWS,
  });
  // No k in K+1..3K fits: fewer than K + 2 target rows (or no source class).
  if (!chosen) return null;
  const { model } = chosen;
  const references = rowsOf(input.classReferences, dim);
  const clusterDistances = model.centroids.map((centroid) => 1 - maxCosine(centroid, references));
  const scoreOf = (rows: number[][]) =>
    Float32Array.from(rows.length ? model.nearest(rows) : [], (c) => clusterDistances[c]);
  return {
    target: scoreOf(targetRows),
    sourceTest: scoreOf(rowsOf(input.sourceTest, dim)),
    k: model.centroids.length,
    clusterDistances,
  };
}

/** Mean feature of each class's rows, L2-normalized: [numClasses, dim]; a class without rows is all NaN. */
export function classMeanFeatures(
  features: Float32Array,
  labels: Int32Array,
  dim: number,
  numClasses: number,
): Float32Array {
  const sums = new Float64Array(numClasses * dim);
  const counts = new Array<number>(numClasses).fill(0);
  labels.forEach((label, i) => {
    counts[label]++;
    for (let d = 0; d < dim; d++) sums[label * dim + d] += features[i * dim + d];
  });
  const out = new Float32Array(numClasses * dim);
  for (let c = 0; c < numClasses; c++) {
    const row = sums.subarray(c * dim, (c + 1) * dim);
    const norm = Math.hypot(...row);
    for (let d = 0; d < dim; d++) out[c * dim + d] = counts[c] && norm > 0 ? row[d] / norm : NaN;
  }
  return out;
}

function rowsOf(values: Float32Array, dim: number): number[][] {
  return Array.from({ length: values.length / dim }, (_, i) =>
    Array.from(values.subarray(i * dim, (i + 1) * dim)),
  );
}

function maxCosine(vector: readonly number[], references: readonly (readonly number[])[]): number {
  const norm = Math.hypot(...vector);
  let best = -1;
  for (const reference of references) {
    if (reference.some(Number.isNaN)) continue;
    const dot = reference.reduce((sum, value, d) => sum + value * vector[d], 0);
    const referenceNorm = Math.hypot(...reference);
    best = Math.max(best, dot / Math.max(norm * referenceNorm, 1e-12));
  }
  return best;
}

/** ml-kmeans takes a numeric seed: a string seed draws one from the project's seeded generator. */
function seedNumber(seed: number | string): number {
  return typeof seed === 'number' ? seed : Math.floor(seededRng(seed)() * 2 ** 31);
}
