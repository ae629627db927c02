import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import seedrandom from 'seedrandom';
import {
  ensureGradientsRegistered,
  fusedBatchNormTraining,
  registerWasmTrainingKernels,
} from '../../src/runtime';

const EPSILON = 1e-5;
/** Activation shapes of resnet-mini's stages (smaller batches), and an odd one. */
const SHAPES: [number, number, number, number][] = [
  [8, 32, 32, 16],
  [8, 16, 16, 32],
  [8, 8, 8, 64],
  [3, 5, 7, 5],
];

function values(size: number, seed: string, offset = 0): Float32Array {
  const random = seedrandom(seed);
  return Float32Array.from({ length: size }, () => random() * 4 - 2 + offset);
}

/** Textbook batch norm from tf.moments, on whatever backend is active. */
function composed(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D) {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  const y = tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, EPSILON))), gamma), beta);
  return { y: y as tf.Tensor4D, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}

/** y, the moments, and the gradients of sum(y · r) in x, gamma and beta, read back. */
async function run(backend: string, shape: [number, number, number, number]) {
  await tf.setBackend(backend);
  const c = shape[3];
  const kept: tf.Tensor[] = []; // the fused op's detached moments, which the caller disposes
  let arrays: Float32Array[] = [];
  tf.tidy(() => {
    const x = tf.tensor4d(values(tf.util.sizeFromShape(shape), 'x', 0.5), shape);
    const gamma = tf.tensor1d(values(c, 'gamma', 1));
    const beta = tf.tensor1d(values(c, 'beta'));
    const r = tf.tensor4d(values(x.size, 'r'), shape);
    const forward = (a: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => {
      const fused = fusedBatchNormTraining(a, g, b, EPSILON);
      if (fused) kept.push(fused.mean, fused.variance);
      return fused ?? composed(a, g, b);
    };
    const out = forward(x, gamma, beta);
    const grads = tf.grads((a, g, b) =>
      tf.sum(tf.mul(forward(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D).y, r)),
    )([x, gamma, beta]);
    arrays = [out.y, out.mean, out.variance, ...grads].map((t) => t.dataSync() as Float32Array);
  });
  const fused = kept.length > 0;
  tf.dispose(kept);
  return { fused, arrays };
}

function relativeError(actual: Float32Array, expected: Float32Array): number {
  let scale = 1e-6;
  let error = 0;
  expected.forEach((e, i) => {
    scale = Math.max(scale, Math.abs(e));
    error = Math.max(error, Math.abs(actual[i] - e));
  });
  return error / scale;
}

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  ensureGradientsRegistered();
  await tf.setBackend('wasm');
  registerWasmTrainingKernels();
});

test.each(SHAPES.map((s) => [`[${s}]`, s] as const))(
  'fused wasm batch norm %s: y, moments and dx, dgamma, dbeta match tf.moments on the cpu backend within 1e-4',
  async (_, shape) => {
    const wasm = await run('wasm', shape);
    const cpu = await run('cpu', shape);
    expect(wasm.fused).toBe(true);
    expect(cpu.fused).toBe(false);
    wasm.arrays.forEach((array, i) => expect(relativeError(array, cpu.arrays[i])).toBeLessThan(1e-4));
  },
);

test('the fused batch norm and its gradient leave no tensor behind', async () => {
  await run('wasm', SHAPES[3]);
  const before = tf.memory().numTensors;
  await run('wasm', SHAPES[3]);
  expect(tf.memory().numTensors).toBe(before);
});
