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
  const bank = await predictDataset(model, data.sourceTrain, 'source', batchSize, rows);
  const dim = bank.featureDim;
  const knn = (outputs: DatasetOutputs) => nearestNeighbourDistances(outputs.embedding, bank.embedding, dim);
  const numClasses = data.classNames.length;
  const labels = Int32Array.from(rows, (row) => data.sourceTrain.labels[row]);
  const clusters = clusterScores({
    target: predicted.target.embedding,
    sourceTest: predicted.sourceTest.embedding,
    classReferences: classMeanFeatures(bank.embedding, labels, dim, numClasses),
    dim,
    numClasses,
    seed: `${seed}/cluster`,
  });
  return {
    sourceTest: { knnScore: knn(predicted.sourceTest), clusterScore: clusters?.sourceTest },
    target: { knnScore: knn(predicted.target), clusterScore: clusters?.target },
  };
}
