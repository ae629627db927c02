import * as tf from '@tensorflow/tfjs-core';
import { createModel } from '../../src/model';
import { expectFlatTensorCount } from '../../src/runtime/tensor-hygiene';
import { silentLogger } from '../../src/logger';
import { selectBackend } from '../../src/runtime';

// The production backend, with the project's convolution-gradient kernels, so they are checked for leaks too.
beforeAll(() => selectBackend('wasm', silentLogger));

test('20 forward/backward steps with BN updates in both domains leave the tensor count flat', async () => {
  const model = createModel(
    {
      architecture: 'resnet-mini',
      numClasses: 2,
      inputShape: [8, 8, 1],
      heads: { ova: true, regression: true },
    },
    0,
  );
  const source = tf.randomUniform([2, 8, 8, 1]) as tf.Tensor4D;
  const target = tf.randomUniform([2, 8, 8, 1]) as tf.Tensor4D;
  const variables = model.trainableVariables();
  const step = () => {
    const { value, grads } = tf.variableGrads(() => {
      const s = model.forward(source, 'source', { training: true });
      const t = model.forward(target, 'target', { training: true });
      return tf.addN([tf.mean(s.logits), tf.mean(t.ovaLogits!), tf.mean(s.regression!)]) as tf.Scalar;
    }, variables);
    tf.tidy(() => {
      for (const v of variables) if (grads[v.name]) v.assign(tf.sub(v, tf.mul(grads[v.name], 1e-3)));
    });
    tf.dispose([value, ...Object.values(grads)]);
    model.applyBatchNormUpdates();
  };
  const trace = await expectFlatTensorCount(step, 20);
  expect(trace.leakedPerStep).toBe(0);
  tf.dispose([source, target]);
  model.dispose();
});
