import * as tf from '@tensorflow/tfjs-core';
import { ConvBn } from '../../src/model/conv-bn';
import { ParameterRegistry } from '../../src/model/parameter-registry';
import { ensureGradientsRegistered } from '../../src/runtime/register-gradients';
import { useCpuBackend } from './cpu-backend';

beforeAll(async () => {
  await useCpuBackend();
  ensureGradientsRegistered();
});

/** A conv (3x3/2) + DSBN + ReLU → conv (1x1) + DSBN network with a fixed linear read-out. */
function smallNet() {
  const registry = new ParameterRegistry(11);
  const first = new ConvBn(registry, 'a', { inChannels: 2, outChannels: 3, kernelSize: 3, stride: 2 }, false);
  const second = new ConvBn(
    registry,
    'b',
    { inChannels: 3, outChannels: 2, kernelSize: 1, relu: false },
    false,
  );
  const images = tf.randomUniform([3, 6, 6, 2], 0, 1, 'float32', 3) as tf.Tensor4D;
  const readout = tf.randomNormal([3, 3, 3, 2], 0, 1, 'float32', 4);
  const loss = () =>
    tf.tidy(() => {
      const h = second.apply(first.apply(images, 'source', true), 'source', true);
      return tf.sum(tf.mul(tf.square(h), readout)) as tf.Scalar;
    });
  return { registry, loss, dispose: () => tf.dispose([images, readout]) };
}

test('gradients of conv + domain-specific BN match central finite differences; target BN gets none', () => {
  const net = smallNet();
  const variables = net.registry.trainable();
  const { value, grads } = tf.variableGrads(net.loss, variables);
  const byName = Object.fromEntries(variables.map((v) => [v.name.replace(/^uda\d+\//, ''), v]));
  expect(Object.keys(grads).some((name) => name.includes('/target/'))).toBe(false);

  const checked = [
    'a/kernel',
    'a/bn/source/gamma',
    'a/bn/source/beta',
    'b/kernel',
    'b/bn/source/gamma',
    'b/bn/source/beta',
  ];
  const h = 1e-2;
  for (const name of checked) {
    const variable = byName[name];
    const analytic = grads[variable.name].dataSync();
    const base = variable.dataSync().slice();
    for (const index of [0, Math.floor(base.length / 2), base.length - 1]) {
      const at = (delta: number) => {
        const shifted = base.slice();
        shifted[index] += delta;
        tf.tidy(() => variable.assign(tf.tensor(shifted, variable.shape)));
        return tf.tidy(() => net.loss().dataSync()[0]);
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      tf.tidy(() => variable.assign(tf.tensor(base, variable.shape)));
      expect(Math.abs(analytic[index] - numeric)).toBeLessThan(2e-2 * Math.max(1, Math.abs(numeric)));
    }
  }
  tf.dispose([value, ...Object.values(grads)]);
  net.dispose();
  net.registry.dispose();
});
