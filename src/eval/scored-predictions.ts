import type { Domain } from '../data/dataset';
import type { PredictionSet } from './prediction-file';
import { rankScore } from './rank-score';

/** Every unknown score the evaluation knows; higher means more likely unknown. */
export const UNKNOWN_SCORE_NAMES = [
  'entropy',
  'maxSoftmaxScore',
  'prototypeScore',
  'ovaScore',
  'knnScore',
  'clusterScore',
  'meanEntropy',
  'mutualInformation',
  'rankScore',
] as const;
export type UnknownScoreName = (typeof UNKNOWN_SCORE_NAMES)[number];

/**
 * Predictions of one member or of an ensemble, in the form every metric reads. `scores.entropy` is the
 * entropy of `probabilities` and decides "unknown" against `unknownThreshold`.
 */
export interface ScoredPredictions {
  readonly classNames: readonly string[];
  readonly unknownThreshold: number;
  readonly domain: readonly Domain[];
  readonly index: Int32Array;
  readonly trueClass: readonly (string | null)[];
  /** [n, classNames.length] row-major. */
  readonly probabilities: Float32Array;
  readonly scores: Readonly<Partial<Record<UnknownScoreName, Float32Array>>> & { entropy: Float32Array };
  /** [n, embeddingSize] row-major. */
  readonly embedding: Float32Array;
  readonly embeddingSize: number;
  readonly regressionPredicted?: Float32Array;
  readonly regressionTrue?: Float32Array;
}

/**
 * The score the fixed ρ applies to and that stands when no score can be chosen on source data: entropy
 * for one member; for an ensemble the members' mean entropy. The entropy of the ensemble's mean
 * probabilities is exactly mean entropy + mutual information (the members' disagreement): the mean
 * entropy keeps ρ on the scale each member was trained against, and mutual information, next in line,
 * adds what only several members can tell, their disagreement (chooseBestScore tries these two first).
 */
export function defaultScoreName(predictions: Pick<ScoredPredictions, 'scores'>): 'entropy' | 'meanEntropy' {
  return predictions.scores.meanEntropy ? 'meanEntropy' : 'entropy';
}

/** One member's predictions as scored predictions, with the scores its file carries. */
export function memberScoredPredictions(set: PredictionSet): ScoredPredictions {
  const scores: ScoredPredictions['scores'] = {
    entropy: set.entropy,
    maxSoftmaxScore: set.maxSoftmaxScore,
    prototypeScore: set.prototypeScore,
    ...(set.ovaScore ? { ovaScore: set.ovaScore } : {}),
    ...(set.knnScore ? { knnScore: set.knnScore } : {}),
    ...(set.clusterScore ? { clusterScore: set.clusterScore } : {}),
  };
  const ranked = rankScore({ scores, domain: set.domain }, defaultScoreName({ scores }));
  return {
    classNames: set.classNames,
    unknownThreshold: set.unknownThreshold,
    domain: set.domain,
    index: set.index,
    trueClass: set.trueClass,
    probabilities: set.probabilities,
    scores: { ...scores, ...(ranked && { rankScore: ranked }) },
    embedding: set.embedding,
    embeddingSize: set.embeddingSize,
    regressionPredicted: set.regressionPredicted,
    regressionTrue: set.regressionTrue,
  };
}
