import { TrainingError } from '../../src/errors';
import { stepDecayLearningRate } from '../../src/uda/learning-rate-schedule';

describe('stepDecayLearningRate', () => {
  it('decays ×0.1 every step of epochs (0-based)', () => {
    expect([0, 6, 7, 13, 14].map((epoch) => stepDecayLearningRate(0.001, epoch, 7))).toEqual([
      0.001,
      0.001,
      0.001 * 0.1,
      0.001 * 0.1,
      0.001 * 0.1 ** 2,
    ]);
    expect(stepDecayLearningRate(0.01, 10, 10, 0.5)).toBe(0.005);
  });

  it('refuses a non-integer step or a negative epoch', () => {
    expect(() => stepDecayLearningRate(0.001, -1, 7)).toThrow(TrainingError);
    expect(() => stepDecayLearningRate(0.001, 3, 0)).toThrow(/lrStepEpochs must be an integer ≥ 1, got 0/);
  });
});
