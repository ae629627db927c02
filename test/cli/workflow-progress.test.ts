import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainerProgressReporter } from '../../src/cli/progress-channel';
import { progressLine } from '../../src/cli/workflow-progress';
import {
  decodeProgressEvent,
  encodeProgressEvent,
  PROGRESS_FD_VARIABLE,
} from '../../src/run/progress-events';

describe('the local workflow progress display', () => {
  it('prints each state entered and each trainer epoch and end, one line each', () => {
    expect(progressLine({ kind: 'state-entered', state: 'Train' })).toBe('  Train');
    expect(
      progressLine({
        kind: 'epoch',
        member: 1,
        epoch: 2,
        maxEpochs: 8,
        losses: { total: 0.25, ce: 0.2 },
        sourceValLoss: 0.1234,
        sourceValAccuracy: 0.975,
        imagesPerSecond: 88.4,
      }),
    ).toBe('    member 1 epoch 3/8: total 0.250, ce 0.200; source val loss 0.123, accuracy 0.975; 88 img/s');
    const epoch = {
      kind: 'epoch',
      member: 0,
      epoch: 4,
      maxEpochs: 8,
      losses: { total: 1.5 },
      sourceValLoss: 0.02,
      sourceValAccuracy: 1,
      imagesPerSecond: 80.2,
    } as const;
    // A target monitor's value, and whether the epoch is the best so far, are shown where one keeps the epoch.
    expect(
      progressLine({ ...epoch, targetMonitor: { name: 'entropy-bimodality', value: 0.89334, best: true } }),
    ).toBe(
      '    member 0 epoch 5/8: total 1.500; source val loss 0.020, accuracy 1.000; entropy-bimodality 0.893, best so far; 80 img/s',
    );
    expect(progressLine({ ...epoch, targetMonitor: { name: 'snd', value: null, best: false } })).toBe(
      '    member 0 epoch 5/8: total 1.500; source val loss 0.020, accuracy 1.000; snd -; 80 img/s',
    );
    expect(progressLine({ kind: 'member-finished', member: 0, status: 'finished', bestEpoch: 4 })).toBe(
      '    member 0 done, best epoch 5',
    );
    expect(progressLine({ kind: 'member-finished', member: 0, status: 'finished', bestEpoch: -1 })).toBe(
      '    member 0 done, no epoch kept (every one collapsed onto one class): the final weights',
    );
    expect(
      progressLine({
        kind: 'state-failed',
        state: 'Train',
        event: 'StateRetried',
        error: 'States.TaskFailed',
      }),
    ).toBe('  Train: retried (States.TaskFailed)');
  });

  it("has the trainer report a target monitor's value where one keeps the epoch, and nothing where the source validation loss does", () => {
    const folder = mkdtempSync(join(tmpdir(), 'deepastro-progress-'));
    const path = join(folder, 'events');
    const fd = openSync(path, 'w');
    const reporter = trainerProgressReporter(0, { [PROGRESS_FD_VARIABLE]: String(fd) });
    const record = {
      epoch: 2,
      learningRate: 0.001,
      steps: 13,
      images: 832,
      seconds: 10,
      imagesPerSecond: 83.2,
      losses: { total: 3.2 },
      diagnostics: {},
      sourceTrainAccuracy: 0.97,
      validation: { sourceValLoss: 0.98, sourceValAccuracy: 0.66, entropyBimodality: 0.79 },
    };
    reporter.training({
      kind: 'epoch',
      maxEpochs: 8,
      record: { ...record, monitor: { name: 'entropy-bimodality', value: 0.79, improved: true } },
    });
    reporter.training({
      kind: 'epoch',
      maxEpochs: 8,
      record: { ...record, monitor: { name: 'source-val-loss', value: 0.98, improved: false } },
    });
    closeSync(fd);
    const events = readFileSync(path, 'utf8').trim().split('\n').map(decodeProgressEvent);
    expect(events.map((event) => event && 'targetMonitor' in event && event.targetMonitor)).toEqual([
      { name: 'entropy-bimodality', value: 0.79, best: true },
      false,
    ]);
  });

  it('reads back exactly the events a trainer writes, and nothing else', () => {
    const event = { kind: 'member-finished', member: 2, status: 'already-finished', bestEpoch: -1 } as const;
    expect(decodeProgressEvent(encodeProgressEvent(event).trim())).toEqual(event);
    expect(decodeProgressEvent('{"msg":"epoch finished","epoch":1}')).toBeUndefined();
    expect(decodeProgressEvent('not json')).toBeUndefined();
    expect(() => encodeProgressEvent({ ...event, member: -1 })).toThrow();
  });
});
