import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../../src/errors';
import { gaussianMmdLoss } from '../../../src/uda/losses/gaussian-mmd';
import {
  expectGradientMatchesFiniteDifferences,
  expectNoTensorLeak,
  randomTensor,
  useCpuBackend,
} from '../gradient-check';

beforeAll(useCpuBackend);

const source = [
  [0, 0],
  [1, 0],
];
const target = [
  [0, 1],
  [2, 2],
  [1, 1],
];
const bandwidths = [0.5, 2];

function kernel(a: number[], b: number[]): number {
  const d2 = (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
  return bandwidths.reduce((sum, sigma) => sum + Math.exp(-d2 / (2 * sigma * sigma)), 0);
}

function meanKernel(xs: number[][], ys: number[][]): number {
  let sum = 0;
  for (const x of xs) for (const y of ys) sum += kernel(x, y);
  return sum / (xs.length * ys.length);
}

describe('gaussianMmdLoss', () => {
  it('is mean k(s,s) + mean k(t,t) − 2 mean k(s,t) with summed kernels, by hand', () => {
    const expected = meanKernel(source, source) + meanKernel(target, target) - 2 * meanKernel(source, target);
    const loss = gaussianMmdLoss(tf.tensor2d(source), tf.tensor2d(target), bandwidths);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it('is 0 for identical samples', () => {
    expect(gaussianMmdLoss(tf.tensor2d(source), tf.tensor2d(source), bandwidths).dataSync()[0]).toBeCloseTo(
      0,
      6,
    );
  });

  it('has the gradient of finite differences', () => {
    const targetTensor = randomTensor([4, 3], 41) as tf.Tensor2D;
    const f = (x: tf.Tensor) => gaussianMmdLoss(x as tf.Tensor2D, targetTensor, [0.5, 1, 2]);
    expectGradientMatchesFiniteDifferences(f, randomTensor([3, 3], 42));
  });

  it('refuses an empty or non-positive bandwidth list', () => {
    const x = tf.tensor2d(source);
    expect(() => gaussianMmdLoss(x, x, [])).toThrow(TrainingError);
    expect(() => gaussianMmdLoss(x, x, [1, 0])).toThrow(/bandwidths/);
  });

  it('leaks no tensors', () => {
    const s = tf.tensor2d(source);
    const t = tf.tensor2d(target);
    expectNoTensorLeak(() => gaussianMmdLoss(s, t, bandwidths).dispose());
  });
});
