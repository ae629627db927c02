import * as tf from '@tensorflow/tfjs-core';
import { openEntropyLoss } from '../../../src/uda/losses/open-entropy';
import { ovaSourceLoss } from '../../../src/uda/losses/ova-source';
import {
  entropyOf,
  expectGradientMatchesFiniteDifferences,
  expectNoTensorLeak,
  randomTensor,
  softmaxRow,
  useCpuBackend,
} from '../gradient-check';

beforeAll(useCpuBackend);

// [b = 2, 2, K = 3]: index 0 "not this class", index 1 "this class".
const ovaLogits = [
  [
    [0.5, 1.0, -0.3],
    [1.5, -0.2, 0.4],
  ],
  [
    [0.0, 2.0, 0.7],
    [-1.0, 0.3, 0.1],
  ],
];
const labels = [0, 2];

/** p(class k's 2-way classifier says index c) for sample i. */
const pairProb = (i: number, k: number, c: number): number =>
  softmaxRow([ovaLogits[i][0][k], ovaLogits[i][1][k]])[c];

describe('ovaSourceLoss', () => {
  it('is −log p(this class) of the label plus the hardest −log p(not class) of the others, by hand', () => {
    const positive = labels.reduce((sum, y, i) => sum - Math.log(pairProb(i, y, 1)), 0) / 2;
    const hardNegative =
      labels.reduce((sum, y, i) => {
        const others = [0, 1, 2].filter((k) => k !== y).map((k) => -Math.log(pairProb(i, k, 0)));
        return sum + Math.max(...others);
      }, 0) / 2;
    const result = ovaSourceLoss(tf.tensor3d(ovaLogits), tf.tensor1d(labels, 'int32'));
    expect(result.positive.dataSync()[0]).toBeCloseTo(positive, 5);
    expect(result.hardNegative.dataSync()[0]).toBeCloseTo(hardNegative, 5);
  });

  it('has the gradient of finite differences', () => {
    const y = tf.tensor1d([1, 0, 2], 'int32');
    const f = (x: tf.Tensor) => {
      const { positive, hardNegative } = ovaSourceLoss(x as tf.Tensor3D, y);
      return tf.add(positive, hardNegative) as tf.Scalar;
    };
    expectGradientMatchesFiniteDifferences(f, randomTensor([3, 2, 3], 31));
  });

  it('leaks no tensors', () => {
    const x = tf.tensor3d(ovaLogits);
    const y = tf.tensor1d(labels, 'int32');
    expectNoTensorLeak(() => {
      const { positive, hardNegative } = ovaSourceLoss(x, y);
      tf.dispose([positive, hardNegative]);
    });
  });
});

describe('openEntropyLoss', () => {
  it('is the mean over samples and classifiers of the 2-way entropy, by hand', () => {
    let sum = 0;
    for (let i = 0; i < 2; i += 1) {
      for (let k = 0; k < 3; k += 1) sum += entropyOf([pairProb(i, k, 0), pairProb(i, k, 1)]);
    }
    expect(openEntropyLoss(tf.tensor3d(ovaLogits)).dataSync()[0]).toBeCloseTo(sum / 6, 5);
  });

  it('has the gradient of finite differences', () => {
    expectGradientMatchesFiniteDifferences(
      (x) => openEntropyLoss(x as tf.Tensor3D),
      randomTensor([3, 2, 3], 32),
    );
  });

  it('leaks no tensors', () => {
    const x = tf.tensor3d(ovaLogits);
    expectNoTensorLeak(() => openEntropyLoss(x).dispose());
  });
});
