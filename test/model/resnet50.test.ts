import * as tf from '@tensorflow/tfjs-core';
import { createModel } from '../../src/model';
import { useCpuBackend } from './cpu-backend';

beforeAll(useCpuBackend);

test('resnet50 (bottleneck [3, 4, 6, 3]) gives 2048-d features at a tiny input, batch 1', () => {
  const model = createModel(
    { architecture: 'resnet50', numClasses: 4, inputShape: [32, 32, 3], heads: { ova: true } },
    0,
  );
  const images = tf.randomUniform([1, 32, 32, 3]) as tf.Tensor4D;
  const out = model.forward(images, 'source', { training: false });
  expect(model.featureDim).toBe(2048);
  expect(out.features.shape).toEqual([1, 2048]);
  expect(out.logits.shape).toEqual([1, 4]);
  expect(out.ovaLogits!.shape).toEqual([1, 2, 4]);
  // 53 convolutions (1 stem + 16 blocks × 3 + 4 projections) and the two heads' kernels.
  expect(model.weightDecayVariables()).toHaveLength(55);
  tf.dispose([images, ...Object.values(out)]);
  model.dispose();
});
