import type { RunConfig } from '../../config/run-config';
import type { Logger } from '../../logger';
import type { BlobStore } from '../../storage/blob-store';
import type { EarlyStopping } from '../early-stopping';
import { stepDecayLearningRate } from '../learning-rate-schedule';
import { writeCheckpoint } from './checkpoint';
import { bankMomentum, componentArrays, modelArrays } from './component-state';
import { assertFiniteLosses, assertFiniteWeights } from './divergence';
import { planEpoch } from './epoch-plan';
import { addStep, EMPTY_EPOCH_TOTALS, epochMeans, type EpochTotals } from './epoch-totals';
import type { RandomStreams } from './random-streams';
import { stepBatches, type EpochPlan } from './step-batches';
import { inGroup, type NamedArrays } from './tensor-pack';
import { trainStep } from './train-step';
import type { TrainingComponents } from './training-components';
import type { TrainingData } from './training-data';
import type { EpochRecord, TrainingPosition, TrainingProgress } from './types';
import { mayBeKept } from './target-monitors';
import { MONITOR_MODES, monitoredValue, validateEpoch } from './validation';

/** What the loop reads and never changes. */
export interface LoopContext {
  readonly config: RunConfig;
  readonly data: TrainingData;
  readonly components: TrainingComponents;
  readonly streams: RandomStreams;
  readonly store: BlobStore;
  readonly runId: string;
  readonly member: number;
  readonly logger: Logger;
  readonly onProgress?: (event: TrainingProgress) => void;
  readonly signal?: AbortSignal;
  /** The backend kind, recorded in each checkpoint so a resume can refuse another one. */
  readonly backend?: string;
  /** Called every step, e.g. to renew the member's lease. */
  readonly heartbeat?: () => Promise<void>;
}

/** What the loop advances; everything in it goes into a checkpoint. */
export interface LoopState {
  position: TrainingPosition;
  totals: EpochTotals;
  epochs: EpochRecord[];
  readonly earlyStopping: EarlyStopping;
  /** The best epoch's weights, by stable name. */
  best?: NamedArrays;
  stopReason?: 'early-stopping' | 'max-epochs';
}

/**
 * Trains epoch after epoch from `state.position` until early stopping or the epoch budget ends it
 * ('stopped'), or the signal aborts it: then it checkpoints at the step boundary ('interrupted').
 */
export async function runTraining(
  context: LoopContext,
  state: LoopState,
): Promise<'stopped' | 'interrupted'> {
  const h = context.config.hyperparameters;
  while (state.stopReason === undefined) {
    const { epoch } = state.position;
    context.components.optimizer.learningRate = stepDecayLearningRate(
      h.learningRate,
      epoch,
      h.lrStepEpochs,
      h.lrGamma,
    );
    const plan = planEpoch(context.data, context.streams, epoch, {
      batchSize: h.batchSize,
      balanced: h.classBalancedSampling,
      usesTarget: context.components.usesTarget,
    });
    if (!(await runEpochSteps(context, state, plan))) {
      await checkpoint(context, state);
      return 'interrupted';
    }
    await endEpoch(context, state, plan);
  }
  return 'stopped';
}

/** The remaining steps of the current epoch; false when the signal stopped it first. */
async function runEpochSteps(context: LoopContext, state: LoopState, plan: EpochPlan): Promise<boolean> {
  const { epoch } = state.position;
  for (let step = state.position.step; step < plan.steps; step++) {
    // On wasm every await resolves as a microtask; without a macrotask turn, signal handlers never run.
    await new Promise((resolve) => setImmediate(resolve));
    if (context.signal?.aborted) return false;
    await context.heartbeat?.();
    const started = performance.now();
    const batches = stepBatches(
      context.data,
      plan,
      { epoch, step },
      context.streams,
      context.config.hyperparameters.augment,
      Boolean(context.config.hyperparameters.selfSupervision),
    );
    const numbers = await trainStep(context.components, batches);
    assertFiniteLosses(numbers.losses, {
      member: context.member,
      epoch: epoch + 1,
      step: step + 1,
      learningRate: context.components.optimizer.learningRate,
    });
    const seconds = (performance.now() - started) / 1000;
    state.totals = addStep(state.totals, numbers, batches.source.indices.length, seconds);
    state.position = { epoch, step: step + 1 };
    const means = epochMeans(state.totals);
    context.onProgress?.({
      kind: 'step',
      epoch,
      step: step + 1,
      stepsPerEpoch: plan.steps,
      maxEpochs: context.config.hyperparameters.maxEpochs,
      losses: means.losses,
      sourceAccuracy: means.sourceAccuracy,
      imagesPerSecond: means.imagesPerSecond,
    });
  }
  return true;
}

