import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { batchNormSimdFor } from './batch-norm-simd';
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

/** A float32 tensor's address in the wasm memory. */
function pointer(heap: HeapBackend, info: TensorInfo): number {
  return heap.typedArrayFromHeap(info).byteOffset;
}

/** The outputs of both kernels (x-shaped, then two [c]), with x viewed as [rows, c]. */
function channelOutputs(heap: HeapBackend, x: TensorInfo) {
  const c = x.shape[x.shape.length - 1];
  const rows = tf.util.sizeFromShape(x.shape) / c;
  const outputs = [
    heap.makeOutput([...x.shape], 'float32'),
    ...[0, 1].map(() => heap.makeOutput([c], 'float32')),
  ];
  return { c, rows, outputs };
}

/**
 * Runs `pass` with per-channel scratch arrays on the wasm heap, freed afterwards: three zeroed float64
 * arrays of c (the double-precision sums) and `floats` float32 arrays of c. Allocate every output
 * before: an allocation may grow the memory and detach earlier views.
 */
function withChannelScratch<T>(
  heap: HeapBackend,
  c: number,
  floats: number,
  pass: (doubles: Float64Array[], singles: Float32Array[]) => T,
): T {
  const info = heap.makeOutput([(6 + floats) * c], 'float32');
  try {
    const { buffer, byteOffset } = heap.typedArrayFromHeap(info) as Float32Array;
    tf.util.assert(byteOffset % 8 === 0, () => `scratch at ${byteOffset}: not 8-aligned`);
    const doubles = [0, 1, 2].map((i) => new Float64Array(buffer, byteOffset + 8 * c * i, c).fill(0));
    const singles = Array.from(
      { length: floats },
      (_, i) => new Float32Array(buffer, byteOffset + 4 * c * (6 + i), c),
    );
    return pass(doubles, singles);
  } finally {
    heap.disposeData(info.dataId, true);
  }
}

/**
 * Forward, training mode: inputs x [b, h, w, c], gamma [c], beta [c]; outputs y = x·scale + shift
 * (scale = γ/√(σ² + ε), shift = β − μ·scale), μ [c] and the biased σ² [c], as tf.moments gives them.
 * Two SIMD passes over x (batch-norm-simd.wat): the moments, in double, of x − s (s the channel's
 * first value, so that Σd² − (Σd)²/n does not cancel catastrophically), then y.
 */
export const batchNormTrainingWasmConfig: KernelConfig = {
  kernelName: BATCH_NORM_TRAINING,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }: WasmKernelArguments) => {
    const heap = heapOf(backend, BATCH_NORM_TRAINING);
    const simd = batchNormSimdFor(backend);
    const { x, gamma, beta } = inputs as Record<string, TensorInfo>;
    const { epsilon } = attrs as unknown as BatchNormAttrs;
    const { c, rows, outputs } = channelOutputs(heap, x);
    withChannelScratch(heap, c, 2, ([shift, sum, sumSquares], [scale, offset]) => {
      const [xs, gs, bs, ms, vs] = [x, gamma, beta, outputs[1], outputs[2]].map((t) =>
        heap.typedArrayFromHeap(t),
      );
      shift.set(xs.subarray(0, c));
      simd.moments(xs.byteOffset, rows, c, shift.byteOffset, sum.byteOffset, sumSquares.byteOffset);
      for (let k = 0; k < c; k++) {
        const mean = shift[k] + sum[k] / rows;
        const variance = Math.max(0, (sumSquares[k] - (sum[k] * sum[k]) / rows) / rows);
        scale[k] = gs[k] / Math.sqrt(variance + epsilon);
        offset[k] = bs[k] - mean * scale[k];
        ms[k] = mean;
        vs[k] = variance;
      }
      simd.scale_shift(
        xs.byteOffset,
        pointer(heap, outputs[0]),
        rows,
        c,
        scale.byteOffset,
        offset.byteOffset,
        0,
      );
    });
    return outputs;
  },
};

/**
 * Gradient: inputs dy, x [b, h, w, c], gamma, mean, variance [c]; outputs dx, dγ = Σ dy·x̂ and
 * dβ = Σ dy, with dx = γ/√(σ² + ε) · (dy − dβ/N − x̂·dγ/N), N = b·h·w: the gradient through the batch
 * moments as well. Two SIMD passes: Σdy and S = Σdy·(x − μ) in double, then
 * dx = dy·a + (x − μ)·b + d with a = γ/√(σ² + ε), b = −a·S/(N·(σ² + ε)), d = −a·Σdy/N.
 */
export const batchNormTrainingGradWasmConfig: KernelConfig = {
  kernelName: BATCH_NORM_TRAINING_GRAD,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }: WasmKernelArguments) => {
    const heap = heapOf(backend, BATCH_NORM_TRAINING_GRAD);
    const simd = batchNormSimdFor(backend);
    const { dy, x, gamma, mean, variance } = inputs as Record<string, TensorInfo>;
    const { epsilon } = attrs as unknown as BatchNormAttrs;
    const { c, rows, outputs } = channelOutputs(heap, x);
    withChannelScratch(heap, c, 3, ([mean64, sumDy, sumDyX], [a, b, d]) => {
      const [ds, xs, gs, ms, vs, dxs, dgs, dbs] = [dy, x, gamma, mean, variance, ...outputs].map((t) =>
        heap.typedArrayFromHeap(t),
      );
      mean64.set(ms);
      simd.gradient_sums(
        ds.byteOffset,
        xs.byteOffset,
        rows,
        c,
        mean64.byteOffset,
        sumDy.byteOffset,
        sumDyX.byteOffset,
      );
      for (let k = 0; k < c; k++) {
        const invStd = 1 / Math.sqrt(vs[k] + epsilon);
        const gain = gs[k] * invStd;
        a[k] = gain;
        b[k] = (-gain * invStd * invStd * sumDyX[k]) / rows;
        d[k] = (-gain * sumDy[k]) / rows;
        dgs[k] = sumDyX[k] * invStd;
        dbs[k] = sumDy[k];
      }
      simd.input_gradient(
        ds.byteOffset,
        xs.byteOffset,
        dxs.byteOffset,
        rows,
        c,
        a.byteOffset,
        ms.byteOffset,
        b.byteOffset,
        d.byteOffset,
      );
    });
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
