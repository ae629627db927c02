import type { RegressionResult, ScienceResult } from './run-case';

/** Mean and min–max of one quantity over seeds. */
export interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

export function spread(values: readonly (number | null | undefined)[]): Spread | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (present.length === 0) return null;
  return {
    mean: present.reduce((a, b) => a + b, 0) / present.length,
    min: Math.min(...present),
    max: Math.max(...present),
    count: present.length,
  };
}

/** Every score name any result carries, in first-seen order (new scores appear without code changes). */
export function scoresIn(results: readonly ScienceResult[]): string[] {
  return [...new Set(results.flatMap((r) => Object.keys(r.auroc)))];
}

/** Means and min–max over seeds per variant of one pair and task. */
export function summarize(results: readonly ScienceResult[]): Map<string, Record<string, Spread | null>> {
  const byVariant = new Map<string, Record<string, Spread | null>>();
  const scores = scoresIn(results);
  for (const variant of [...new Set(results.map((r) => r.case.variant))]) {
    const runs = results.filter((r) => r.case.variant === variant);
    const summary: Record<string, Spread | null> = {
      closedSet: spread(runs.map((r) => r.targetClosedSetAccuracy)),
      known: spread(runs.map((r) => r.knownAccuracy)),
      unknownRecall: spread(runs.map((r) => r.unknownRecall)),
      hScore: spread(runs.map((r) => r.hScore)),
      calibratedEntropyH: spread(runs.map((r) => r.calibratedHScore.entropy)),
      calibratedChosenH: spread(runs.map((r) => r.calibratedHScore[r.chosenScore])),
      mixtureChosenH: spread(runs.map((r) => r.mixtureHScore[r.chosenScore])),
      calibratedRankH: spread(runs.map((r) => r.calibratedHScore.rankScore)),
      chosenAuroc: spread(runs.map((r) => r.chosenScoreAuroc)),
      seconds: spread(runs.map((r) => r.seconds)),
    };
    for (const score of scores) {
      summary[`auroc:${score}`] = spread(runs.map((r) => r.auroc[score]));
      summary[`aupr:${score}`] = spread(runs.map((r) => r.aupr[score]));
    }
    byVariant.set(variant, summary);
  }
  return byVariant;
}

/** "beyond the seed spread" only when the candidate's worst seed is above the baseline's best (no overlap). */
export function verdict(candidate: Spread | null, baseline: Spread | null): string {
  if (!candidate || !baseline) return 'not measured';
  const delta = candidate.mean - baseline.mean;
  const change = `Δ ${delta >= 0 ? '+' : ''}${delta.toFixed(3)}`;
  if (candidate.count < 2 || baseline.count < 2) return `${change}, one seed only: no spread to compare`;
  if (candidate.min > baseline.max) return `${change}, beyond the seed spread`;
  if (delta > 0) return `${change}, within the seed spread`;
  return `${change}, not better`;
}

const ratio = (value: number | null, reference: number | null): number | null =>
  reference && value !== null ? value / reference : null;

/**
 * MAE, RMSE and bias per domain, the target/source MAE ratio, and the same on the target's galaxies of
 * the source's classes, over seeds per variant.
 */
export function summarizeRegression(
  results: readonly RegressionResult[],
): Map<string, Record<string, Spread | null>> {
  const byVariant = new Map<string, Record<string, Spread | null>>();
  for (const variant of [...new Set(results.map((r) => r.case.variant))]) {
    const runs = results.filter((r) => r.case.variant === variant);
    const of = (pick: (r: RegressionResult) => number | null) => spread(runs.map(pick));
    byVariant.set(variant, {
      sourceMae: of((r) => r.source.mae),
      sourceRmse: of((r) => r.source.rmse),
      sourceBias: of((r) => r.source.bias),
      targetMae: of((r) => r.target.mae),
      targetRmse: of((r) => r.target.rmse),
      targetBias: of((r) => r.target.bias),
      maeRatio: of((r) => ratio(r.target.mae, r.source.mae)),
      knownMae: of((r) => r.targetKnownClasses.mae),
      knownBias: of((r) => r.targetKnownClasses.bias),
      knownMaeRatio: of((r) => ratio(r.targetKnownClasses.mae, r.source.mae)),
      seconds: of((r) => r.seconds),
    });
  }
  return byVariant;
}
