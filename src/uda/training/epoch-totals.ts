import type { StepNumbers } from './train-step';

/** Running sums of one epoch's steps: all a checkpoint written mid-epoch needs to finish the epoch's record. */
export interface EpochTotals {
  readonly steps: number;
  readonly images: number;
  /** Source samples classified (for the training accuracy). */
  readonly sourceSamples: number;
  readonly correct: number | null;
  readonly seconds: number;
  readonly lossSums: Readonly<Record<string, number>>;
  readonly diagnosticSums: Readonly<Record<string, number>>;
}

export const EMPTY_EPOCH_TOTALS: EpochTotals = {
  steps: 0,
  images: 0,
  sourceSamples: 0,
  correct: 0,
  seconds: 0,
  lossSums: {},
  diagnosticSums: {},
};

/** The totals after one more step. Sums run in step order, so a resumed epoch adds up exactly the same. */
export function addStep(
  totals: EpochTotals,
  step: StepNumbers,
  sourceSamples: number,
  seconds: number,
): EpochTotals {
  return {
    steps: totals.steps + 1,
    images: totals.images + step.images,
    sourceSamples: totals.sourceSamples + sourceSamples,
    correct: totals.correct === null || step.correct === null ? null : totals.correct + step.correct,
    seconds: totals.seconds + seconds,
    lossSums: addInto(totals.lossSums, step.losses),
    diagnosticSums: addInto(totals.diagnosticSums, step.diagnostics),
  };
}

/** Means over the steps so far. */
export function epochMeans(totals: EpochTotals): {
  losses: Record<string, number>;
  diagnostics: Record<string, number>;
  sourceAccuracy: number | null;
  imagesPerSecond: number;
} {
  const mean = (sums: Readonly<Record<string, number>>) =>
    Object.fromEntries(Object.entries(sums).map(([name, sum]) => [name, sum / Math.max(1, totals.steps)]));
  return {
    losses: mean(totals.lossSums),
    diagnostics: mean(totals.diagnosticSums),
    sourceAccuracy: totals.correct === null ? null : totals.correct / Math.max(1, totals.sourceSamples),
    imagesPerSecond: totals.seconds > 0 ? totals.images / totals.seconds : 0,
  };
}

function addInto(
  sums: Readonly<Record<string, number>>,
  values: Readonly<Record<string, number>>,
): Record<string, number> {
  const next = { ...sums };
  for (const [name, value] of Object.entries(values)) next[name] = (next[name] ?? 0) + value;
  return next;
}
