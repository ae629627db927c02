import * as tf from '@tensorflow/tfjs-core';
import { neighborhoodClusteringLoss } from '../../../src/uda/losses/neighborhood-clustering';
import {
  entropyOf,
  expectGradientMatchesFiniteDifferences,
  expectNoTensorLeak,
  randomTensor,
  softmaxRow,
  useCpuBackend,
} from '../gradient-check';

beforeAll(useCpuBackend);

const T = 0.5;
const unit = (x: number, y: number): number[] => [x / Math.hypot(x, y), y / Math.hypot(x, y)];
const batch = [unit(1, 0.2), unit(0.3, 1)];
const bank = [unit(1, 0), unit(0, 1), unit(1, 1)];
const bankIndices = [2, 0];
const logits = [
  [1, -0.5],
  [0.2, 0.4],
];
const dot = (a: number[], b: number[]): number => a[0] * b[0] + a[1] * b[1];

describe('neighborhoodClusteringLoss', () => {
  it('is the mean entropy over [logits ‖ f·Mᵀ/T ‖ f·fᵀ/T] with own rows and the diagonal at −1/T', () => {
    const entropies = batch.map((f, i) => {
      const bankPart = bank.map((m, j) => (j === bankIndices[i] ? -1 / T : dot(f, m) / T));
      const batchPart = batch.map((g, j) => (j === i ? -1 / T : dot(f, g) / T));
      return entropyOf(softmaxRow([...logits[i], ...bankPart, ...batchPart]));
    });
    const loss = neighborhoodClusteringLoss({
      targetLogits: tf.tensor2d(logits),
      targetFeatures: tf.tensor2d(batch),
      bank: tf.tensor2d(bank),
      bankIndices: tf.tensor1d(bankIndices, 'int32'),
      temperature: T,
    });
    expect(loss.dataSync()[0]).toBeCloseTo((entropies[0] + entropies[1]) / 2, 5);
  });

  it('has the gradient of finite differences in logits and features', () => {
    const bankTensor = tf.tidy(() => {
      const raw = randomTensor([5, 4], 11);
      return tf.div(raw, tf.norm(raw, 2, 1, true)) as tf.Tensor2D;
    });
    const indices = tf.tensor1d([1, 3, 4], 'int32');
    const features = randomTensor([3, 4], 12, 0.5);
    const logitsTensor = randomTensor([3, 2], 13);
    const call = (x: tf.Tensor, f: tf.Tensor) =>
      neighborhoodClusteringLoss({
        targetLogits: x as tf.Tensor2D,
        targetFeatures: f as tf.Tensor2D,
        bank: bankTensor,
        bankIndices: indices,
        temperature: 0.5,
      });
    expectGradientMatchesFiniteDifferences((x) => call(x, features), logitsTensor);
    expectGradientMatchesFiniteDifferences((f) => call(logitsTensor, f), features, 2e-2, 5e-3);
  });

  it('leaks no tensors', () => {
    const inputs = {
      targetLogits: tf.tensor2d(logits),
      targetFeatures: tf.tensor2d(batch),
      bank: tf.tensor2d(bank),
      bankIndices: tf.tensor1d(bankIndices, 'int32'),
      temperature: T,
    };
    expectNoTensorLeak(() => neighborhoodClusteringLoss(inputs).dispose());
  });
});
