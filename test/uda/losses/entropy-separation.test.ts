import * as tf from '@tensorflow/tfjs-core';
import { entropySeparationLoss } from '../../../src/uda/losses/entropy-separation';
import {
  entropyOf,
  expectGradientMatchesFiniteDifferences,
  expectNoTensorLeak,
  randomTensor,
  softmaxRow,
  useCpuBackend,
} from '../gradient-check';

beforeAll(useCpuBackend);

const logits = [
  [4, 0, 0], // confident: H well below ρ
  [0.1, 0, -0.1], // near uniform: H well above ρ
  [1, 0.5, 0], // in between
];
const rho = Math.log(3) / 2;

describe('entropySeparationLoss', () => {
  it('is −mean(max(|H − ρ|, m)) by hand', () => {
    const margin = 0.2;
    const expected =
      -logits
        .map((row) => Math.max(Math.abs(entropyOf(softmaxRow(row)) - rho), margin))
        .reduce((a, b) => a + b) / 3;
    expect(entropySeparationLoss(tf.tensor2d(logits), rho, margin).dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it('has no gradient for a sample inside the band |H − ρ| < m', () => {
    const grad = tf.grad((x: tf.Tensor) => entropySeparationLoss(x as tf.Tensor2D, rho, 0.5))(
      tf.tensor2d(logits),
    );
    const rows = grad.arraySync() as number[][];
    const inBand = logits.map((row) => Math.abs(entropyOf(softmaxRow(row)) - rho) < 0.5);
    expect(inBand).toContain(true);
    rows.forEach((row, i) => {
      if (inBand[i]) expect(row.every((value) => value === 0)).toBe(true);
      else expect(row.some((value) => value !== 0)).toBe(true);
    });
  });

  it('has the gradient of finite differences', () => {
    const f = (x: tf.Tensor) => entropySeparationLoss(x as tf.Tensor2D, rho, 0.05);
    expectGradientMatchesFiniteDifferences(f, randomTensor([4, 3], 21, 2));
  });

  it('leaks no tensors', () => {
    const x = tf.tensor2d(logits);
    expectNoTensorLeak(() => entropySeparationLoss(x, rho, 0.2).dispose());
  });
});
