import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import seedrandom from 'seedrandom';
import { ensureGradientsRegistered, NESTEROV_UPDATE, registerWasmTrainingKernels } from '../../src/runtime';
import { NesterovSgd } from '../../src/uda/nesterov-sgd';

/** Shapes of resnet-mini's variables: a 3x3 kernel, a 1x1 projection, BN affine, the classifier. */
const SHAPES: Record<string, number[]> = {
  'stage1/conv/kernel': [3, 3, 16, 32],
  'stage1/proj/kernel': [1, 1, 16, 32],
  'stage1/bn/source/gamma': [32],
  'classifier/weight': [64, 3],
};

function values(size: number, seed: string, scale = 1): Float32Array {
  const random = seedrandom(seed);
  return Float32Array.from({ length: size }, () => (random() * 2 - 1) * scale);
}

/** Four optimizer steps from fixed values and gradients on one backend; every variable read back. */
async function stepsOn(backend: string): Promise<{ fused: boolean; values: Record<string, Float32Array> }> {
  await tf.setBackend(backend);
  const optimizer = new NesterovSgd({ learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4 });
  const variables = Object.fromEntries(
    Object.entries(SHAPES).map(([name, shape]) => [
      name,
      tf.tidy(() =>
        tf.variable(tf.tensor(values(tf.util.sizeFromShape(shape), name), shape), true, `${backend}/${name}`),
      ),
    ]),
  );
  for (let step = 0; step < 4; step++) {
    const gradients = Object.fromEntries(
      Object.entries(SHAPES).map(([name, shape]) => [
        name,
        tf.tensor(values(tf.util.sizeFromShape(shape), `${name}/${step}`, 3), shape),
      ]),
    );
    optimizer.applyGradients(variables, gradients);
    tf.dispose(Object.values(gradients));
  }
  const read = Object.fromEntries(
    Object.entries(variables).map(([name, v]) => [name, v.dataSync() as Float32Array]),
  );
  optimizer.dispose();
  tf.dispose(Object.values(variables));
  return { fused: tf.getKernel(NESTEROV_UPDATE, backend) !== undefined, values: read };
}

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  ensureGradientsRegistered();
  await tf.setBackend('wasm');
  registerWasmTrainingKernels();
});

test('the fused wasm Nesterov update is bit-identical to the composed update on the cpu backend', async () => {
  const wasm = await stepsOn('wasm');
  const cpu = await stepsOn('cpu');
  expect(wasm.fused).toBe(true);
  expect(cpu.fused).toBe(false);
  for (const name of Object.keys(SHAPES))
    expect(Array.from(wasm.values[name])).toEqual(Array.from(cpu.values[name]));
});

test('the fused update leaves no tensor behind', async () => {
  await stepsOn('wasm');
  const before = tf.memory().numTensors;
  await stepsOn('wasm');
  expect(tf.memory().numTensors).toBe(before);
});
