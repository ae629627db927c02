import { rowArgmax } from './entropy';
import { UNKNOWN, targetTruth } from './classification-metrics';
import { aupr, auroc, rocCurve, type RocPoint } from './ranking-metrics';
import { UNKNOWN_SCORE_NAMES, type ScoredPredictions, type UnknownScoreName } from './scored-predictions';

export interface UnknownScoreMetrics {
  /** Target: unknown truth vs shared-class truth. Null without both. */
  readonly auroc: number | null;
  readonly aupr: number | null;
  /** Source test: wrong vs correct argmax predictions. Uses source labels only; chooses the best score. */
  readonly sourceErrorAuroc: number | null;
}

export interface BestScoreChoice {
  readonly name: UnknownScoreName;
  readonly sourceErrorAuroc: number | null;
  /** Why this one, in words, for the report. */
  readonly reason: string;
}

/** The scores the predictions carry, in the fixed preference order of UNKNOWN_SCORE_NAMES. */
export function presentScores(predictions: ScoredPredictions): UnknownScoreName[] {
  return UNKNOWN_SCORE_NAMES.filter((name) => predictions.scores[name] !== undefined);
}

/** Rows and positives for "unknown vs shared" on labelled target samples. */
export function targetUnknownLabels(predictions: ScoredPredictions): { rows: number[]; positive: boolean[] } {
  const rows: number[] = [];
  const positive: boolean[] = [];
  for (let i = 0; i < predictions.index.length; i++) {
    if (predictions.domain[i] !== 'target') continue;
    const truth = targetTruth(predictions, i);
    if (truth === null) continue;
    rows.push(i);
    positive.push(truth === UNKNOWN);
  }
  return { rows, positive };
}

function sourceErrorLabels(predictions: ScoredPredictions): { rows: number[]; positive: boolean[] } {
  const k = predictions.classNames.length;
  const rows: number[] = [];
  const positive: boolean[] = [];
  for (let i = 0; i < predictions.index.length; i++) {
    const truth = predictions.trueClass[i];
    if (predictions.domain[i] !== 'source' || truth === null || !predictions.classNames.includes(truth))
      continue;
    rows.push(i);
    positive.push(predictions.classNames[rowArgmax(predictions.probabilities, i, k)] !== truth);
  }
  return { rows, positive };
}

/** AUROC and AUPR of every unknown score on target, and its source error-detection AUROC. */
export function unknownScoreMetrics(
  predictions: ScoredPredictions,
): Partial<Record<UnknownScoreName, UnknownScoreMetrics>> {
  const target = targetUnknownLabels(predictions);
  const source = sourceErrorLabels(predictions);
  const result: Partial<Record<UnknownScoreName, UnknownScoreMetrics>> = {};
  for (const name of presentScores(predictions)) {
    const values = predictions.scores[name] as Float32Array;
    const targetInput = { scores: target.rows.map((i) => values[i]), positive: target.positive };
    const sourceInput = { scores: source.rows.map((i) => values[i]), positive: source.positive };
    result[name] = {
      auroc: auroc(targetInput),
      aupr: aupr(targetInput),
      sourceErrorAuroc: auroc(sourceInput),
    };
  }
  return result;
}

/** ROC curve of one score on labelled target samples (unknown = positive). */
export function unknownRocCurve(predictions: ScoredPredictions, name: UnknownScoreName): RocPoint[] {
  const values = predictions.scores[name];
  if (!values) return [];
  const target = targetUnknownLabels(predictions);
  return rocCurve({ scores: target.rows.map((i) => values[i]), positive: target.positive });
}

/** Preference order on ties: an ensemble's mean entropy and mutual information first, then the rest. */
function preferenceOrder(fallback: UnknownScoreName): UnknownScoreName[] {
  const first: UnknownScoreName[] =
    fallback === 'meanEntropy' ? ['meanEntropy', 'mutualInformation'] : [fallback];
  return [...first, ...UNKNOWN_SCORE_NAMES.filter((name) => !first.includes(name))];
}

/**
 * Chooses the score that ranks anomalies without looking at target labels (ALGORITHM.md): the one whose
 * source-test values best separate wrong from correct predictions (highest AUROC of "wrong"). Ties go to
 * the default score (defaultScoreName: entropy, or an ensemble's mean entropy then mutual information),
 * then to earlier names in UNKNOWN_SCORE_NAMES. Where the source test has no wrong (or no correct)
 * prediction nothing can be told apart, and the default score is kept.
 */
export function chooseBestScore(
  metrics: Partial<Record<UnknownScoreName, UnknownScoreMetrics>>,
  fallback: UnknownScoreName = 'entropy',
): BestScoreChoice {
  let best: BestScoreChoice | undefined;
  for (const name of preferenceOrder(fallback)) {
    const value = metrics[name]?.sourceErrorAuroc;
    if (value === null || value === undefined) continue;
    if (!best || value > (best.sourceErrorAuroc as number)) {
      best = { name, sourceErrorAuroc: value, reason: '' };
    }
  }
  if (!best) {
    return {
      name: fallback,
      sourceErrorAuroc: null,
      reason: `the source test set has no wrong (or no correct) predictions to separate; kept the default, ${fallback}`,
    };
  }
  return {
    ...best,
    reason: `highest AUROC of wrong vs correct source-test predictions (${best.sourceErrorAuroc?.toFixed(3)})`,
  };
}
