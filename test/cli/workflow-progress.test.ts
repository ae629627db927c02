import { progressLine } from '../../src/cli/workflow-progress';
import { decodeProgressEvent, encodeProgressEvent } from '../../src/run/progress-events';

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
    expect(progressLine({ kind: 'member-finished', member: 0, status: 'finished', bestEpoch: 4 })).toBe(
      '    member 0 done, best epoch 5',
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

  it('reads back exactly the events a trainer writes, and nothing else', () => {
    const event = { kind: 'member-finished', member: 2, status: 'already-finished', bestEpoch: -1 } as const;
    expect(decodeProgressEvent(encodeProgressEvent(event).trim())).toEqual(event);
    expect(decodeProgressEvent('{"msg":"epoch finished","epoch":1}')).toBeUndefined();
    expect(decodeProgressEvent('not json')).toBeUndefined();
    expect(() => encodeProgressEvent({ ...event, member: -1 })).toThrow();
  });
});