/** Validation, early stopping, the epoch's record and a checkpoint. */
async function endEpoch(context: LoopContext, state: LoopState, plan: EpochPlan): Promise<void> {
  const { config, components } = context;
  const { epoch } = state.position;
  const validation = await validateEpoch(components.model, context.data, config);
  const monitor = config.hyperparameters.monitor;
  const value = monitoredValue(monitor, validation);
  const keepable = mayBeKept(monitor, validation);
  if (!keepable) {
    context.logger.warn(
      { member: context.member, epoch, targetLargestClassShare: validation.targetLargestClassShare },
      'epoch not kept: its target predictions collapsed onto one class',
    );
  }
  const decision = state.earlyStopping.update(epoch, keepable ? value : NaN);
  if (decision.improved) state.best = await modelArrays(components.model);
  const means = epochMeans(state.totals);
  const record: EpochRecord = {
    epoch,
    learningRate: components.optimizer.learningRate,
    steps: plan.steps,
    images: state.totals.images,
    seconds: state.totals.seconds,
    imagesPerSecond: means.imagesPerSecond,
    losses: means.losses,
    diagnostics: means.diagnostics,
    sourceTrainAccuracy: means.sourceAccuracy,
    validation,
    monitor: { name: monitor, value, improved: decision.improved },
  };
  state.epochs = [...state.epochs, record];
  state.position = { epoch: epoch + 1, step: 0 };
  state.totals = EMPTY_EPOCH_TOTALS;
  if (decision.stop) state.stopReason = 'early-stopping';
  else if (epoch + 1 >= config.hyperparameters.maxEpochs) state.stopReason = 'max-epochs';
  context.logger.info({ member: context.member, ...record, mode: MONITOR_MODES[monitor] }, 'epoch finished');
  context.onProgress?.({ kind: 'epoch', record, maxEpochs: config.hyperparameters.maxEpochs });
  await checkpoint(context, state);
}

/** Writes the loop's whole state as the member's latest checkpoint. */
export async function checkpoint(context: LoopContext, state: LoopState): Promise<void> {
  const { components } = context;
  const current = await componentArrays(components);
  assertFiniteWeights(current, {
    member: context.member,
    // The position is the next step to run; the weights are those after the step before it.
    epoch: state.position.step > 0 ? state.position.epoch + 1 : state.position.epoch,
    step: state.position.step,
    learningRate: components.optimizer.learningRate,
  });
  const arrays = { ...current, ...(state.best && inGroup('best', state.best)) };
  const key = await writeCheckpoint(context.store, context.runId, context.member, {
    position: state.position,
    arrays,
    optimizer: { learningRate: components.optimizer.learningRate, step: components.optimizer.step },
    bankMomentum: bankMomentum(components),
    earlyStopping: state.earlyStopping.getState(),
    epochs: state.epochs,
    ...(state.position.step > 0 && { partialEpoch: state.totals }),
    ...(state.stopReason && { stopReason: state.stopReason }),
    ...(context.backend && { backend: context.backend }),
  });
  context.logger.info({ member: context.member, ...state.position, key }, 'checkpoint written');
  context.onProgress?.({ kind: 'checkpoint', position: state.position, key });
}
