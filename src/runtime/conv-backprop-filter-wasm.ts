import * as tf from '@tensorflow/tfjs-core';
import { backend_util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { ConvGradientAttrs } from './conv-gradient-attrs';
import { convFilterGradientSimdFor } from './conv-filter-gradient-simd';
import { callKernel, FILTER_GRADIENT_PARTS, filterGradientHelpersFor } from './filter-gradient-parts';
import { isHeapBackend, type WasmKernelArguments } from './wasm-heap';

/** The attributes tfjs passes to Conv2DBackpropFilter (see the Conv2D gradient in tfjs-core). */
export interface ConvBackpropFilterAttrs extends ConvGradientAttrs {
  readonly filterShape: [number, number, number, number];
}

/** The forward convolution's geometry (output size, padding) that both forms of the gradient follow. */
function convInfoOf(x: tf.Tensor4D, attrs: ConvBackpropFilterAttrs): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(
    x.shape,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
}

/**
 * The filter gradient of a 2-D convolution as one forward convolution, so that it runs on the backend's
 * own (XNNPACK) Conv2D:
 *   dW[p, q, ci, co] = Σ_{n,i,j} xpad[n, i·s + p, j·s + q, ci] · dy[n, i, j, co]
 * is a stride-1 convolution of x transposed to [ci, h, w, n] (the batch becomes the channels) with dy
 * transposed to [h', w', n, co] as the filter, dilated by the stride, padded like the forward pass;
 * its [ci, ≥kh, ≥kw, co] output is cropped to [ci, kh, kw, co] and transposed to [kh, kw, ci, co].
 * @param x [n, h, w, ci] the forward input
 * @param dy [n, h', w', co] the gradient of the forward output
 * @returns [kh, kw, ci, co]
 */
export function convBackpropFilterByForwardConv(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  attrs: ConvBackpropFilterAttrs,
): tf.Tensor4D {
  tf.util.assert(
    attrs.dataFormat === 'NHWC',
    () => `Conv2DBackpropFilter supports NHWC only, got ${attrs.dataFormat}`,
  );
  const [kh, kw, ci, co] = attrs.filterShape;
  const info = convInfoOf(x, attrs);
  const { top, bottom, left, right } = info.padInfo;
  return tf.tidy(() => {
    const xByChannel = tf.transpose(x, [3, 1, 2, 0]);
    const dyAsFilter = tf.transpose(dy, [1, 2, 0, 3]);
    const padding: backend_util.ExplicitPadding = [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ];
    const dilations: [number, number] = [info.strideHeight, info.strideWidth];
    const full = tf.conv2d(xByChannel, dyAsFilter, 1, padding, 'NHWC', dilations);
    const cropped =
      full.shape[1] === kh && full.shape[2] === kw ? full : tf.slice(full, [0, 0, 0, 0], [ci, kh, kw, co]);
    return tf.transpose(cropped, [1, 2, 0, 3]);
  });
}

/** The SIMD kernel's output channels go 8 at a time. */
const OUTPUT_CHANNEL_BLOCK = 8;

/**
 * The filter gradient by conv-filter-gradient-simd.wat, straight from x and dy in NHWC (x padded first
 * where the forward pass pads): no transposes, dy never packed as a filter. Undefined where it does
 * not apply (not the wasm backend, NCHW, or co not a multiple of 8); the caller then takes the
 * forward-convolution form.
 */
export function convBackpropFilterBySimd(
  backend: unknown,
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  attrs: ConvBackpropFilterAttrs,
): TensorInfo | undefined {
  const [kh, kw, ci, co] = attrs.filterShape;
  if (!isHeapBackend(backend) || attrs.dataFormat !== 'NHWC' || co % OUTPUT_CHANNEL_BLOCK !== 0) {
    return undefined;
  }
  const info = convInfoOf(x, attrs);
  const { top, bottom, left, right } = info.padInfo;
  const padded = top + bottom + left + right > 0;
  const xp = padded
    ? tf.pad(x, [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ])
    : x;
  try {
    const n = x.shape[0];
    const size = kh * kw * ci * co;
    const parts = Math.min(FILTER_GRADIENT_PARTS, n);
    const dw = backend.makeOutput([kh, kw, ci, co], 'float32');
    const partials = parts > 1 ? backend.makeOutput([parts * size], 'float32') : dw;
    try {
      backend.typedArrayFromHeap(partials).fill(0);
      const [xAt, dyAt, partialsAt] = [xp, dy, partials].map((t) => backend.typedArrayFromHeap(t).byteOffset);
      const [hp, wp, ho, wo] = [xp.shape[1], xp.shape[2], info.outHeight, info.outWidth];
      const jobs = Array.from({ length: ho > 0 && wo > 0 ? parts : 0 }, (_, part) => {
        const [first, end] = [part, part + 1].map((k) => Math.floor((k * n) / parts));
        return [
          xAt + 4 * first * hp * wp * ci,
          dyAt + 4 * first * ho * wo * co,
          partialsAt + 4 * part * size,
          ...[end - first, hp, wp, ci, ho, wo, co, kh, kw, info.strideHeight, info.strideWidth],
        ];
      });
      const kernel = convFilterGradientSimdFor(backend);
      const helpers = filterGradientHelpersFor(backend);
      if (helpers) helpers.run(kernel, jobs);
      else for (const args of jobs) callKernel(kernel, args);
      if (parts > 1)
        sumParts(
          backend.typedArrayFromHeap(partials) as Float32Array,
          backend.typedArrayFromHeap(dw) as Float32Array,
          parts,
        );
    } finally {
      if (partials !== dw) backend.disposeData(partials.dataId, true);
    }
    return dw;
  } finally {
    if (padded) xp.dispose();
  }
}

/** out = Σ_k partials[k] over the parts in order (float32 additions): the same bits on any thread count. */
function sumParts(partials: Float32Array, out: Float32Array, parts: number): void {
  const size = out.length;
  out.set(partials.subarray(0, size));
  for (let k = 1; k < parts; k++) {
    const part = partials.subarray(k * size, (k + 1) * size);
    for (let i = 0; i < size; i++) out[i] += part[i];
  }
}

/** Conv2DBackpropFilter for the wasm backend, which tfjs 4.22 does not ship: SIMD where it applies. */
export const conv2DBackpropFilterWasmConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }: WasmKernelArguments): TensorInfo => {
    const { x, dy } = inputs as unknown as { x: tf.Tensor4D; dy: tf.Tensor4D };
    const convAttrs = attrs as unknown as ConvBackpropFilterAttrs;
    return (
      convBackpropFilterBySimd(backend, x, dy, convAttrs) ?? convBackpropFilterByForwardConv(x, dy, convAttrs)
    );
  },
};
