import { progressLine, workflowProgressLogger } from '../../src/cli/workflow-progress';

describe('the demo progress display', () => {
  it('prints each state entered and each trainer epoch, one line each, and nothing else', () => {
    expect(progressLine({ msg: 'state entered', state: 'Train' })).toBe('  Train');
    const epoch = JSON.stringify({
      msg: 'epoch finished',
      epoch: 2,
      losses: { total: 0.25, ce: 0.2 },
      validation: { sourceValLoss: 0.1234, sourceValAccuracy: 0.975 },
      imagesPerSecond: 88.4,
    });
    expect(progressLine({ msg: 'trainer output', member: 1, line: epoch })).toBe(
      '    member 1 epoch 3: total 0.250, ce 0.200; source val loss 0.123, accuracy 0.975; 88 img/s',
    );
    const done = JSON.stringify({ msg: 'member finished', bestEpoch: 4 });
    expect(progressLine({ msg: 'trainer output', member: 0, line: done })).toBe(
      '    member 0 done, best epoch 5',
    );
    expect(progressLine({ msg: 'trainer output', member: 0, line: 'not json' })).toBeUndefined();
    expect(progressLine({ msg: 'state retried', state: 'Train' })).toBeUndefined();
  });

  it('turns the workflow logger into those lines', async () => {
    const printed: string[] = [];
    const logger = workflowProgressLogger((line) => printed.push(line));
    logger.info({ state: 'ResolveRelease' }, 'state entered');
    logger.debug({ member: 0, line: '{"msg":"training progress"}' }, 'trainer output');
    await new Promise((resolve) => setImmediate(resolve));
    expect(printed).toEqual(['  ResolveRelease']);
  });
});
