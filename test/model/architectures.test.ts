import * as tf from '@tensorflow/tfjs-core';
import { createModel, type Architecture, type ModelConfig } from '../../src/model';
import { InvalidConfigError } from '../../src/errors';
import { useCpuBackend } from './cpu-backend';

beforeAll(useCpuBackend);

const cases: Array<[Architecture, number, number, number]> = [
  // architecture, input size, batch, feature dim
  ['resnet-mini', 16, 2, 64],
  ['resnet18', 32, 2, 512],
  // resnet50 (2048-d) lives in resnet50.test.ts: it alone takes ~15 s on the cpu backend.
];

describe('createModel', () => {
  test.each(cases)(
    '%s at %i px, batch %i: features [b, %i] and every head',
    (architecture, size, batch, dim) => {
      const config: ModelConfig = {
        architecture,
        numClasses: 5,
        inputShape: [size, size, 3],
        heads: { ova: true, regression: true },
      };
      const model = createModel(config, 0);
      const images = tf.randomUniform([batch, size, size, 3]) as tf.Tensor4D;
      for (const training of [true, false]) {
        const out = model.forward(images, 'target', { training });
        expect(model.featureDim).toBe(dim);
        expect(out.features.shape).toEqual([batch, dim]);
        expect(out.embedding.shape).toEqual([batch, dim]);
        expect(out.logits.shape).toEqual([batch, 5]);
        expect(out.ovaLogits!.shape).toEqual([batch, 2, 5]);
        expect(out.regression!.shape).toEqual([batch]);
        expect(Array.from(out.logits.dataSync()).every(Number.isFinite)).toBe(true);
        tf.dispose(Object.values(out));
      }
      tf.dispose(images);
      model.dispose();
    },
  );

  test('the same seed gives the same weights, another seed other weights', () => {
    const config: ModelConfig = { architecture: 'resnet-mini', numClasses: 3, inputShape: [8, 8, 1] };
    const [a, b, c] = [createModel(config, 7), createModel(config, 7), createModel(config, 8)];
    const [wa, wb, wc] = [a.getWeights(), b.getWeights(), c.getWeights()];
    const kernel = 'stage2/block0/conv1/kernel';
    expect(Object.keys(wa)).toEqual(Object.keys(wb));
    for (const name of Object.keys(wa)) expect(wb[name].arraySync()).toEqual(wa[name].arraySync());
    expect(wc[kernel].arraySync()).not.toEqual(wa[kernel].arraySync());
    [wa, wb, wc].forEach((w) => tf.dispose(Object.values(w)));
    [a, b, c].forEach((m) => m.dispose());
  });

  test('He init: conv kernels have std sqrt(2 / (k·k·out)) within 3 %', () => {
    const model = createModel({ architecture: 'resnet-mini', numClasses: 2, inputShape: [8, 8, 3] }, 3);
    const weights = model.getWeights();
    const kernel = weights['stage3/block0/conv2/kernel']; // [3, 3, 64, 64]
    const std = Math.sqrt(tf.moments(kernel).variance.dataSync()[0]);
    expect(std / Math.sqrt(2 / (9 * 64))).toBeCloseTo(1, 1.5);
    tf.dispose(Object.values(weights));
    model.dispose();
  });

  test('trainable variables include both domains’ gamma/beta, not running statistics; decay only kernels', () => {
    const model = createModel({ architecture: 'resnet-mini', numClasses: 3, inputShape: [8, 8, 3] }, 0);
    const names = model.trainableVariables().map((v) => v.name.replace(/^uda\d+\//, ''));
    expect(names).toEqual(
      expect.arrayContaining(['stem/bn/source/gamma', 'stem/bn/target/beta', 'classifier/kernel']),
    );
    expect(names.some((n) => n.includes('moving_'))).toBe(false);
    expect(Object.keys(model.namedTrainableVariables())).toEqual(names);
    const decayed = model.weightDecayVariables().map((v) => v.name);
    expect(decayed.every((n) => n.endsWith('/kernel'))).toBe(true);
    expect(decayed).toHaveLength(10); // stem + 3 blocks × 2 convs + 2 projections + classifier
    model.dispose();
  });

  test('shared batch norm has one parameter set for both domains', () => {
    const model = createModel(
      { architecture: 'resnet-mini', numClasses: 3, inputShape: [8, 8, 3], sharedBatchNorm: true },
      0,
    );
    const weights = model.getWeights();
    expect(Object.keys(weights)).toContain('stem/bn/shared/gamma');
    expect(Object.keys(weights).some((n) => n.includes('/source/'))).toBe(false);
    tf.dispose(Object.values(weights));
    model.dispose();
  });

  test('a bad config is refused with the field named', () => {
    const bad = { architecture: 'resnet-mini', numClasses: 0, inputShape: [8, 8, 3] } as const;
    expect(() => createModel(bad, 0)).toThrow(InvalidConfigError);
    expect(() => createModel(bad, 0)).toThrow(/model\.numClasses must be an integer ≥ 1, got 0/);
  });
});
