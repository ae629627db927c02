import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { DataFormatError } from '../../src/errors';
import { createModel, loadModel, saveModel } from '../../src/model';
import { openStore } from '../../src/storage';
import type { BlobStore } from '../../src/storage';
import { useCpuBackend } from './cpu-backend';

let folder: string;
let store: BlobStore;

beforeAll(useCpuBackend);
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'model-save-'));
  store = openStore(folder);
});
afterEach(() => rm(folder, { recursive: true, force: true }));

test('save → load gives identical outputs in both domains, running statistics and config included', async () => {
  const config = {
    architecture: 'resnet-mini',
    numClasses: 3,
    inputShape: [8, 8, 3],
    heads: { ova: true, projection: true },
  } as const;
  const model = createModel(config, 5);
  const images = tf.randomUniform([2, 8, 8, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
  tf.dispose(Object.values(model.forward(images, 'target', { training: true })));
  model.applyBatchNormUpdates(); // running statistics differ from their initial values

  await saveModel(model, store, 'runs/r1/members/0/model/');
  const loaded = await loadModel(store, 'runs/r1/members/0/model');
  expect(loaded.config).toEqual(config);
  expect(await store.exists('runs/r1/members/0/model/weights.bin')).toBe(true);
  const manifest = JSON.parse(await store.getText('runs/r1/members/0/model/model.json'));
  expect(manifest.weightsManifest[0].paths).toEqual(['weights.bin']);

  for (const domain of ['source', 'target'] as const) {
    const [a, b] = [model, loaded].map((m) => m.forward(images, domain, { training: false }));
    expect(b.logits.arraySync()).toEqual(a.logits.arraySync());
    expect(b.ovaLogits!.arraySync()).toEqual(a.ovaLogits!.arraySync());
    tf.dispose([...Object.values(a), ...Object.values(b)]);
  }
  const [a, b] = [model, loaded].map((m) => m.forward(images, 'target', { training: true }));
  expect(b.projection!.arraySync()).toEqual(a.projection!.arraySync());
  tf.dispose([...Object.values(a), ...Object.values(b)]);
  loaded.discardBatchNormUpdates();
  model.discardBatchNormUpdates();
  tf.dispose(images);
  model.dispose();
  loaded.dispose();
});

test('a malformed model.json is a DataFormatError naming the file', async () => {
  await store.put('m/model.json', JSON.stringify({ format: 'deepastro-uda-model', weightsManifest: [] }));
  await expect(loadModel(store, 'm')).rejects.toThrow(DataFormatError);
  await expect(loadModel(store, 'm')).rejects.toThrow(/m\/model\.json is not a deepastro-uda model\.json/);
});

test('weights of another architecture are refused with the mismatching weight named', async () => {
  const model = createModel({ architecture: 'resnet-mini', numClasses: 3, inputShape: [8, 8, 3] }, 0);
  await saveModel(model, store, 'm');
  const json = JSON.parse(await store.getText('m/model.json'));
  json.userDefinedMetadata.modelConfig.numClasses = 4;
  await store.put('m/model.json', JSON.stringify(json));
  await expect(loadModel(store, 'm')).rejects.toThrow(
    /'classifier\/kernel' has shape \[64,3\], the model expects \[64,4\]/,
  );
  model.dispose();
});
