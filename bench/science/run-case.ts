import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../src/config/run-config';
import { calibratedDecisions } from '../../src/eval/calibrated-decisions';
import { classificationMetrics } from '../../src/eval/classification-metrics';
import { decodePredictions } from '../../src/eval/prediction-file';
import { regressionSummary, type RegressionSummary } from '../../src/eval/regression-metrics';
import { memberScoredPredictions, type ScoredPredictions } from '../../src/eval/scored-predictions';
import { chooseBestScore, unknownScoreMetrics } from '../../src/eval/unknown-scores';
import type { Logger } from '../../src/logger';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import { trainMember, type TrainingHistory } from '../../src/uda/training';
import { caseConfig, type ScienceCase } from './variants';

/** Per score name (whatever scores the predictions carry), a value or null. */
export type PerScore = Readonly<Record<string, number | null>>;

interface TrainingFacts {
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly stopReason: string;
  readonly seconds: number;
}

/** What one trained member scored on the target set (target labels used here, for evaluation only). */
export interface ScienceResult extends TrainingFacts {
  readonly case: Extract<ScienceCase, { kind: 'classification' }>;
  readonly sourceAccuracy: number | null;
  readonly targetClosedSetAccuracy: number | null;
  /** Mean recall over the shared classes (a_known of the H-score). */
  readonly knownAccuracy: number | null;
  readonly unknownRecall: number | null;
  /** H-score with the fixed ρ on entropy. */
  readonly hScore: number | null;
  /** H-score per score at its label-free Otsu threshold on the target's own values. */
  readonly calibratedHScore: PerScore;
  /** H-score per score at its two-Gaussian mixture threshold on the target's own values. */
  readonly mixtureHScore: PerScore;
  /** Target AUROC and AUPR (unknown positive) of every unknown score the member's predictions carry. */
  readonly auroc: PerScore;
  readonly aupr: PerScore;
  /** The score chosen on source data only (source-test error detection), and its target AUROC. */
  readonly chosenScore: string;
  readonly chosenScoreAuroc: number | null;
  /** Adaptive clustering's share of "same" pairs: mean over epochs, and at the kept epoch. */
  readonly positivePairShare: { readonly mean: number; readonly bestEpoch: number } | null;
}

/** The regression head's errors per domain, and on the target's galaxies of the source's classes. */
export interface RegressionResult extends TrainingFacts, RegressionSummary {
  readonly case: Extract<ScienceCase, { kind: 'regression' }>;
}

export type CaseResult = ScienceResult | RegressionResult;

function positivePairShare(history: TrainingHistory): ScienceResult['positivePairShare'] {
  const shares = history.epochs
    .map((epoch) => epoch.diagnostics.positivePairShare)
    .filter((share): share is number => typeof share === 'number');
  if (shares.length === 0) return null;
  const best = history.epochs[history.bestEpoch]?.diagnostics.positivePairShare;
  return { mean: shares.reduce((a, b) => a + b, 0) / shares.length, bestEpoch: best ?? NaN };
}

function classificationResult(
  scienceCase: Extract<ScienceCase, { kind: 'classification' }>,
  predictions: ScoredPredictions,
  history: TrainingHistory,
  facts: TrainingFacts,
): ScienceResult {
  const metrics = classificationMetrics(predictions);
  const scoreMetrics = unknownScoreMetrics(predictions);
  const chosen = chooseBestScore(scoreMetrics);
  const perScore = <T>(record: Partial<Record<string, T>>, pick: (value: T) => number | null): PerScore =>
    Object.fromEntries(Object.entries(record).map(([name, value]) => [name, value ? pick(value) : null]));
  return {
    case: scienceCase,
    ...facts,
    sourceAccuracy: metrics.sourceAccuracy,
    targetClosedSetAccuracy: metrics.targetClosedSetAccuracy,
    knownAccuracy: metrics.knownAccuracy,
    unknownRecall: metrics.unknownRecall,
    hScore: metrics.hScore,
    calibratedHScore: perScore(calibratedDecisions(predictions), (d) => d.hScore),
    mixtureHScore: perScore(calibratedDecisions(predictions, 'mixture'), (d) => d.hScore),
    auroc: perScore(scoreMetrics, (m) => m.auroc),
    aupr: perScore(scoreMetrics, (m) => m.aupr),
    chosenScore: chosen.name,
    chosenScoreAuroc: scoreMetrics[chosen.name]?.auroc ?? null,
    positivePairShare: positivePairShare(history),
  };
}

function regressionResult(
  scienceCase: Extract<ScienceCase, { kind: 'regression' }>,
  predictions: ScoredPredictions,
  facts: TrainingFacts,
): RegressionResult {
  const { regressionPredicted: predicted, regressionTrue: truth } = predictions;
  if (!predicted || !truth) throw new Error('regression case: the predictions carry no regression output');
  const { domain, trueClass, classNames } = predictions;
  return {
    case: scienceCase,
    ...facts,
    ...regressionSummary({ domain, predicted, truth, trueClass, classNames }),
  };
}

/** The file name a kept case's predictions get: pair, task, variant and seed (':' of a pair's flags as '_'). */
export function keptPredictionsName(scienceCase: ScienceCase): string {
  const task = scienceCase.kind === 'regression' ? 'regression' : scienceCase.task;
  return `${scienceCase.pair.name.replaceAll(':', '_')}-${task}-${scienceCase.variant}-seed${scienceCase.seed}.arrow`;
}

/**
 * Trains one member of `scienceCase` with trainMember (the backend must already be selected) in a
 * temporary store, evaluates its predictions, and removes the store; with `keep`, the predictions file
 * is first copied there (keptPredictionsName), for analysis beyond the report's tables.
 */
export async function runScienceCase(
  scienceCase: ScienceCase,
  logger: Logger,
  keep?: string,
): Promise<CaseResult> {
  const config = resolveConfig(caseConfig(scienceCase));
  const folder = await mkdtemp(join(tmpdir(), 'deepastro-science-'));
  const started = performance.now();
  try {
    const store = openStore(folder);
    const runId = `${scienceCase.task}-${scienceCase.variant}-${scienceCase.seed}`;
    await trainMember({ config, runId, store, member: 0, logger });
    const seconds = (performance.now() - started) / 1000;
    const history = JSON.parse(await store.getText(runLayout.history(runId, 0))) as TrainingHistory;
    const bytes = await store.get(runLayout.predictions(runId, 0));
    if (keep !== undefined) {
      await mkdir(keep, { recursive: true });
      await writeFile(join(keep, keptPredictionsName(scienceCase)), bytes);
    }
    const set = decodePredictions(bytes, runId);
    const predictions = memberScoredPredictions(set);
    const facts = {
      epochs: history.epochs.length,
      bestEpoch: history.bestEpoch,
      stopReason: history.stopReason,
      seconds,
    };
    return scienceCase.kind === 'regression'
      ? regressionResult(scienceCase, predictions, facts)
      : classificationResult(scienceCase, predictions, history, facts);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
