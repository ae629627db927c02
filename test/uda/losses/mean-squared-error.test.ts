import * as tf from '@tensorflow/tfjs-core';
import { meanSquaredErrorLoss } from '../../../src/uda/losses/mean-squared-error';
import {
  expectGradientMatchesFiniteDifferences,
  expectNoTensorLeak,
  randomTensor,
  useCpuBackend,
} from '../gradient-check';

beforeAll(useCpuBackend);

describe('meanSquaredErrorLoss', () => {
  it('is the mean squared difference, for [b] and [b, 1] predictions', () => {
    const targets = tf.tensor1d([1, 2, 4]);
    const expected = ((1.5 - 1) ** 2 + (2 - 2) ** 2 + (1 - 4) ** 2) / 3;
    expect(meanSquaredErrorLoss(tf.tensor1d([1.5, 2, 1]), targets).dataSync()[0]).toBeCloseTo(expected, 5);
    expect(meanSquaredErrorLoss(tf.tensor2d([[1.5], [2], [1]]), targets).dataSync()[0]).toBeCloseTo(
      expected,
      5,
    );
  });

  it('has the gradient of finite differences', () => {
    const targets = randomTensor([5], 51) as tf.Tensor1D;
    expectGradientMatchesFiniteDifferences((x) => meanSquaredErrorLoss(x, targets), randomTensor([5, 1], 52));
  });

  it('leaks no tensors', () => {
    const p = tf.tensor1d([1, 2]);
    const t = tf.tensor1d([0, 2]);
    expectNoTensorLeak(() => meanSquaredErrorLoss(p, t).dispose());
  });
});
