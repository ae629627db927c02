import { encodePredictions } from '../../eval/prediction-file';
import { saveModel } from '../../model';
import type { BlobStore } from '../../storage/blob-store';
import { runLayout } from '../../run/run-layout';
import { setModelArrays } from './component-state';
import { predictDataset } from './inference';
import type { LoopContext, LoopState } from './training-loop';
import { buildPredictionSet } from './prediction-output';
import { featureScores } from './feature-scores';
import type { MemberOutputs, TrainingHistory } from './types';

/** The URIs of a member's outputs. */
export function memberOutputs(store: BlobStore, runId: string, member: number): MemberOutputs {
  return {
    model: store.uriOf(runLayout.modelPrefix(runId, member)),
    history: store.uriOf(runLayout.history(runId, member)),
    predictions: store.uriOf(runLayout.predictions(runId, member)),
    checkpoint: store.uriOf(runLayout.checkpointPrefix(runId, member)),
  };
}

/**
 * Restores the best epoch's weights and writes the member's outputs: the model, predictions.arrow and,
 * last, history.json, whose presence marks the member as finished.
 */
export async function writeMemberOutputs(
  context: LoopContext,
  state: LoopState,
  backend: string,
): Promise<void> {
  const { components, config, data, store, runId, member } = context;
  if (state.best) setModelArrays(components.model, state.best);
  const batchSize = config.hyperparameters.batchSize;
  const domains = {
    sourceTest: await predictDataset(components.model, data.sourceTest, 'source', batchSize),
    target: await predictDataset(components.model, data.target, 'target', batchSize),
  };
  const seed = context.streams.memberSeed;
  const predicted = {
    ...domains,
    featureScores: await featureScores(components.model, data, domains, batchSize, seed),
  };
  const meta = {
    runId,
    member: String(member),
    method: config.method,
    seed: String(config.seed),
    memberSeed: context.streams.memberSeed,
    task: config.task,
    backend,
    // What the run was trained on, so a report can refuse other data (src/data/dataset-fingerprint.ts).
    sourceFingerprint: data.fingerprints.source,
    targetFingerprint: data.fingerprints.target,
    ...(config.regression && { regressionTarget: config.regression.target }),
  };
  const predictions = buildPredictionSet(data, predicted, config.hyperparameters.rho, meta);
  await saveModel(components.model, store, runLayout.modelPrefix(runId, member));
  await store.put(runLayout.predictions(runId, member), encodePredictions(predictions), {
    contentType: 'application/vnd.apache.arrow.file',
  });
  const history: TrainingHistory = {
    runId,
    member,
    method: config.method,
    backend,
    seed: config.seed,
    memberSeed: context.streams.memberSeed,
    monitor: config.hyperparameters.monitor,
    epochs: state.epochs,
    bestEpoch: state.earlyStopping.bestEpoch,
    stopReason: state.stopReason ?? 'max-epochs',
  };
  await store.put(runLayout.history(runId, member), JSON.stringify(history, null, 1), {
    contentType: 'application/json',
  });
}

/** Whether a member's outputs are complete (history.json is written last). */
export async function memberFinished(store: BlobStore, runId: string, member: number): Promise<boolean> {
  return store.exists(runLayout.history(runId, member));
}
