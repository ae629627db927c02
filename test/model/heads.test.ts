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
