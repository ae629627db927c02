import { seededSample } from '../../eval/seeded-sample';
import type { UdaModel } from '../../model';
import { classMeanFeatures, clusterScores } from './cluster-score';
import { predictDataset, type DatasetOutputs } from './inference';
import { nearestNeighbourDistances } from './nearest-neighbour-score';
import type { TrainingData } from './training-data';

/** The source training images embedded for the feature scores: a seeded subset, bounding memory and time. */
export const MAX_SOURCE_BANK_ROWS = 3000;

/** The unknown scores read from the features, each [n] per domain (source test, then target). */
export interface FeatureScoreColumns {
  /** Deep nearest-neighbour distance to the source training features (nearest-neighbour-score.ts). */
  readonly knnScore: Float32Array;
  /** Distance of the sample's target cluster to the nearest source class (cluster-score.ts). */
  readonly clusterScore?: Float32Array;
}

export interface DomainFeatureScores {
  readonly sourceTest: FeatureScoreColumns;
  readonly target: FeatureScoreColumns;
}

/**
 * Embeds (a seeded subset of) the source training set in evaluation mode through source BN, then scores
 * the source-test and target samples by their features: the k-th nearest source-training feature, and
 * the distance of their target cluster to the source classes' mean features. No target label is read.
 *
 * Every feature is first centred on the source training features' mean. The backbone's features share
 * one large common direction (measured on the demo run: cosine ≈ 0.97 between a target feature and its
 * nearest source feature, for knowns and mergers alike), so uncentred cosines measure that direction and
 * ranked mergers below knowns (AUROC 0.38); centred, the cosines compare what tells images apart.
 */
export async function featureScores(
  model: UdaModel,
  data: TrainingData,
  predicted: { readonly sourceTest: DatasetOutputs; readonly target: DatasetOutputs },
  batchSize: number,
  seed: string,
): Promise<DomainFeatureScores> {
  const all = Array.from({ length: data.sourceTrain.n }, (_, i) => i);
  const rows = Int32Array.from(seededSample(all, MAX_SOURCE_BANK_ROWS, `${seed}/source-bank`));
  const bankOutputs = await predictDataset(model, data.sourceTrain, 'source', batchSize, rows);
  const dim = bankOutputs.featureDim;
  const centre = columnMeans(bankOutputs.embedding, dim);
  const bank = centred(bankOutputs.embedding, centre);
  const sourceTest = centred(predicted.sourceTest.embedding, centre);
  const target = centred(predicted.target.embedding, centre);
  const numClasses = data.classNames.length;
  const labels = Int32Array.from(rows, (row) => data.sourceTrain.labels[row]);
  const clusters = clusterScores({
    target,
    sourceTest,
    classReferences: classMeanFeatures(bank, labels, dim, numClasses),
    dim,
    numClasses,
    seed: `${seed}/cluster`,
  });
  return {
    sourceTest: {
      knnScore: nearestNeighbourDistances(sourceTest, bank, dim),
      clusterScore: clusters?.sourceTest,
    },
    target: { knnScore: nearestNeighbourDistances(target, bank, dim), clusterScore: clusters?.target },
  };
}

/** [dim] mean of the rows of a row-major [n, dim] array. */
export function columnMeans(values: Float32Array, dim: number): Float64Array {
  const mean = new Float64Array(dim);
  const n = values.length / dim;
  for (let i = 0; i < values.length; i++) mean[i % dim] += values[i] / n;
  return mean;
}

/** Each row minus `centre` (the scores normalize the rows again afterwards). */
export function centred(values: Float32Array, centre: Float64Array): Float32Array {
  return values.map((value, i) => value - centre[i % centre.length]);
}
