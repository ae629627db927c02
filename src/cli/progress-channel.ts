import { writeSync } from 'node:fs';
import { isTargetMonitor } from '../config/run-config';
import { encodeProgressEvent, PROGRESS_FD_VARIABLE, type TrainerProgressEvent } from '../run/progress-events';
import type { TrainingProgress, TrainMemberResult } from '../uda/training';

/** What `train` reports to a parent process: each finished epoch, and the member's end. */
export interface TrainerProgressReporter {
  readonly training: (event: TrainingProgress) => void;
  readonly finished: (result: TrainMemberResult) => void;
}

/**
 * Where `train` writes its typed progress events: the file descriptor a parent process named in
 * DEEPASTRO_PROGRESS_FD, or nowhere. Written synchronously, so no event is lost when the process exits.
 */
export function trainerProgressReporter(
  member: number,
  environment: NodeJS.ProcessEnv = process.env,
): TrainerProgressReporter {
  const fd = Number(environment[PROGRESS_FD_VARIABLE]);
  const write =
    Number.isInteger(fd) && fd >= 3
      ? (event: TrainerProgressEvent) => writeSync(fd, encodeProgressEvent(event))
      : () => undefined;
  return {
    training: (event) => {
      if (event.kind !== 'epoch') return;
      const { record, maxEpochs } = event;
      write({
        kind: 'epoch',
        member,
        epoch: record.epoch,
        maxEpochs,
        losses: record.losses,
        sourceValLoss: record.validation.sourceValLoss,
        sourceValAccuracy: record.validation.sourceValAccuracy,
        ...(isTargetMonitor(record.monitor.name) && {
          targetMonitor: {
            name: record.monitor.name,
            value: Number.isFinite(record.monitor.value) ? record.monitor.value : null,
            best: record.monitor.improved,
          },
        }),
        imagesPerSecond: record.imagesPerSecond,
      });
    },
    finished: (result) => {
      if (result.status === 'interrupted') return;
      write({ kind: 'member-finished', member, status: result.status, bestEpoch: result.bestEpoch });
    },
  };
}
