import { rowArgmax } from './entropy';
import { defaultScoreName, type ScoredPredictions } from './scored-predictions';

/** The label of target samples whose true class the classifier does not know, and of rejected predictions. */
export const UNKNOWN = 'unknown';

export interface ConfusionMatrix {
  /** Row and column labels: the classifier's classes, then "unknown". */
  readonly labels: readonly string[];
  /** counts[true][predicted]. */
  readonly counts: readonly (readonly number[])[];
}

export interface ClassificationMetrics {
  /** Argmax accuracy on labelled source samples; null without any. */
  readonly sourceAccuracy: number | null;
  /** Argmax accuracy on target samples of shared classes, no rejection ("closed-set"); null without any. */
  readonly targetClosedSetAccuracy: number | null;
  /** Target recall per label (classes, then "unknown"); null where no target sample has that truth. */
  readonly perClassRecall: Readonly<Record<string, number | null>>;
  /** Mean of the non-null recalls: shared classes and unknown. */
  readonly meanPerClassAccuracy: number | null;
  /** Mean recall over shared classes only (classes with target samples): source-private ones never enter. */
  readonly knownAccuracy: number | null;
  readonly unknownRecall: number | null;
  /** 2·a_known·a_unknown/(a_known + a_unknown); null in closed and partial settings (no unknown truth). */
  readonly hScore: number | null;
  readonly confusion: ConfusionMatrix;
}

/** Target truth as a label: its class when the classifier knows it, else "unknown"; null when unlabelled. */
export function targetTruth(predictions: ScoredPredictions, i: number): string | null {
  const truth = predictions.trueClass[i];
  if (truth === null || truth === undefined) return null;
  return predictions.classNames.includes(truth) ? truth : UNKNOWN;
}

/** When a target sample is "unknown": its score above a threshold. */
export interface UnknownRule {
  /** [n] one unknown score per row, higher = more likely unknown. */
  readonly scores: Float32Array;
  readonly threshold: number;
}

/**
 * The rule the model was trained against: entropy above the fixed ρ (an ensemble's: its members' mean
 * entropy, defaultScoreName).
 */
export function fixedRule(predictions: ScoredPredictions): UnknownRule {
  const scores = predictions.scores[defaultScoreName(predictions)] ?? predictions.scores.entropy;
  return { scores, threshold: predictions.unknownThreshold };
}

/** The decision for a target sample: "unknown" when the rule says so, else its argmax class. */
export function targetDecision(
  predictions: ScoredPredictions,
  i: number,
  rule: UnknownRule = fixedRule(predictions),
): string {
  if (rule.scores[i] > rule.threshold) return UNKNOWN;
  return predictions.classNames[rowArgmax(predictions.probabilities, i, predictions.classNames.length)];
}

function argmaxAccuracy(predictions: ScoredPredictions, domain: 'source' | 'target'): number | null {
  const k = predictions.classNames.length;
  let correct = 0;
  let total = 0;
  for (let i = 0; i < predictions.index.length; i++) {
    const truth = predictions.trueClass[i];
    if (predictions.domain[i] !== domain || truth === null || !predictions.classNames.includes(truth))
      continue;
    total++;
    if (predictions.classNames[rowArgmax(predictions.probabilities, i, k)] === truth) correct++;
  }
  return total === 0 ? null : correct / total;
}

function targetConfusion(predictions: ScoredPredictions, rule: UnknownRule): ConfusionMatrix {
  const labels = [...predictions.classNames, UNKNOWN];
  const counts = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < predictions.index.length; i++) {
    if (predictions.domain[i] !== 'target') continue;
    const truth = targetTruth(predictions, i);
    if (truth === null) continue;
    counts[labels.indexOf(truth)][labels.indexOf(targetDecision(predictions, i, rule))]++;
  }
  return { labels, counts };
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Accuracies, per-class recall, H-score and the confusion matrix of ALGORITHM.md ("Metrics"), with
 * unknowns decided by `rule` (default: entropy above the fixed ρ).
 */
export function classificationMetrics(
  predictions: ScoredPredictions,
  rule: UnknownRule = fixedRule(predictions),
): ClassificationMetrics {
  const confusion = targetConfusion(predictions, rule);
  const perClassRecall: Record<string, number | null> = {};
  confusion.labels.forEach((label, row) => {
    const total = confusion.counts[row].reduce((a, b) => a + b, 0);
    perClassRecall[label] = total === 0 ? null : confusion.counts[row][row] / total;
  });
  const present = confusion.labels.filter((label) => perClassRecall[label] !== null);
  const shared = present.filter((label) => label !== UNKNOWN);
  const knownAccuracy = mean(shared.map((label) => perClassRecall[label] as number));
  const unknownRecall = perClassRecall[UNKNOWN];
  let hScore: number | null = null;
  if (knownAccuracy !== null && unknownRecall !== null) {
    const sum = knownAccuracy + unknownRecall;
    hScore = sum === 0 ? 0 : (2 * knownAccuracy * unknownRecall) / sum;
  }
  return {
    sourceAccuracy: argmaxAccuracy(predictions, 'source'),
    targetClosedSetAccuracy: argmaxAccuracy(predictions, 'target'),
    perClassRecall,
    meanPerClassAccuracy: mean(present.map((label) => perClassRecall[label] as number)),
    knownAccuracy,
    unknownRecall,
    hScore,
    confusion,
  };
}
