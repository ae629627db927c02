import { UNKNOWN, targetDecision } from './classification-metrics';
import { clusterAgreement, type ClusterAgreement } from './cluster-agreement';
import type { ScoredPredictions } from './scored-predictions';
import { seededSample } from './seeded-sample';
import { silhouetteKMeans } from './silhouette-kmeans';

export interface AnomalyClusteringOptions {
  /** Smallest and largest k tried. @default [2, 6] */
  readonly kRange?: readonly [number, number];
  /** @default 0 */
  readonly seed?: number;
  /** k-means is fitted on at most this many samples, then every sample joins its nearest centroid. @default 2000 */
  readonly maxFitSamples?: number;
  /** The silhouette is measured on at most this many of the fitted samples (it is O(n²)). @default 500 */
  readonly maxSilhouetteSamples?: number;
}

export interface AnomalyClustering {
  /** Rows of the predictions that were clustered: target samples predicted unknown. */
  readonly rows: readonly number[];
  /** Cluster of each row, 0..k−1. */
  readonly clusters: readonly number[];
  readonly k: number;
  /** Mean silhouette of the chosen k, and of every k tried. */
  readonly silhouette: number | null;
  readonly silhouetteByK: Readonly<Record<string, number | null>>;
  /** Purity and NMI against the true classes of the clustered samples that have a label. */
  readonly agreement: ClusterAgreement | null;
  readonly labelledCount: number;
}

function embeddingRow(predictions: ScoredPredictions, i: number): number[] {
  const size = predictions.embeddingSize;
  return Array.from(predictions.embedding.subarray(i * size, (i + 1) * size));
}

function agreementOf(predictions: ScoredPredictions, rows: readonly number[], clusters: readonly number[]) {
  const labelled = rows.map((row, j) => ({ truth: predictions.trueClass[row], cluster: clusters[j] }));
  const known = labelled.filter((x): x is { truth: string; cluster: number } => x.truth !== null);
  if (known.length === 0) return { agreement: null, labelledCount: 0 };
  const agreement = clusterAgreement(
    known.map((x) => x.cluster),
    known.map((x) => x.truth),
  );
  return { agreement, labelledCount: known.length };
}

/**
 * k-means (ml-kmeans, seeded, k-means++) on the embeddings of target samples predicted unknown, k chosen by
 * the highest mean silhouette in kRange (the smaller k on ties). Null when fewer than kRange[0] + 1 samples
 * are predicted unknown.
 */
export function clusterAnomalies(
  predictions: ScoredPredictions,
  options: AnomalyClusteringOptions = {},
): AnomalyClustering | null {
  const [kMin, kMax] = options.kRange ?? [2, 6];
  const seed = options.seed ?? 0;
  const rows: number[] = [];
  for (let i = 0; i < predictions.index.length; i++) {
    if (predictions.domain[i] === 'target' && targetDecision(predictions, i) === UNKNOWN) rows.push(i);
  }
  const fitRows = seededSample(rows, options.maxFitSamples ?? 2000, seed);
  const fitPoints = fitRows.map((row) => embeddingRow(predictions, row));
  const chosen = silhouetteKMeans(fitPoints, {
    kRange: [kMin, kMax],
    seed,
    silhouetteSeed: `${seed}:silhouette`,
    maxSilhouetteSamples: options.maxSilhouetteSamples ?? 500,
  });
  if (!chosen) return null;
  const clusters = chosen.model.nearest(rows.map((row) => embeddingRow(predictions, row)));
  return {
    rows,
    clusters,
    k: chosen.k,
    silhouette: chosen.silhouette,
    silhouetteByK: chosen.silhouetteByK,
    ...agreementOf(predictions, rows, clusters),
  };
}
