import { TrainingError } from '../../../src/errors';
import { assertFiniteLosses, assertFiniteWeights } from '../../../src/uda/training/divergence';

const point = { member: 2, epoch: 3, step: 7, learningRate: 0.5 };

describe('divergence checks', () => {
  it('names the first non-finite loss term with member, epoch and step', () => {
    expect(() => assertFiniteLosses({ total: 1, ce: 0.5 }, point)).not.toThrow();
    expect(() => assertFiniteLosses({ total: NaN, ce: 0.5 }, point)).toThrow(TrainingError);
    expect(() => assertFiniteLosses({ total: 1, ce: Infinity }, point)).toThrow(
      "member 2 diverged at epoch 3, step 7: loss term 'ce' is Infinity; lower hyperparameters.learningRate (0.5 at that step)",
    );
  });

  it('names the first non-finite weight and where in it', () => {
    const values = new Float32Array([0, 1, NaN]);
    expect(() =>
      assertFiniteWeights({ 'model/a': { shape: [2], values: new Float32Array(2) } }, point),
    ).not.toThrow();
    expect(() => assertFiniteWeights({ 'model/a': { shape: [3], values } }, { ...point, step: 0 })).toThrow(
      'member 2 diverged at the end of epoch 3: weight model/a[2] is NaN',
    );
  });
});
