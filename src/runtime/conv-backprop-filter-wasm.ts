import * as tf from '@tensorflow/tfjs-core';
import { backend_util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { ConvGradientAttrs } from './conv-gradient-attrs';
import { convFilterGradientSimdFor } from './conv-filter-gradient-simd';
import { isHeapBackend, type WasmKernelArguments } from './wasm-heap';

/** The attributes tfjs passes to Conv2DBackpropFilter (see the Conv2D gradient in tfjs-core). */
export interface ConvBackpropFilterAttrs extends ConvGradientAttrs {
  readonly filterShape: [number, number, number, number];
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
  const info = backend_util.computeConv2DInfo(
    x.shape,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
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
  const info = backend_util.computeConv2DInfo(
    x.shape,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
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
    const dw = backend.makeOutput([kh, kw, ci, co], 'float32');
    const pointer = (t: TensorInfo) => backend.typedArrayFromHeap(t).byteOffset;
    backend.typedArrayFromHeap(dw).fill(0);
    if (info.outHeight > 0 && info.outWidth > 0 && x.shape[0] > 0) {
      convFilterGradientSimdFor(backend).filter_gradient(
        pointer(xp),
        pointer(dy),
        pointer(dw),
        x.shape[0],
        xp.shape[1],
        xp.shape[2],
        ci,
        info.outHeight,
        info.outWidth,
        co,
        kh,
        kw,
        info.strideHeight,
        info.strideWidth,
      );
    }
    return dw;
  } finally {
    if (padded) xp.dispose();
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
