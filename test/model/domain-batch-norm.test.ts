import * as tf from '@tensorflow/tfjs-core';
import { createModel, type NamedWeights } from '../../src/model';
import { DomainBatchNorm } from '../../src/model/batch-norm';
import { ParameterRegistry } from '../../src/model/parameter-registry';
import { useCpuBackend } from './cpu-backend';

beforeAll(useCpuBackend);

const config = { architecture: 'resnet-mini', numClasses: 3, inputShape: [8, 8, 3] } as const;

function valuesOf(weights: NamedWeights, name: string): number[] {
  return Array.from(weights[name].dataSync());
}

describe('domain-specific batch norm in a model', () => {
  test('a source training step moves only the source running statistics, toward the batch moments', () => {
    const model = createModel(config, 1);
    const images = tf.add(
      tf.mul(tf.randomUniform([4, 8, 8, 3], 0, 1, 'float32', 5), 0.5),
      0.3,
    ) as tf.Tensor4D;
    tf.dispose(Object.values(model.forward(images, 'source', { training: true })));
    expect(model.applyBatchNormUpdates()).toEqual(['source']);

    const weights = model.getWeights();
    // Independent computation of the stem's batch moments: its convolution, by definition.
    const stemOut = tf.conv2d(images, weights['stem/kernel'] as tf.Tensor4D, 1, 'same');
    const { mean, variance } = tf.moments(stemOut, [0, 1, 2]);
    const n = 4 * 8 * 8;
    const expectedMean = Array.from(mean.dataSync()).map((m) => 0.1 * m);
    const expectedVariance = Array.from(variance.dataSync()).map((v) => 0.9 + 0.1 * v * (n / (n - 1)));
    valuesOf(weights, 'stem/bn/source/moving_mean').forEach((v, i) =>
      expect(v).toBeCloseTo(expectedMean[i], 5),
    );
    valuesOf(weights, 'stem/bn/source/moving_variance').forEach((v, i) =>
      expect(v).toBeCloseTo(expectedVariance[i], 4),
    );
    expect(valuesOf(weights, 'stem/bn/target/moving_mean').every((v) => v === 0)).toBe(true);
    expect(valuesOf(weights, 'stage3/block0/conv2/bn/target/moving_variance').every((v) => v === 1)).toBe(
      true,
    );
    tf.dispose([images, stemOut, mean, variance, ...Object.values(weights)]);
    model.dispose();
  });

  test('evaluation uses each domain’s own statistics; training ignores them', () => {
    const model = createModel(config, 2);
    const images = tf.randomUniform([3, 8, 8, 3], 0, 1, 'float32', 9) as tf.Tensor4D;
    for (let i = 0; i < 3; i++) {
      tf.dispose(Object.values(model.forward(images, 'source', { training: true })));
      model.applyBatchNormUpdates();
    }
    const run = (domain: 'source' | 'target', training: boolean) => {
      const out = model.forward(images, domain, { training });
      const logits = out.logits.arraySync();
      tf.dispose(Object.values(out));
      return logits;
    };
    // Same (initial) affine parameters and batch statistics in training mode: identical outputs.
    expect(run('target', true)).toEqual(run('source', true));
    // Different running statistics in evaluation mode: different outputs.
    const source = run('source', false).flat();
    const target = run('target', false).flat();
    expect(Math.max(...source.map((v, i) => Math.abs(v - target[i])))).toBeGreaterThan(1e-3);
    model.discardBatchNormUpdates();
    images.dispose();
    model.dispose();
  });

  test('discarded forwards leave the statistics alone', () => {
    const model = createModel(config, 3);
    const images = tf.randomUniform([2, 8, 8, 3]) as tf.Tensor4D;
    tf.dispose(Object.values(model.forward(images, 'target', { training: true })));
    model.discardBatchNormUpdates();
    expect(model.applyBatchNormUpdates()).toEqual([]);
    const weights = model.getWeights();
    expect(valuesOf(weights, 'stem/bn/target/moving_mean').every((v) => v === 0)).toBe(true);
    tf.dispose([images, ...Object.values(weights)]);
    model.dispose();
  });
});

describe('DomainBatchNorm', () => {
  const x = () =>
    tf.tensor4d(
      Array.from({ length: 2 * 2 * 2 * 2 }, (_, i) => (i * 7) % 5),
      [2, 2, 2, 2],
    );

  test('training mode: per-channel batch normalization with that domain’s gamma and beta', () => {
    const registry = new ParameterRegistry(0);
    const norm = new DomainBatchNorm(registry, 'bn', 2, false);
    const input = x();
    const gamma = [2, 0.5];
    const beta = [1, -1];
    const weights = registry.getWeights();
    registry.setWeights({
      ...weights,
      'bn/target/gamma': tf.tensor1d(gamma),
      'bn/target/beta': tf.tensor1d(beta),
    });
    const out = norm.apply(input, 'target', true).arraySync();
    const values = input.arraySync();
    for (let c = 0; c < 2; c++) {
      const column = values.flat(2).map((pixel) => pixel[c]);
      const mean = column.reduce((a, b) => a + b) / column.length;
      const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length;
      out.flat(2).forEach((pixel, i) => {
        expect(pixel[c]).toBeCloseTo(
          ((column[i] - mean) / Math.sqrt(variance + 1e-5)) * gamma[c] + beta[c],
          4,
        );
      });
    }
    norm.discardPending();
    tf.dispose([input, ...Object.values(weights)]);
    registry.dispose();
  });

  test('evaluation mode: (x − running mean) / sqrt(running variance + eps)', () => {
    const registry = new ParameterRegistry(0);
    const norm = new DomainBatchNorm(registry, 'bn', 2, true);
    const weights = registry.getWeights();
    registry.setWeights({
      ...weights,
      'bn/shared/moving_mean': tf.tensor1d([1, 2]),
      'bn/shared/moving_variance': tf.tensor1d([4, 9]),
    });
    const input = x();
    const out = norm.apply(input, 'source', false).arraySync().flat(2);
    input
      .arraySync()
      .flat(2)
      .forEach((pixel, i) => {
        expect(out[i][0]).toBeCloseTo((pixel[0] - 1) / Math.sqrt(4 + 1e-5), 5);
        expect(out[i][1]).toBeCloseTo((pixel[1] - 2) / Math.sqrt(9 + 1e-5), 5);
      });
    tf.dispose([input, ...Object.values(weights)]);
    registry.dispose();
  });
});
