import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../../src/errors';
import { ntXentLoss } from '../../../src/uda/losses/nt-xent';
import {
  expectGradientMatchesFiniteDifferences,
  expectNoTensorLeak,
  randomTensor,
  useCpuBackend,
} from '../gradient-check';

beforeAll(useCpuBackend);

// n = 2 images, d = 2: view 1 and view 2 of image 0 point the same way, image 1's views are 90° apart.
const view1 = [
  [2, 0],
  [0, 1],
];
const view2 = [
  [1, 0],
  [1, 1],
];
const temperature = 0.5;

/** NT-Xent written out with plain numbers, row by row. */
function byHand(a: number[][], b: number[][], tau: number): number {
  const rows = [...a, ...b].map((row) => {
    const norm = Math.hypot(...row);
    return row.map((x) => x / norm);
  });
  const n = a.length;
  const sim = (i: number, j: number) => rows[i].reduce((sum, x, k) => sum + x * rows[j][k], 0) / tau;
  let total = 0;
  for (let i = 0; i < 2 * n; i++) {
    let denominator = 0;
    for (let j = 0; j < 2 * n; j++) if (j !== i) denominator += Math.exp(sim(i, j));
    total += -sim(i, (i + n) % (2 * n)) + Math.log(denominator);
  }
  return total / (2 * n);
}

describe('ntXentLoss', () => {
  it('is mean over the 2n rows of −s(i, other view) + log Σ_{j≠i} exp s(i, j), by hand', () => {
    // Row 0 = (1, 0): similarities to rows 1..3 are 0, 1, 1/√2 (÷ τ); its positive is row 2.
    const r = Math.SQRT1_2;
    const row0 = -1 / temperature + Math.log(Math.exp(0) + Math.exp(2) + Math.exp(2 * r));
    const expected = byHand(view1, view2, temperature);
    expect(row0).toBeCloseTo(-2 + Math.log(1 + Math.exp(2) + Math.exp(2 * r)), 12);
    const loss = ntXentLoss(tf.tensor2d(view1), tf.tensor2d(view2), temperature);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    expect(expected).toBeCloseTo(
      (row0 +
        (-(2 * r) + Math.log(1 + Math.exp(0) + Math.exp(2 * r))) + // row 1 = (0, 1), positive row 3
        (-2 + Math.log(Math.exp(2) + 1 + Math.exp(2 * r))) + // row 2 = (1, 0), positive row 0
        (-(2 * r) + Math.log(Math.exp(2 * r) + Math.exp(2 * r) + Math.exp(2 * r)))) / // row 3 = (1, 1)/√2
        4,
      10,
    );
  });

  it('is ln(2n − 1) when every image looks the same, and smaller when views agree', () => {
    const same = tf.ones([3, 4]) as tf.Tensor2D;
    expect(ntXentLoss(same, same, 0.1).dataSync()[0]).toBeCloseTo(Math.log(5), 5);
    const distinct = tf.eye(3, 4) as tf.Tensor2D;
    expect(ntXentLoss(distinct, distinct, 0.1).dataSync()[0]).toBeLessThan(0.01);
  });

  it('has the gradient of finite differences, for both views', () => {
    const other = randomTensor([4, 3], 52) as tf.Tensor2D;
    expectGradientMatchesFiniteDifferences(
      (x) => ntXentLoss(x as tf.Tensor2D, other, 0.5),
      randomTensor([4, 3], 51),
    );
    expectGradientMatchesFiniteDifferences(
      (x) => ntXentLoss(other, x as tf.Tensor2D, 0.5),
      randomTensor([4, 3], 53),
    );
  });

  it('refuses views of different shapes or a single image', () => {
    expect(() => ntXentLoss(tf.ones([2, 3]), tf.ones([3, 3]), 0.1)).toThrow(TrainingError);
    expect(() => ntXentLoss(tf.ones([1, 3]), tf.ones([1, 3]), 0.1)).toThrow(/n >= 2/);
  });

  it('leaks no tensors', () => {
    const a = tf.tensor2d(view1);
    const b = tf.tensor2d(view2);
    expectNoTensorLeak(() => ntXentLoss(a, b, temperature).dispose());
  });
});
