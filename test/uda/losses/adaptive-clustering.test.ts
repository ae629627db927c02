import * as tf from '@tensorflow/tfjs-core';
import { adaptiveClusteringLoss } from '../../../src/uda/losses/adaptive-clustering';
import { rankStatisticPairs } from '../../../src/uda/losses/rank-statistics';
import {
  expectGradientMatchesFiniteDifferences,
  expectNoTensorLeak,
  randomTensor,
  softmaxRow,
  useCpuBackend,
} from '../gradient-check';

beforeAll(useCpuBackend);

/** Indices of the k largest entries, as a sorted string: equal strings mean equal sets. */
function topKSet(row: readonly number[], k: number): string {
  const order = row.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value);
  return order
    .slice(0, k)
    .map((entry) => entry.index)
    .sort()
    .join(',');
}

const targetFeatures = [
  [0.9, 0.1, 0.8, 0.0],
  [0.2, 0.7, 0.1, 0.6],
];
const candidateFeatures = [
  [0.9, 0.1, 0.8, 0.0], // same top-2 set as target 0 (and is target 0 itself)
  [0.2, 0.7, 0.1, 0.6],
  [0.5, 0.0, 0.6, 0.1], // {0, 2}: same as target 0
  [0.0, 0.9, 0.1, 0.8], // {1, 3}: same as target 1
];
const targetLogits = [
  [2, 0, -1],
  [0, 1.5, 0.2],
];
const candidateLogits = [
  [2, 0, -1],
  [0, 1.5, 0.2],
  [1, 0.5, 0],
  [-1, 0, 2],
];
const mask = [
  [0, 1, 1, 1],
  [1, 0, 1, 1],
];

describe('rankStatisticPairs', () => {
  it('is 1 exactly where the top-k index sets are equal', () => {
    const pairs = rankStatisticPairs(
      tf.tensor2d(targetFeatures),
      tf.tensor2d(candidateFeatures),
      2,
    ).arraySync();
    const expected = targetFeatures.map((f) =>
      candidateFeatures.map((g) => (topKSet(f, 2) === topKSet(g, 2) ? 1 : 0)),
    );
    expect(pairs).toEqual(expected);
  });
});

describe('adaptiveClusteringLoss', () => {
  it('matches a hand computation of the masked BCE and the share of positive pairs', () => {
    const p = targetLogits.map(softmaxRow);
    const q = candidateLogits.map(softmaxRow);
    let sum = 0;
    let positives = 0;
    let count = 0;
    p.forEach((pi, i) =>
      q.forEach((qj, j) => {
        if (mask[i][j] === 0) return;
        const same = topKSet(targetFeatures[i], 2) === topKSet(candidateFeatures[j], 2) ? 1 : 0;
        const product = pi.reduce((acc, value, k) => acc + value * qj[k], 0);
        sum += -(same * Math.log(product) + (1 - same) * Math.log(1 - product));
        positives += same;
        count += 1;
      }),
    );
    const result = adaptiveClusteringLoss({
      targetFeatures: tf.tensor2d(targetFeatures),
      targetProbs: tf.softmax(tf.tensor2d(targetLogits)),
      candidateFeatures: tf.tensor2d(candidateFeatures),
      candidateProbs: tf.softmax(tf.tensor2d(candidateLogits)),
      topK: 2,
      pairMask: tf.tensor2d(mask),
    });
    expect(result.loss.dataSync()[0]).toBeCloseTo(sum / count, 5);
    expect(result.positivePairShare.dataSync()[0]).toBeCloseTo(positives / count, 6);
    expect(positives).toBe(2); // the case exercises both targets
  });

  it('has the gradient of finite differences, through target and candidate probabilities', () => {
    const features = randomTensor([3, 6], 3);
    const candidates = randomTensor([5, 6], 4);
    const candidateLogitsTensor = randomTensor([5, 3], 5);
    const f = (x: tf.Tensor) =>
      adaptiveClusteringLoss({
        targetFeatures: features as tf.Tensor2D,
        targetProbs: tf.softmax(x as tf.Tensor2D),
        candidateFeatures: candidates as tf.Tensor2D,
        candidateProbs: tf.softmax(candidateLogitsTensor as tf.Tensor2D),
        topK: 2,
      }).loss;
    expectGradientMatchesFiniteDifferences(f, randomTensor([3, 3], 6));
    const g = (x: tf.Tensor) =>
      adaptiveClusteringLoss({
        targetFeatures: features as tf.Tensor2D,
        targetProbs: tf.softmax(randomTensor([3, 3], 6) as tf.Tensor2D),
        candidateFeatures: candidates as tf.Tensor2D,
        candidateProbs: tf.softmax(x as tf.Tensor2D),
        topK: 2,
      }).loss;
    expectGradientMatchesFiniteDifferences(g, candidateLogitsTensor);
  });

  it('leaks no tensors', () => {
    const inputs = {
      targetFeatures: tf.tensor2d(targetFeatures),
      targetProbs: tf.softmax(tf.tensor2d(targetLogits)) as tf.Tensor2D,
      candidateFeatures: tf.tensor2d(candidateFeatures),
      candidateProbs: tf.softmax(tf.tensor2d(candidateLogits)) as tf.Tensor2D,
      topK: 2,
    };
    expectNoTensorLeak(() => {
      const { loss, positivePairShare } = adaptiveClusteringLoss(inputs);
      tf.dispose([loss, positivePairShare]);
    });
  });
});
