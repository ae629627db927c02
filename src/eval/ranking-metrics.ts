/**
 * Threshold-free quality of a score at separating positives (e.g. unknown samples) from negatives.
 * Tied scores are handled as one threshold: AUROC counts a tied positive/negative pair as one half,
 * and precision-recall steps over a tied group at once.
 */
export interface LabelledScores {
  /** Higher = more likely positive. */
  readonly scores: ArrayLike<number>;
  readonly positive: ArrayLike<boolean>;
}

interface ThresholdGroup {
  readonly threshold: number;
  readonly positives: number;
  readonly negatives: number;
}

/** Distinct score values from high to low with the positives and negatives at each. */
function thresholdGroups({ scores, positive }: LabelledScores): ThresholdGroup[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const groups: ThresholdGroup[] = [];
  for (const i of order) {
    const last = groups[groups.length - 1];
    const hit = positive[i] ? 1 : 0;
    if (last && last.threshold === scores[i]) {
      groups[groups.length - 1] = {
        ...last,
        positives: last.positives + hit,
        negatives: last.negatives + 1 - hit,
      };
    } else {
      groups.push({ threshold: scores[i], positives: hit, negatives: 1 - hit });
    }
  }
  return groups;
}

function totals(groups: readonly ThresholdGroup[]): { positives: number; negatives: number } {
  return groups.reduce(
    (sum, g) => ({ positives: sum.positives + g.positives, negatives: sum.negatives + g.negatives }),
    { positives: 0, negatives: 0 },
  );
}

/** Area under the ROC curve: P(score of a positive > score of a negative) + ½·P(tie); null without both. */
export function auroc(input: LabelledScores): number | null {
  const groups = thresholdGroups(input);
  const { positives, negatives } = totals(groups);
  if (positives === 0 || negatives === 0) return null;
  let negativesAbove = 0;
  let pairsLost = 0;
  for (const g of groups) {
    pairsLost += g.positives * (negativesAbove + g.negatives / 2);
    negativesAbove += g.negatives;
  }
  return 1 - pairsLost / (positives * negatives);
}

/** Average precision (area under the precision-recall curve, step-wise): Σ (R_t − R_{t−1})·P_t; null without positives. */
export function aupr(input: LabelledScores): number | null {
  const groups = thresholdGroups(input);
  const { positives } = totals(groups);
  if (positives === 0) return null;
  let truePositives = 0;
  let predicted = 0;
  let area = 0;
  for (const g of groups) {
    truePositives += g.positives;
    predicted += g.positives + g.negatives;
    area += (g.positives / positives) * (truePositives / predicted);
  }
  // A perfect ranking sums fractions to 1 that floating point can round above it (9 positives: 1 + 2e-16).
  return Math.min(1, area);
}

export interface RocPoint {
  readonly falsePositiveRate: number;
  readonly truePositiveRate: number;
}

/** The ROC curve from (0,0) to (1,1), one point per distinct threshold; empty without both classes. */
export function rocCurve(input: LabelledScores): RocPoint[] {
  const groups = thresholdGroups(input);
  const { positives, negatives } = totals(groups);
  if (positives === 0 || negatives === 0) return [];
  const points: RocPoint[] = [{ falsePositiveRate: 0, truePositiveRate: 0 }];
  let tp = 0;
  let fp = 0;
  for (const g of groups) {
    tp += g.positives;
    fp += g.negatives;
    points.push({ falsePositiveRate: fp / negatives, truePositiveRate: tp / positives });
  }
  return points;
}
