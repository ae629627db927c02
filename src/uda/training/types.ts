import type { EpochRecord } from '../../run/training-history';
import type { RunConfig } from '../../config/run-config';
import type { Logger } from '../../logger';
import type { BlobStore } from '../../storage/blob-store';

/** What trainMember needs: one member of one run. */
export interface TrainMemberOptions {
  /** A resolved run config (resolveConfig's output). */
  readonly config: RunConfig;
  /** The run's id: outputs go to runs/<runId>/ in the store. */
  readonly runId: string;
  readonly store: BlobStore;
  /** Ensemble member, 0-based, < config.ensemble.members; its seed derives from config.seed. */
  readonly member: number;
  readonly logger: Logger;
  /** Called after every step and at every epoch end; plain numbers only. */
  readonly onProgress?: (event: TrainingProgress) => void;
  /**
   * When aborted (SIGTERM, SIGINT), the loop writes a checkpoint at the next step boundary and returns
   * status 'interrupted'. A later call with the same run resumes from it.
   */
  readonly signal?: AbortSignal;
  /** The tfjs backend in use, recorded in history.json. @default tf.getBackend() */
  readonly backend?: string;
}

export type TrainMemberStatus = 'finished' | 'already-finished' | 'interrupted';

export interface TrainMemberResult {
  readonly status: TrainMemberStatus;
  readonly runId: string;
  readonly member: number;
  /** Epochs completed so far (all of them unless interrupted). */
  readonly epochsCompleted: number;
  /** Epoch (0-based) whose weights were kept; -1 when none is known yet. */
  readonly bestEpoch: number;
  /** URIs of the outputs (present once finished). */
  readonly outputs: MemberOutputs;
}

export interface MemberOutputs {
  readonly model: string;
  readonly history: string;
  readonly predictions: string;
  readonly checkpoint: string;
}

/** Where training is: the next step to run. Randomness is a pure function of (seed, member, epoch, step). */
export interface TrainingPosition {
  readonly epoch: number;
  readonly step: number;
}

export type TrainingProgress =
  | {
      readonly kind: 'step';
      readonly epoch: number;
      readonly step: number;
      readonly stepsPerEpoch: number;
      readonly maxEpochs: number;
      /** Mean of each loss term over the epoch so far, plus `total`. */
      readonly losses: Readonly<Record<string, number>>;
      /** Source training accuracy over the epoch so far (null for regression). */
      readonly sourceAccuracy: number | null;
      readonly imagesPerSecond: number;
    }
  | { readonly kind: 'epoch'; readonly record: EpochRecord; readonly maxEpochs: number }
  | { readonly kind: 'checkpoint'; readonly position: TrainingPosition; readonly key: string };

export type { EpochRecord, TrainingHistory, ValidationMetrics } from '../../run/training-history';
