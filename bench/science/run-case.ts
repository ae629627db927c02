import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../src/config/run-config';
import { classificationMetrics } from '../../src/eval/classification-metrics';
import { decodePredictions } from '../../src/eval/prediction-file';
import { memberScoredPredictions, type UnknownScoreName } from '../../src/eval/scored-predictions';
import { chooseBestScore, unknownScoreMetrics } from '../../src/eval/unknown-scores';
import type { Logger } from '../../src/logger';
import { openStore } from '../../src/storage/open-store';
import { runLayout } from '../../src/run/run-layout';
import { trainMember, type TrainingHistory } from '../../src/uda/training';
import { caseConfig, type ScienceCase } from './variants';

/** What one trained member scored on the target set (target labels used here, for evaluation only). */
export interface ScienceResult {
  readonly case: ScienceCase;
  readonly sourceAccuracy: number | null;
  readonly targetClosedSetAccuracy: number | null;
  /** Mean recall over the shared classes (a_known of the H-score). */
  readonly knownAccuracy: number | null;
  readonly unknownRecall: number | null;
  readonly hScore: number | null;
  /** Target AUROC of every unknown score the member's predictions carry. */
  readonly auroc: Partial<Record<UnknownScoreName, number | null>>;
  /** The score chosen on source data only (source-test error detection), and its target AUROC. */
  readonly chosenScore: UnknownScoreName;
  readonly chosenScoreAuroc: number | null;
  /** Adaptive clustering's share of "same" pairs: mean over epochs, and at the kept epoch. */
  readonly positivePairShare: { readonly mean: number; readonly bestEpoch: number } | null;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly stopReason: string;
  readonly seconds: number;
}

function positivePairShare(history: TrainingHistory): ScienceResult['positivePairShare'] {
  const shares = history.epochs
    .map((epoch) => epoch.diagnostics.positivePairShare)
    .filter((share): share is number => typeof share === 'number');
  if (shares.length === 0) return null;
  const best = history.epochs[history.bestEpoch]?.diagnostics.positivePairShare;
  return { mean: shares.reduce((a, b) => a + b, 0) / shares.length, bestEpoch: best ?? NaN };
}

/**
 * Trains one member of `scienceCase` with trainMember (the backend must already be selected) in a
 * temporary store, evaluates its predictions, and removes the store.
 */
export async function runScienceCase(scienceCase: ScienceCase, logger: Logger): Promise<ScienceResult> {
  const config = resolveConfig(caseConfig(scienceCase));
  const folder = await mkdtemp(join(tmpdir(), 'deepastro-science-'));
  const started = performance.now();
  try {
    const store = openStore(folder);
    const runId = `${scienceCase.task}-${scienceCase.variant}-${scienceCase.seed}`;
    await trainMember({ config, runId, store, member: 0, logger });
    const seconds = (performance.now() - started) / 1000;
    const history = JSON.parse(await store.getText(runLayout.history(runId, 0))) as TrainingHistory;
    const set = decodePredictions(await store.get(runLayout.predictions(runId, 0)), runId);
    const predictions = memberScoredPredictions(set);
    const metrics = classificationMetrics(predictions);
    const scoreMetrics = unknownScoreMetrics(predictions);
    const chosen = chooseBestScore(scoreMetrics);
    const auroc = Object.fromEntries(
      Object.entries(scoreMetrics).map(([name, value]) => [name, value?.auroc ?? null]),
    );
    return {
      case: scienceCase,
      sourceAccuracy: metrics.sourceAccuracy,
      targetClosedSetAccuracy: metrics.targetClosedSetAccuracy,
      knownAccuracy: metrics.knownAccuracy,
      unknownRecall: metrics.unknownRecall,
      hScore: metrics.hScore,
      auroc,
      chosenScore: chosen.name,
      chosenScoreAuroc: scoreMetrics[chosen.name]?.auroc ?? null,
      positivePairShare: positivePairShare(history),
      epochs: history.epochs.length,
      bestEpoch: history.bestEpoch,
      stopReason: history.stopReason,
      seconds,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
