import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../../src/model/l2-normalize';
import { useCpuBackend } from '../uda/gradient-check';

beforeAll(useCpuBackend);

describe('l2Normalize', () => {
  it('gives unit rows, keeps a zero row at zero, and a finite gradient there', () => {
    const x = tf.tensor2d([
      [3, 4],
      [0, 0],
    ]);
    expect(l2Normalize(x).arraySync()).toEqual([
      [0.6000000238418579, 0.800000011920929],
      [0, 0],
    ]);
    const grad = tf
      .grad((v: tf.Tensor) => tf.sum(l2Normalize(v as tf.Tensor2D)))(x)
      .dataSync();
    expect(Array.from(grad).every(Number.isFinite)).toBe(true);
  });
});
