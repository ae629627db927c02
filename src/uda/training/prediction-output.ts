import type { Dataset } from '../../data/dataset';
import { probabilityScores } from '../../eval/entropy';
import type { PredictionSet } from '../../eval/prediction-file';
import { embedFeatures } from './embedding-pca';
import type { DomainFeatureScores } from './feature-scores';
import { concat, type DatasetOutputs } from './inference';
import { quantityFromOutputs, regressionColumn } from './regression-targets';
import type { TrainingData } from './training-data';

/** The source test set and every target sample, each with the model's outputs in evaluation mode. */
export interface PredictedDomains {
  readonly sourceTest: DatasetOutputs;
  readonly target: DatasetOutputs;
  /** Scores read from the features against the source training set, where they were computed. */
  readonly featureScores?: DomainFeatureScores;
}

/**
 * One member's PredictionSet (src/eval/prediction-file.ts): probabilities, the unknown scores, a 32-d
 * embedding and the true class where known; regression runs add predicted and true values.
 * @param unknownThreshold ρ: a target sample is unknown when its entropy exceeds it
 */
export function buildPredictionSet(
  data: TrainingData,
  predicted: PredictedDomains,
  unknownThreshold: number,
  meta: Readonly<Record<string, string>>,
): PredictionSet {
  const { sourceTest, target } = predicted;
  const parts = [sourceTest, target];
  const n = sourceTest.n + target.n;
  const probabilities = Float32Array.from(
    joined(parts, (o) => o.logProbabilities),
    Math.exp,
  );
  const scores = probabilityScores(probabilities, n, data.classNames.length);
  const embedding = embedFeatures(
    joined(parts, (o) => o.embedding),
    n,
    sourceTest.featureDim,
  );
  return {
    classNames: data.classNames,
    unknownThreshold,
    meta,
    domain: [
      ...new Array<'source'>(sourceTest.n).fill('source'),
      ...new Array<'target'>(target.n).fill('target'),
    ],
    index: Int32Array.from([...data.sourceTestIndex, ...Array.from({ length: target.n }, (_, i) => i)]),
    trueClass: [...trueClasses(data.sourceTest), ...trueClasses(data.target)],
    probabilities,
    entropy: scores.entropy,
    maxSoftmaxScore: scores.maxSoftmaxScore,
    prototypeScore: Float32Array.from(
      joined(parts, (o) => o.maxPrototypeCosine),
      (cosine) => 1 - cosine,
    ),
    ...(sourceTest.ovaUnknown && target.ovaUnknown && { ovaScore: joined(parts, (o) => o.ovaUnknown!) }),
    ...featureColumns(predicted.featureScores),
    embedding: embedding.values,
    embeddingSize: embedding.size,
    ...(data.regression && regressionColumns(data, predicted)),
  };
}

function featureColumns(
  scores: DomainFeatureScores | undefined,
): Pick<PredictionSet, 'knnScore' | 'clusterScore'> {
  if (!scores) return {};
  const { sourceTest, target } = scores;
  return {
    knnScore: concat([sourceTest.knnScore, target.knnScore]),
    ...(sourceTest.clusterScore &&
      target.clusterScore && { clusterScore: concat([sourceTest.clusterScore, target.clusterScore]) }),
  };
}

function joined(
  parts: readonly DatasetOutputs[],
  column: (outputs: DatasetOutputs) => Float32Array,
): Float32Array {
  return concat(parts.map(column));
}

function trueClasses(dataset: Dataset): (string | null)[] {
  return Array.from(dataset.labels, (label) => dataset.classNames[label] ?? null);
}

function regressionColumns(
  data: TrainingData,
  predicted: PredictedDomains,
): Pick<PredictionSet, 'regressionPredicted' | 'regressionTrue'> {
  const targets = data.regression!;
  const { name } = targets;
  return {
    regressionPredicted: Float32Array.from([
      ...quantityFromOutputs(data.sourceTest, targets, predicted.sourceTest.regression!),
      ...quantityFromOutputs(data.target, targets, predicted.target.regression!),
    ]),
    regressionTrue: Float32Array.from([
      ...regressionColumn(data.sourceTest, name),
      ...regressionColumn(data.target, name),
    ]),
  };
}
