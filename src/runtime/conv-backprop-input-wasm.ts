import * as tf from '@tensorflow/tfjs-core';
import { backend_util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { convBackpropInputByPhases } from './conv-backprop-input-subpixel';
import type { ConvGradientAttrs } from './conv-gradient-attrs';
import { isHeapBackend, type WasmKernelArguments } from './wasm-heap';

/** The attributes tfjs passes to Conv2DBackpropInput. */
export interface ConvBackpropInputAttrs extends ConvGradientAttrs {
  readonly inputShape: [number, number, number, number];
}

/**
 * dy [n, h', w', c] with (stride − 1) zeros inserted between neighbours along h and w:
 * [n, (h' − 1)·sh + 1, (w' − 1)·sw + 1, c].
 */
function insertZeros(dy: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return dy;
  const [n, h, w, c] = dy.shape;
  const spread = tf.pad(tf.reshape(dy, [n, h, 1, w, 1, c]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  const size: [number, number, number, number] = [n, (h - 1) * sh + 1, (w - 1) * sw + 1, c];
  return tf.slice(tf.reshape(spread, [n, h * sh, w * sw, c]) as tf.Tensor4D, [0, 0, 0, 0], size);
}

/** Padding before/after one spatial axis of the zero-inserted dy, and where the input gradient starts. */
function axisPlan(inSize: number, kernel: number, padBefore: number, spreadSize: number) {
  const before = kernel - 1 - padBefore; // may be negative when the forward pad exceeded kernel − 1
  const padStart = Math.max(0, before);
  const offset = Math.max(0, -before);
  const padEnd = Math.max(0, offset + inSize + kernel - 1 - padStart - spreadSize);
  return { padStart, padEnd, offset };
}

/** to[tap, o, i] = from[taps − 1 − tap, i, o]: reversing both spatial axes reverses the flattened tap index. */
function flipAndSwapInto(from: Float32Array, to: Float32Array, taps: number, ci: number, co: number): void {
  const block = ci * co;
  for (let tap = 0; tap < taps; tap++) {
    const source = (taps - 1 - tap) * block;
    const target = tap * block;
    for (let i = 0; i < ci; i++) {
      const row = source + i * co;
      for (let o = 0; o < co; o++) to[target + o * ci + i] = from[row + o];
    }
  }
}

/**
 * flip_hw(W) with in/out channels swapped, [kh, kw, ci, co] → [kh, kw, co, ci], in one pass over the
 * filter's values: out[kh − 1 − p, kw − 1 − q, o, i] = W[p, q, i, o]. A copy, so exactly equal to
 * transpose(reverse(W, [0, 1]), [0, 1, 3, 2]), without the wasm backend's slow Reverse kernel (12 % of
 * a resnet18 step). On the wasm backend it reads and writes the heap directly.
 */
export function flipAndSwapFilter(filter: tf.Tensor4D, backend?: unknown): tf.Tensor4D {
  const [kh, kw, ci, co] = filter.shape;
  if (filter.dtype !== 'float32') return tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
  const shape: [number, number, number, number] = [kh, kw, co, ci];
  if (isHeapBackend(backend)) {
    const out = backend.makeOutput(shape, 'float32'); // may grow the heap: take the views after it
    const from = backend.typedArrayFromHeap(filter) as Float32Array;
    flipAndSwapInto(from, backend.typedArrayFromHeap(out) as Float32Array, kh * kw, ci, co);
    return tf.engine().makeTensorFromTensorInfo(out) as tf.Tensor4D;
  }
  const flipped = new Float32Array(filter.size);
  flipAndSwapInto(filter.dataSync() as Float32Array, flipped, kh * kw, ci, co);
  return tf.tensor4d(flipped, shape, 'float32');
}

/**
 * The input gradient of a 2-D convolution as one forward convolution on the backend's Conv2D: for
 * strides > 1 by output phase where that fits (convBackpropInputByPhases), else
 *   dx = conv(pad(zeroInsert(dy)), flip_hw(W) with in/out channels swapped), stride 1.
 * @param dy [n, h', w', co] gradient of the forward output
 * @param filter [kh, kw, ci, co] the forward filter
 * @param backend the kernel's backend; the wasm backend's heap is read and written directly
 * @returns [n, h, w, ci]
 */
export function convBackpropInputByForwardConv(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  attrs: ConvBackpropInputAttrs,
  backend?: unknown,
): tf.Tensor4D {
  tf.util.assert(
    attrs.dataFormat === 'NHWC',
    () => `Conv2DBackpropInput supports NHWC only, got ${attrs.dataFormat}`,
  );
  const [n, h, w, ci] = attrs.inputShape;
  const [kh, kw] = filter.shape;
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const byPhases = convBackpropInputByPhases(dy, filter, info, backend);
  if (byPhases !== undefined) return byPhases;
  return tf.tidy(() => {
    const spread = insertZeros(dy, info.strideHeight, info.strideWidth);
    const rows = axisPlan(h, kh, info.padInfo.top, spread.shape[1]);
    const cols = axisPlan(w, kw, info.padInfo.left, spread.shape[2]);
    const padding: backend_util.ExplicitPadding = [
      [0, 0],
      [rows.padStart, rows.padEnd],
      [cols.padStart, cols.padEnd],
      [0, 0],
    ];
    const flipped = flipAndSwapFilter(filter, backend);
    const full = tf.conv2d(spread, flipped, 1, padding);
    const exact = full.shape[1] === h && full.shape[2] === w && rows.offset === 0 && cols.offset === 0;
    return exact ? full : tf.slice(full, [0, rows.offset, cols.offset, 0], [n, h, w, ci]);
  });
}

/** Replaces the wasm backend's Conv2DBackpropInput, which took about two thirds of a training step. */
export const conv2DBackpropInputWasmConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }: WasmKernelArguments): TensorInfo => {
    const { dy, filter } = inputs as unknown as { dy: tf.Tensor4D; filter: tf.Tensor4D };
    return convBackpropInputByForwardConv(dy, filter, attrs as unknown as ConvBackpropInputAttrs, backend);
  },
};
