import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ensureGradientsRegistered } from '../../src/runtime/register-gradients';

/** Selects the deterministic pure-JS backend for a test file, with tfjs-core's gradients registered. */
export async function useCpuBackend(): Promise<void> {
  tf.env().set('IS_TEST', true); // silences tfjs's "install the node backend" banner
  await tf.setBackend('cpu');
  ensureGradientsRegistered();
}

/** Central finite differences of a scalar function of one tensor, entry by entry. */
export function numericGradient(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, epsilon = 1e-2): Float32Array {
  const base = x.dataSync().slice();
  const gradient = new Float32Array(base.length);
  for (let i = 0; i < base.length; i += 1) {
    const shifted = (delta: number): number =>
      tf.tidy(() => {
        const values = base.slice();
        values[i] += delta;
        return f(tf.tensor(values, x.shape)).dataSync()[0];
      });
    gradient[i] = (shifted(epsilon) - shifted(-epsilon)) / (2 * epsilon);
  }
  return gradient;
}

/** Asserts tf.grad agrees with finite differences, relative to the gradient's scale. */
export function expectGradientMatchesFiniteDifferences(
  f: (x: tf.Tensor) => tf.Scalar,
  x: tf.Tensor,
  tolerance = 2e-2,
  epsilon = 1e-2,
): void {
  const analytic = tf.tidy(() => tf.grad(f)(x).dataSync().slice());
  const numeric = numericGradient(f, x, epsilon);
  const scale = Math.max(1e-3, ...Array.from(numeric, Math.abs));
  const worst = Math.max(...Array.from(analytic, (value, i) => Math.abs(value - numeric[i])));
  expect(worst / scale).toBeLessThan(tolerance);
  expect(scale).toBeGreaterThan(1e-3); // a vanishing gradient would pass any comparison
}

/** Asserts that calling f repeatedly leaves the number of live tensors unchanged. */
export function expectNoTensorLeak(f: () => void, repeats = 5): void {
  f();
  const before = tf.memory().numTensors;
  for (let i = 0; i < repeats; i += 1) f();
  expect(tf.memory().numTensors).toBe(before);
}

/** Plain-JS softmax of one row, for hand-computed expectations. */
export function softmaxRow(row: readonly number[]): number[] {
  const top = Math.max(...row);
  const exps = row.map((value) => Math.exp(value - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}

/** Plain-JS Shannon entropy in nats. */
export function entropyOf(probs: readonly number[]): number {
  return -probs.reduce((sum, p) => sum + (p > 0 ? p * Math.log(p) : 0), 0);
}

/** A seeded random tensor for gradient checks. */
export function randomTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), scale));
}
