import { TrainingError } from '../../src/errors';
import { EarlyStopping } from '../../src/uda/early-stopping';

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without a lower loss, remembering the best epoch', () => {
    const stopping = new EarlyStopping({ mode: 'min', patience: 3 });
    const losses = [1.0, 0.8, 0.9, 0.85, 0.81];
    const decisions = losses.map((loss, epoch) => stopping.update(epoch, loss));
    expect(decisions.map((d) => d.improved)).toEqual([true, true, false, false, false]);
    expect(decisions.map((d) => d.stop)).toEqual([false, false, false, false, true]);
    expect(stopping.bestEpoch).toBe(1);
    expect(stopping.bestValue).toBe(0.8);
  });

  it('maximizes SND, ignores NaN, and defaults to patience 12', () => {
    const stopping = new EarlyStopping({ mode: 'max' });
    expect(stopping.update(0, 2).improved).toBe(true);
    expect(stopping.update(1, NaN).improved).toBe(false);
    expect(stopping.update(2, 3).improved).toBe(true);
    let stop = false;
    for (let epoch = 3; epoch <= 14; epoch += 1) stop = stopping.update(epoch, 1).stop;
    expect(stop).toBe(true);
    expect(stopping.epochsWithoutImprovement).toBe(12);
  });

  it('resumes from its state with the same decisions', () => {
    const a = new EarlyStopping({ mode: 'min', patience: 2 });
    a.update(0, 1);
    a.update(1, 2);
    const b = EarlyStopping.fromState(JSON.parse(JSON.stringify(a.getState())));
    expect(b.update(2, 3)).toEqual(a.update(2, 3));
    expect(b.getState()).toEqual(a.getState());
  });

  it('refuses epochs out of order and a bad patience', () => {
    const stopping = new EarlyStopping({ mode: 'min' });
    stopping.update(4, 1);
    expect(() => stopping.update(4, 1)).toThrow(TrainingError);
    expect(() => new EarlyStopping({ mode: 'min', patience: 0 })).toThrow(/patience must be an integer ≥ 1/);
  });
});
