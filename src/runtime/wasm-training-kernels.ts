import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterWasmConfig } from './conv-backprop-filter-wasm';
import { conv2DBackpropInputWasmConfig } from './conv-backprop-input-wasm';
import { nesterovUpdateWasmConfig } from './nesterov-update-wasm';
import { batchNormTrainingGradWasmConfig, batchNormTrainingWasmConfig } from './batch-norm-training-wasm';

/** The kernels this project registers for the wasm backend, by kernel name. */
export const WASM_TRAINING_KERNELS: readonly KernelConfig[] = [
  conv2DBackpropFilterWasmConfig,
  conv2DBackpropInputWasmConfig,
  nesterovUpdateWasmConfig,
  batchNormTrainingWasmConfig,
  batchNormTrainingGradWasmConfig,
];

/** What the wasm backend had before registration, to restore (benchmarks compare both). */
const shipped = new Map<string, KernelConfig | undefined>();

/**
 * Registers the kernels of WASM_TRAINING_KERNELS (convolution gradients, the fused optimizer update and batch norm) for the 'wasm' backend only
 * (native TensorFlow and the cpu backend keep theirs). Idempotent. Returns the kernel names.
 * @param kernelNames a subset to register; default all
 */
export function registerWasmTrainingKernels(kernelNames?: readonly string[]): string[] {
  const chosen = WASM_TRAINING_KERNELS.filter(
    (k) => kernelNames === undefined || kernelNames.includes(k.kernelName),
  );
  for (const config of chosen) {
    const current = tf.getKernel(config.kernelName, 'wasm');
    if (current === config) continue;
    if (!shipped.has(config.kernelName)) shipped.set(config.kernelName, current);
    // Unregister first: registerKernel would warn about replacing the shipped kernel.
    if (current !== undefined) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
  return chosen.map((k) => k.kernelName);
}

/**
 * Puts back the wasm backend's shipped kernels (none, for Conv2DBackpropFilter and the project's own
 * kernels), so benchmarks can compare with and without ours.
 * @param kernelNames a subset to put back; default all
 */
export function restoreShippedWasmKernels(kernelNames?: readonly string[]): void {
  for (const [kernelName, original] of shipped) {
    if (kernelNames !== undefined && !kernelNames.includes(kernelName)) continue;
    if (tf.getKernel(kernelName, 'wasm') !== undefined) tf.unregisterKernel(kernelName, 'wasm');
    if (original !== undefined) tf.registerKernel(original);
    shipped.delete(kernelName);
  }
}
