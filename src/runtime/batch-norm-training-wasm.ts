import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { isHeapBackend, type HeapBackend, type WasmKernelArguments } from './wasm-heap';

/** This project's kernels: batch norm in training mode over [b, h, w, c], and its gradient. */
export const BATCH_NORM_TRAINING = 'DeepAstroBatchNormTraining';
export const BATCH_NORM_TRAINING_GRAD = 'DeepAstroBatchNormTrainingGrad';

interface BatchNormAttrs {
  readonly epsilon: number;
}

function heapOf(backend: unknown, kernel: string): HeapBackend {
  if (!isHeapBackend(backend)) throw new Error(`${kernel} runs on the wasm backend only`);
  return backend;
}

/**
 * Per-channel mean and biased variance of x viewed as [n, c], in one pass: sums in double of x − s,
 * s the channel's first value, so that Σd² − (Σd)²/n does not cancel catastrophically.
 */
function moments(x: Float32Array, c: number): { mean: Float64Array; variance: Float64Array } {
  const n = x.length / c;
  const shift = Float64Array.from(x.subarray(0, c));
  const sum = new Float64Array(c);
  const sumSquares = new Float64Array(c);
  for (let row = 0; row < x.length; row += c) {
    for (let k = 0; k < c; k++) {
      const d = x[row + k] - shift[k];
      sum[k] += d;
      sumSquares[k] += d * d;
    }
  }
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    mean[k] = shift[k] + sum[k] / n;
    variance[k] = Math.max(0, (sumSquares[k] - (sum[k] * sum[k]) / n) / n);
  }
  return { mean, variance };
}

/**
 * Forward, training mode: inputs x [b, h, w, c], gamma [c], beta [c]; outputs y = x·scale + shift
 * (scale = γ/√(σ² + ε), shift = β − μ·scale), μ [c] and the biased σ² [c], as tf.moments gives them.
 * One pass over x for the moments, one for y, where tfjs composes about ten kernels.
 */
export const batchNormTrainingWasmConfig: KernelConfig = {
  kernelName: BATCH_NORM_TRAINING,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }: WasmKernelArguments) => {
    const heap = heapOf(backend, BATCH_NORM_TRAINING);
    const { x, gamma, beta } = inputs as Record<string, TensorInfo>;
    const { epsilon } = attrs as unknown as BatchNormAttrs;
    const c = x.shape[x.shape.length - 1];
    const outputs = [
      heap.makeOutput([...x.shape], 'float32'),
      ...[0, 1].map(() => heap.makeOutput([c], 'float32')),
    ];
    const [xs, gs, bs, ys, ms, vs] = [x, gamma, beta, ...outputs].map((t) => heap.typedArrayFromHeap(t));
    const { mean, variance } = moments(xs as Float32Array, c);
    const scale = new Float32Array(c);
    const shift = new Float32Array(c);
    for (let k = 0; k < c; k++) {
      scale[k] = gs[k] / Math.sqrt(variance[k] + epsilon);
      shift[k] = bs[k] - mean[k] * scale[k];
      ms[k] = mean[k];
      vs[k] = variance[k];
    }
    for (let row = 0; row < xs.length; row += c) {
      for (let k = 0; k < c; k++) ys[row + k] = xs[row + k] * scale[k] + shift[k];
    }
    return outputs;
  },
};

/**
 * Gradient: inputs dy, x [b, h, w, c], gamma, mean, variance [c]; outputs dx, dγ = Σ dy·x̂ and
 * dβ = Σ dy, with dx = γ/√(σ² + ε) · (dy − dβ/N − x̂·dγ/N), N = b·h·w: the gradient through the batch
 * moments as well. One pass for the two sums, one for dx.
 */
export const batchNormTrainingGradWasmConfig: KernelConfig = {
  kernelName: BATCH_NORM_TRAINING_GRAD,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }: WasmKernelArguments) => {
    const heap = heapOf(backend, BATCH_NORM_TRAINING_GRAD);
    const { dy, x, gamma, mean, variance } = inputs as Record<string, TensorInfo>;
    const { epsilon } = attrs as unknown as BatchNormAttrs;
    const c = x.shape[x.shape.length - 1];
    const outputs = [
      heap.makeOutput([...x.shape], 'float32'),
      ...[0, 1].map(() => heap.makeOutput([c], 'float32')),
    ];
    const [ds, xs, gs, ms, vs, dxs, dgs, dbs] = [dy, x, gamma, mean, variance, ...outputs].map((t) =>
      heap.typedArrayFromHeap(t),
    );
    const n = xs.length / c;
    const invStd = Float64Array.from({ length: c }, (_, k) => 1 / Math.sqrt(vs[k] + epsilon));
    const sumDy = new Float64Array(c);
    const sumDyXhat = new Float64Array(c);
    for (let row = 0; row < xs.length; row += c) {
      for (let k = 0; k < c; k++) {
        const g = ds[row + k];
        sumDy[k] += g;
        sumDyXhat[k] += g * (xs[row + k] - ms[k]) * invStd[k];
      }
    }
    for (let row = 0; row < xs.length; row += c) {
      for (let k = 0; k < c; k++) {
        const xhat = (xs[row + k] - ms[k]) * invStd[k];
        dxs[row + k] = gs[k] * invStd[k] * (ds[row + k] - sumDy[k] / n - (xhat * sumDyXhat[k]) / n);
      }
    }
    dgs.set(sumDyXhat);
    dbs.set(sumDy);
    return outputs;
  },
};

/** Batch norm in training mode: y and the batch moments the running statistics take. */
export interface BatchNormTrainingResult {
  readonly y: tf.Tensor4D;
  /** Detached copies, for the running statistics. */
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
}

/**
 * Batch norm of x in training mode through the fused kernels, where the active backend has them
 * (wasm); undefined elsewhere, for the caller's composed ops. Differentiable in x, gamma and beta.
 * @param x [b, h, w, c]
 * @param gamma [c]
 * @param beta [c]
 */
export function fusedBatchNormTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): BatchNormTrainingResult | undefined {
  if (tf.getKernel(BATCH_NORM_TRAINING, tf.getBackend()) === undefined) return undefined;
  const attrs = { epsilon } as unknown as NamedAttrMap;
  let moments: tf.Tensor[] = [];
  const forward = (input: tf.Tensor, scale: tf.Tensor, offset: tf.Tensor, save: tf.GradSaveFunc) => {
    const [y, mean, variance] = tf
      .engine()
      .runKernel(BATCH_NORM_TRAINING, { x: input, gamma: scale, beta: offset }, attrs) as tf.Tensor[];
    save([input, scale, mean, variance]);
    moments = [tf.keep(mean.clone()), tf.keep(variance.clone())];
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, gs, ms, vs] = saved;
        return tf
          .engine()
          .runKernel(
            BATCH_NORM_TRAINING_GRAD,
            { dy: dy as tf.Tensor, x: xs, gamma: gs, mean: ms, variance: vs },
            attrs,
          ) as tf.Tensor[];
      },
    };
  };
  const normalize = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  const y = normalize(x, gamma, beta) as tf.Tensor4D;
  const [mean, variance] = moments as [tf.Tensor1D, tf.Tensor1D];
  return { y, mean, variance };
}
