import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../src/errors';
import { softNeighborhoodDensity } from '../../src/uda/soft-neighborhood-density';
import { entropyOf, expectNoTensorLeak, softmaxRow, useCpuBackend } from './gradient-check';

beforeAll(useCpuBackend);

describe('softNeighborhoodDensity', () => {
  const probs = [
    [0.9, 0.1],
    [0.8, 0.2],
    [0.1, 0.9],
  ];

  it('is the mean entropy of the softmax over cosine similarities to the other samples, by hand', () => {
    const T = 0.05;
    const unit = probs.map((row) => row.map((v) => v / Math.hypot(...row)));
    const rows = unit.map((a, i) => unit.map((b, j) => (i === j ? -1 / T : (a[0] * b[0] + a[1] * b[1]) / T)));
    const expected = rows.reduce((sum, row) => sum + entropyOf(softmaxRow(row)), 0) / 3;
    expect(softNeighborhoodDensity(tf.tensor2d(probs), T)).toBeCloseTo(expected, 4);
  });

  it('is higher for a densely clustered target than for a scattered one', () => {
    const around = (p: number) => [0, 0.01, 0.02, 0.03].map((d) => [p + d, 1 - p - d]);
    const clustered = tf.tensor2d([...around(0.9), ...around(0.1)]);
    const scattered = tf.tensor2d([0.95, 0.85, 0.75, 0.65, 0.35, 0.25, 0.15, 0.05].map((p) => [p, 1 - p]));
    expect(softNeighborhoodDensity(clustered)).toBeGreaterThan(softNeighborhoodDensity(scattered));
  });

  it('agrees with a plain computation when the rows span several blocks', () => {
    const n = 600;
    const rows = Array.from({ length: n }, (_, i) =>
      softmaxRow([Math.sin(i), Math.cos(3 * i), 0.5 * Math.sin(7 * i)]),
    );
    const unit = rows.map((row) => row.map((v) => v / Math.hypot(...row)));
    let sum = 0;
    unit.forEach((a, i) => {
      const similarities = unit.map((b, j) =>
        i === j ? -20 : (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / 0.05,
      );
      sum += entropyOf(softmaxRow(similarities));
    });
    expect(softNeighborhoodDensity(tf.tensor2d(rows))).toBeCloseTo(sum / n, 3);
  });

  it('refuses fewer than two samples and leaks no tensors', () => {
    expect(() => softNeighborhoodDensity(tf.tensor2d([[1, 0]]))).toThrow(TrainingError);
    const x = tf.tensor2d(probs);
    expectNoTensorLeak(() => void softNeighborhoodDensity(x));
  });
});
