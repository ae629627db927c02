import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../../src/errors';
import {
  classWeightedCrossEntropy,
  classWeights,
} from '../../../src/uda/losses/class-weighted-cross-entropy';
import {
  expectGradientMatchesFiniteDifferences,
  expectNoTensorLeak,
  randomTensor,
  softmaxRow,
  useCpuBackend,
} from '../gradient-check';

beforeAll(useCpuBackend);

describe('classWeights', () => {
  it('is N_s / (K·n_k): 1 for a balanced source, larger for a rare class', () => {
    expect(classWeights([50, 50])).toEqual([1, 1]);
    expect(classWeights([90, 10])).toEqual([100 / (2 * 90), 100 / (2 * 10)]);
  });

  it('refuses a class without samples, naming it', () => {
    expect(() => classWeights([5, 0, 3])).toThrow(TrainingError);
    expect(() => classWeights([5, 0, 3])).toThrow(/class 1 has 0/);
  });
});

describe('classWeightedCrossEntropy', () => {
  const logitRows = [
    [2, 0.5, -1],
    [0.1, 0.2, 0.3],
    [-1, 3, 0],
  ];
  const labelValues = [0, 2, 1];
  const weights = [0.5, 2, 1.5];

  it('matches a hand computation: Σ w_y·(−log p_y) / Σ w_y', () => {
    let numerator = 0;
    let denominator = 0;
    logitRows.forEach((row, i) => {
      const p = softmaxRow(row);
      const w = weights[labelValues[i]];
      numerator += w * -Math.log(p[labelValues[i]]);
      denominator += w;
    });
    const loss = classWeightedCrossEntropy(
      tf.tensor2d(logitRows),
      tf.tensor1d(labelValues, 'int32'),
      weights,
    );
    expect(loss.dataSync()[0]).toBeCloseTo(numerator / denominator, 5);
  });

  it('equals plain mean cross-entropy when all weights are 1', () => {
    const expected =
      logitRows.reduce((sum, row, i) => sum - Math.log(softmaxRow(row)[labelValues[i]]), 0) /
      logitRows.length;
    const loss = classWeightedCrossEntropy(
      tf.tensor2d(logitRows),
      tf.tensor1d(labelValues, 'int32'),
      [1, 1, 1],
    );
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it('has the gradient of finite differences', () => {
    const logits = randomTensor([4, 3], 1);
    const labels = tf.tensor1d([0, 1, 2, 1], 'int32');
    const f = (x: tf.Tensor) => classWeightedCrossEntropy(x as tf.Tensor2D, labels, [0.7, 1.2, 2]);
    expectGradientMatchesFiniteDifferences(f, logits);
  });

  it('leaks no tensors', () => {
    const logits = tf.tensor2d(logitRows);
    const labels = tf.tensor1d(labelValues, 'int32');
    const weightTensor = tf.tensor1d(weights);
    expectNoTensorLeak(() => classWeightedCrossEntropy(logits, labels, weightTensor).dispose());
  });
});
