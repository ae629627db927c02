import { DataFormatError } from '../../errors';
import type { TrainingCheckpoint } from './checkpoint';

/** What the run's config allows a checkpoint to hold. */
export interface CheckpointLimits {
  readonly maxEpochs: number;
}

/**
 * Refuses a checkpoint whose position the run could not have reached, or whose records disagree with
 * it: more epochs than maxEpochs, an unfinished run at or past the last epoch, a record per finished
 * epoch, partial sums exactly when mid-epoch, and no weight that is NaN or infinite.
 */
export function assertFitsRun(
  checkpoint: TrainingCheckpoint,
  limits: CheckpointLimits,
  origin: string,
): void {
  const { position, epochs, partialEpoch, stopReason } = checkpoint;
  const refuse = (what: string) => {
    throw new DataFormatError(`${origin}: ${what}; not a checkpoint of this run`);
  };
  if (position.epoch > limits.maxEpochs) {
    refuse(`position epoch ${position.epoch} is past hyperparameters.maxEpochs ${limits.maxEpochs}`);
  }
  if (stopReason === undefined && position.epoch >= limits.maxEpochs) {
    refuse(
      `position epoch ${position.epoch} with training not stopped, but maxEpochs is ${limits.maxEpochs}`,
    );
  }
  if (epochs.length !== position.epoch || epochs.some((record, i) => record.epoch !== i)) {
    refuse(`${epochs.length} epoch records for position epoch ${position.epoch}`);
  }
  if (
    position.step > 0 !== (partialEpoch !== undefined) ||
    (partialEpoch && partialEpoch.steps !== position.step)
  ) {
    refuse(
      `position step ${position.step} disagrees with the partial epoch's ${partialEpoch?.steps ?? 0} steps`,
    );
  }
  for (const [name, { values }] of Object.entries(checkpoint.arrays)) {
    if (!values.every(Number.isFinite)) refuse(`array ${name} holds a NaN or infinite value`);
  }
}
