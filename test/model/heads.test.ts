import * as tf from '@tensorflow/tfjs-core';
import { createModel } from '../../src/model';
import { useCpuBackend } from './cpu-backend';

beforeAll(useCpuBackend);

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));
const column = (m: number[][], k: number) => m.map((row) => row[k]);

test('cosine logits, OVA logits, regression and embedding equal a hand computation from the features', () => {
  const model = createModel(
    {
      architecture: 'resnet-mini',
      numClasses: 3,
      inputShape: [8, 8, 2],
      temperature: 0.1,
      heads: { ova: true, regression: true },
    },
    4,
  );
  const images = tf.randomUniform([2, 8, 8, 2], 0, 1, 'float32', 1) as tf.Tensor4D;
  const out = model.forward(images, 'source', { training: false });
  const weights = model.getWeights();
  const features = out.features.arraySync();
  const classifier = weights['classifier/kernel'].arraySync() as number[][]; // [64, 3]
  const ova = weights['ova/kernel'].arraySync() as number[][]; // [64, 6]
  const regression = column(weights['regression/kernel'].arraySync() as number[][], 0);
  const bias = weights['regression/bias'].dataSync()[0];
  const logits = out.logits.arraySync();
  const ovaLogits = out.ovaLogits!.arraySync();
  const embedding = out.embedding.arraySync();
  features.forEach((f, i) => {
    f.forEach((v, d) => expect(embedding[i][d]).toBeCloseTo(v / norm(f), 5));
    for (let k = 0; k < 3; k++) {
      const w = column(classifier, k);
      expect(logits[i][k]).toBeCloseTo(dot(w, f) / (norm(w) * norm(f)) / 0.1, 4);
      expect(ovaLogits[i][0][k]).toBeCloseTo(dot(column(ova, k), f), 4);
      expect(ovaLogits[i][1][k]).toBeCloseTo(dot(column(ova, 3 + k), f), 4);
    }
    expect(out.regression!.arraySync()[i]).toBeCloseTo(dot(regression, f) + bias, 4);
  });
  const prototypes = model.classPrototypes().arraySync();
  prototypes.forEach((p, k) =>
    p.forEach((v, d) => expect(v).toBeCloseTo(classifier[d][k] / norm(column(classifier, k)), 5)),
  );
  tf.dispose([images, ...Object.values(out), ...Object.values(weights)]);
  model.dispose();
});

test('the default temperature is 0.05: |logits| ≤ 20', () => {
  const model = createModel({ architecture: 'resnet-mini', numClasses: 2, inputShape: [8, 8, 1] }, 0);
  const out = model.forward(tf.ones([1, 8, 8, 1]) as tf.Tensor4D, 'target', { training: false });
  expect(Math.max(...Array.from(out.logits.dataSync()).map(Math.abs))).toBeLessThanOrEqual(20 + 1e-4);
  tf.dispose(Object.values(out));
  model.dispose();
});

test('the projection head is W2·relu(W1·f + b1) in training forwards only, and leaves every other initial weight as it was', () => {
  const config = { architecture: 'resnet-mini', numClasses: 3, inputShape: [8, 8, 2] } as const;
  const model = createModel({ ...config, heads: { projection: true } }, 4);
  const plain = createModel(config, 4);
  const images = tf.randomUniform([2, 8, 8, 2], 0, 1, 'float32', 2) as tf.Tensor4D;
  const out = model.forward(images, 'target', { training: true });
  model.discardBatchNormUpdates();
  const weights = model.getWeights();
  const hidden = weights['projection/hidden/kernel'].arraySync() as number[][]; // [64, 64]
  const hiddenBias = Array.from(weights['projection/hidden/bias'].dataSync());
  const output = weights['projection/output/kernel'].arraySync() as number[][]; // [64, 128]
  expect(output[0]).toHaveLength(128);
  // A nonzero bias, so the hand computation checks that it is added before the ReLU.
  hiddenBias.forEach((_, j) => (hiddenBias[j] = 0.01 * (j - 32)));
  const bias = tf.tensor1d(hiddenBias);
  model.setWeights({ ...weights, 'projection/hidden/bias': bias });
  const again = model.forward(images, 'target', { training: true });
  model.discardBatchNormUpdates();
  const projection = again.projection!.arraySync();
  again.features.arraySync().forEach((f, i) => {
    const h = hiddenBias.map((b, j) => Math.max(0, dot(column(hidden, j), f) + b));
    for (const p of [0, 17, 127]) expect(projection[i][p]).toBeCloseTo(dot(column(output, p), h), 4);
  });
  expect(out.projection!.shape).toEqual([2, 128]);
  const inference = model.forward(images, 'target', { training: false });
  expect(inference.projection).toBeUndefined();
  const plainWeights = plain.getWeights();
  for (const [name, value] of Object.entries(plainWeights)) {
    expect(Array.from(weights[name].dataSync())).toEqual(Array.from(value.dataSync()));
  }
  expect(Object.keys(weights).filter((name) => !(name in plainWeights))).toEqual([
    'projection/hidden/kernel',
    'projection/hidden/bias',
    'projection/output/kernel',
  ]);
  tf.dispose([images, ...Object.values(out), ...Object.values(again), ...Object.values(inference)]);
  tf.dispose([bias, ...Object.values(weights), ...Object.values(plainWeights)]);
  model.dispose();
  plain.dispose();
});
