import {
  clusterAnomalies,
  type AnomalyClustering,
  type AnomalyClusteringOptions,
} from './anomaly-clustering';
import { calibratedDecisions } from './calibrated-decisions';
import { classificationMetrics } from './classification-metrics';
import type { Metrics } from './eval-document';
import { regressionSummary } from './regression-metrics';
import { defaultScoreName, type ScoredPredictions } from './scored-predictions';
import { chooseBestScore, unknownScoreMetrics } from './unknown-scores';

/** Who the predictions belong to. */
export interface Subject {
  readonly subject: string;
  readonly members: readonly string[];
  readonly method: string | null;
  readonly role: 'adapted' | 'baseline';
}

function counts(predictions: ScoredPredictions): Metrics['counts'] {
  let source = 0;
  let target = 0;
  let targetLabelled = 0;
  predictions.domain.forEach((domain, i) => {
    if (domain === 'source') source++;
    else {
      target++;
      if (predictions.trueClass[i] !== null) targetLabelled++;
    }
  });
  return { source, target, targetLabelled };
}

/** Regression runs have a class list too (the task's), but no classifier decision worth scoring. */
function classificationOf(predictions: ScoredPredictions): Metrics['classification'] {
  if (predictions.classNames.length === 0 || predictions.regressionPredicted) return null;
  const unknownScores = unknownScoreMetrics(predictions);
  const metrics = classificationMetrics(predictions);
  const confusion = {
    labels: [...metrics.confusion.labels],
    counts: metrics.confusion.counts.map((row) => [...row]),
  };
  return {
    ...metrics,
    confusion,
    unknownScores,
    bestScore: chooseBestScore(unknownScores, defaultScoreName(predictions)),
    calibrated: calibratedDecisions(predictions, 'otsu'),
    calibratedMixture: calibratedDecisions(predictions, 'mixture'),
  };
}

function regressionOf(predictions: ScoredPredictions): Metrics['regression'] {
  const { regressionPredicted: predicted, regressionTrue: truth, domain } = predictions;
  if (!predicted || !truth) return null;
  const { trueClass, classNames } = predictions;
  return regressionSummary({ domain, predicted, truth, trueClass, classNames });
}

/** The clustering summary that goes into the eval document. */
export function clusteringSummary(clustering: AnomalyClustering | null): Metrics['clustering'] {
  if (!clustering) return null;
  const sizes = new Array<number>(clustering.k).fill(0);
  for (const c of clustering.clusters) sizes[c]++;
  return {
    clustered: clustering.rows.length,
    k: clustering.k,
    silhouette: clustering.silhouette,
    silhouetteByK: clustering.silhouetteByK,
    sizes,
    purity: clustering.agreement?.purity ?? null,
    nmi: clustering.agreement?.nmi ?? null,
    labelledCount: clustering.labelledCount,
  };
}

/** Every metric of ALGORITHM.md for one member or ensemble. */
export function evaluatePredictions(
  predictions: ScoredPredictions,
  subject: Subject,
  clusteringOptions: AnomalyClusteringOptions = {},
): Metrics {
  const classification = classificationOf(predictions);
  return {
    subject: subject.subject,
    members: [...subject.members],
    method: subject.method,
    role: subject.role,
    classNames: [...predictions.classNames],
    unknownThreshold: predictions.unknownThreshold,
    counts: counts(predictions),
    classification,
    regression: regressionOf(predictions),
    clustering: classification ? clusteringSummary(clusterAnomalies(predictions, clusteringOptions)) : null,
  };
}
