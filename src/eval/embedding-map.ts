import { UMAP } from 'umap-js';
import { seededRng } from '../data/rng';
import type { ScoredPredictions } from './scored-predictions';
import { seededSample } from './seeded-sample';

export interface EmbeddingMapOptions {
  /** Above this many target samples, a seeded sample of this size is mapped. @default 2000 */
  readonly maxPoints?: number;
  /** @default 0 */
  readonly seed?: number;
  /** UMAP optimisation epochs. @default 200 */
  readonly epochs?: number;
}

export interface EmbeddingMap {
  /** Prediction rows that were mapped (target samples). */
  readonly rows: readonly number[];
  /** [rows.length] 2-D coordinates. */
  readonly coordinates: readonly (readonly [number, number])[];
  /** Target samples in total; more than rows.length when subsampled. */
  readonly total: number;
  readonly subsampled: boolean;
}

/** A seeded 2-D UMAP map of the target samples' embeddings, subsampled above maxPoints. */
export function mapTargetSamples(
  predictions: ScoredPredictions,
  options: EmbeddingMapOptions = {},
): EmbeddingMap {
  const targetRows: number[] = [];
  predictions.domain.forEach((domain, i) => domain === 'target' && targetRows.push(i));
  const seed = options.seed ?? 0;
  const rows = seededSample(targetRows, options.maxPoints ?? 2000, seed);
  const size = predictions.embeddingSize;
  const data = rows.map((row) => Array.from(predictions.embedding.subarray(row * size, (row + 1) * size)));
  let coordinates: [number, number][];
  if (rows.length < 3) {
    coordinates = data.map((v) => [v[0] ?? 0, v[1] ?? 0]);
  } else {
    const umap = new UMAP({
      nComponents: 2,
      nNeighbors: Math.min(15, rows.length - 1),
      nEpochs: options.epochs ?? 200,
      random: seededRng(`${seed}:umap`),
    });
    coordinates = umap.fit(data).map((point) => [point[0], point[1]]);
  }
  return { rows, coordinates, total: targetRows.length, subsampled: rows.length < targetRows.length };
}
