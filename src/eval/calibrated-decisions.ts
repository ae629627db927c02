import { otsuThreshold } from './calibrated-threshold';
import { classificationMetrics } from './classification-metrics';
import { mixtureThreshold } from './mixture-threshold';
import type { ScoredPredictions, UnknownScoreName } from './scored-predictions';
import { presentScores } from './unknown-scores';

/** The unknown decision of one score at the threshold calibrated on the target's own scores. */
export interface CalibratedDecision {
  /** The threshold of the score over every target sample (labels unused); null when it cannot split. */
  readonly threshold: number | null;
  readonly knownAccuracy: number | null;
  readonly unknownRecall: number | null;
  readonly hScore: number | null;
}

/** How a threshold is read from the target's own scores: Otsu's cut, or a two-Gaussian mixture's. */
export type CalibrationRule = 'otsu' | 'mixture';

const THRESHOLD_OF: Record<CalibrationRule, (values: ArrayLike<number>) => number | null> = {
  otsu: otsuThreshold,
  mixture: mixtureThreshold,
};

/**
 * For every score the predictions carry: a threshold from the distribution of its target values
 * (Otsu's, or a two-component Gaussian mixture's), and the known accuracy, unknown recall and H-score
 * when "unknown" means "score above it". The threshold never sees a label; the accuracies use target
 * labels where they exist, as every evaluation metric does.
 */
export function calibratedDecisions(
  predictions: ScoredPredictions,
  rule: CalibrationRule = 'otsu',
): Partial<Record<UnknownScoreName, CalibratedDecision>> {
  const targetRows: number[] = [];
  predictions.domain.forEach((domain, i) => domain === 'target' && targetRows.push(i));
  const result: Partial<Record<UnknownScoreName, CalibratedDecision>> = {};
  for (const name of presentScores(predictions)) {
    const scores = predictions.scores[name] as Float32Array;
    const threshold = THRESHOLD_OF[rule](targetRows.map((i) => scores[i]));
    if (threshold === null) {
      result[name] = { threshold, knownAccuracy: null, unknownRecall: null, hScore: null };
      continue;
    }
    const metrics = classificationMetrics(predictions, { scores, threshold });
    result[name] = {
      threshold,
      knownAccuracy: metrics.knownAccuracy,
      unknownRecall: metrics.unknownRecall,
      hScore: metrics.hScore,
    };
  }
  return result;
}
