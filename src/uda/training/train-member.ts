import * as tf from '@tensorflow/tfjs-core';
import { arraySize, memberConfig, memberPlan, type MemberPlan } from '../../config/member-plan';
import type { RunConfig } from '../../config/run-config';
import { InvalidConfigError } from '../../errors';
import { checkRunConfig, claimRunConfig } from '../../run/run-config-file';
import { EarlyStopping } from '../early-stopping';
import { readLatestCheckpoint, type TrainingCheckpoint } from './checkpoint';
import { restoreComponents } from './component-state';
import { EMPTY_EPOCH_TOTALS } from './epoch-totals';
import { loadInitialWeights } from './initial-weights';
import { memberFinished, memberOutputs, writeMemberOutputs } from './member-outputs';
import { RandomStreams } from './random-streams';
import { group } from './tensor-pack';
import { createComponents, disposeComponents } from './training-components';
import { loadTrainingData } from './training-data';
import { MemberLease } from './member-lease';
import { runTraining, type LoopContext, type LoopState } from './training-loop';
import type { TrainMemberOptions, TrainMemberResult } from './types';
import { MONITOR_MODES } from './validation';

/**
 * Trains one ensemble member of a run, or resumes it from its latest checkpoint, and writes its best
 * model, history.json and predictions.arrow to the run's store. Returns 'already-finished' without
 * work when the member's outputs exist, and 'interrupted' when options.signal aborted it (a checkpoint
 * was written at the step boundary; call again to resume).
 * @throws InvalidConfigError for a member outside the ensemble or a run started with another config
 */
export async function trainMember(options: TrainMemberOptions): Promise<TrainMemberResult> {
  const { runId, store, member, logger } = options;
  const plan = planOf(options.config, member);
  const claimed = await checkRunConfig(store, runId, options.config);
  if (await memberFinished(store, runId, member)) {
    logger.info({ runId, member }, 'member already finished');
    const outputs = memberOutputs(store, runId, member);
    return { status: 'already-finished', runId, member, epochsCompleted: -1, bestEpoch: -1, outputs };
  }
  const lease = await MemberLease.acquire(store, runId, member, { logger });
  try {
    return await trainLeased(options, plan, claimed, lease);
  } finally {
    await lease.release();
  }
}

async function trainLeased(
  options: TrainMemberOptions,
  plan: MemberPlan,
  claimed: boolean,
  lease: MemberLease,
): Promise<TrainMemberResult> {
  const { runId, store, member, logger } = options;
  // The run's config is claimed whole; this child trains it with its own method (a baseline's).
  const config: RunConfig = memberConfig(options.config, plan);
  const outputs = memberOutputs(store, runId, member);
  const backend = options.backend ?? tf.getBackend();
  const streams = new RandomStreams(config.seed, plan.randomStreamsOf);
  const data = await loadTrainingData(config, store, logger);
  const components = createComponents(config, data, streams);
  try {
    // Claimed only once its data loads, so a config that cannot train leaves no run behind.
    if (!claimed) await claimRunConfig(store, runId, options.config);
    const checkpoint = await readLatestCheckpoint(store, runId, member, {
      limits: { maxEpochs: config.hyperparameters.maxEpochs },
      logger,
    });
    if (checkpoint) assertSameBackend(checkpoint, backend, runId, member);
    const state = checkpoint ? resumeState(checkpoint) : freshState(config);
    if (checkpoint) {
      restoreComponents(components, checkpoint.arrays, checkpoint.optimizer, checkpoint.bankMomentum);
      logger.info({ runId, member, ...checkpoint.position }, 'resuming from checkpoint');
    } else if (config.model.init !== undefined) {
      await loadInitialWeights(components.model, config.model.init, logger);
    }
    const context: LoopContext = {
      ...{ config, data, components, streams, store, runId, member, logger, backend },
      ...{ onProgress: options.onProgress, signal: options.signal, heartbeat: () => lease.renewIfDue() },
    };
    logger.info(
      { runId, member, method: config.method, backend, memberSeed: streams.memberSeed },
      'training',
    );
    const ended = await runTraining(context, state);
    if (ended === 'stopped') await writeMemberOutputs(context, state, backend);
    if (ended === 'stopped')
      logger.info({ runId, member, bestEpoch: state.earlyStopping.bestEpoch, ...outputs }, 'member finished');
    const status = ended === 'stopped' ? 'finished' : 'interrupted';
    return {
      status,
      runId,
      member,
      epochsCompleted: state.epochs.length,
      bestEpoch: state.earlyStopping.bestEpoch,
      outputs,
    };
  } finally {
    disposeComponents(components);
  }
}

/** A resumed member continues on the backend it started on: another one changes its numbers. */
function assertSameBackend(
  checkpoint: TrainingCheckpoint,
  backend: string,
  runId: string,
  member: number,
): void {
  if (checkpoint.backend === undefined || checkpoint.backend === backend) return;
  throw new InvalidConfigError(
    `--backend: run ${runId} member ${member} was checkpointed on ${checkpoint.backend}, not ${backend}; ` +
      `resume it with --backend ${checkpoint.backend}, or start a new run id, since another backend changes the results`,
  );
}

function planOf(config: RunConfig, member: number): MemberPlan {
  if (!Number.isInteger(member) || member < 0 || member >= arraySize(config)) {
    const { members, baselines } = config.ensemble;
    throw new InvalidConfigError(
      `member: expected an integer in [0, ${arraySize(config) - 1}] (${members} ensemble members + baselines ${JSON.stringify(baselines)}), got ${member}`,
    );
  }
  return memberPlan(config, member);
}

function freshState(config: RunConfig): LoopState {
  const h = config.hyperparameters;
  return {
    position: { epoch: 0, step: 0 },
    totals: EMPTY_EPOCH_TOTALS,
    epochs: [],
    earlyStopping: new EarlyStopping({ mode: MONITOR_MODES[h.monitor], patience: h.patience }),
  };
}

function resumeState(checkpoint: TrainingCheckpoint): LoopState {
  const best = group(checkpoint.arrays, 'best');
  return {
    position: checkpoint.position,
    totals: checkpoint.partialEpoch ?? EMPTY_EPOCH_TOTALS,
    epochs: [...checkpoint.epochs],
    earlyStopping: EarlyStopping.fromState(checkpoint.earlyStopping),
    ...(Object.keys(best).length > 0 && { best }),
    ...(checkpoint.stopReason && { stopReason: checkpoint.stopReason }),
  };
}
