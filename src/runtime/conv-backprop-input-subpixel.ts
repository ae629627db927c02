import * as tf from '@tensorflow/tfjs-core';
import type { backend_util } from '@tensorflow/tfjs-core';
import { isHeapBackend } from './wasm-heap';

/**
 * One spatial axis of a strided convolution's input gradient split by output phase. For dx[s·q + ρ]
 * (ρ the phase), only the forward taps p ≡ ρ + padBefore (mod s) reach it, from dy[q + δ(ρ) − t] with
 * p = r(ρ) + s·t; across phases these are one stride-1 correlation of dy (padded by `padBefore`,
 * `padAfter`) over a window of `window` taps.
 */
interface PhaseAxis {
  readonly window: number;
  readonly padBefore: number;
  readonly padAfter: number;
  /** The forward filter's tap that window position j carries for phase ρ, or −1 for none. */
  readonly tapOf: (phase: number, j: number) => number;
}

/** undefined where the split does not fit without a crop (an input size not a multiple of s, ...). */
function phaseAxis(inSize: number, kernel: number, stride: number, pad: number, outSize: number) {
  if (inSize % stride !== 0 || pad < 0) return undefined;
  const blocks = inSize / stride;
  const delta = (phase: number) => Math.floor((phase + pad) / stride);
  const taps = Math.ceil(kernel / stride);
  const padBefore = taps - 1 - delta(0);
  const window = taps + delta(stride - 1) - delta(0);
  const padAfter = blocks + window - 1 - padBefore - outSize;
  if (padBefore < 0 || padAfter < 0) return undefined;
  const tapOf = (phase: number, j: number) => {
    const t = delta(phase) + padBefore - j;
    const tap = ((phase + pad) % stride) + stride * t;
    return t >= 0 && tap < kernel ? tap : -1;
  };
  return { window, padBefore, padAfter, tapOf } satisfies PhaseAxis;
}

/**
 * to[jh, jw, o, (ρh·s + ρw)·ci + i] = from[tap_h, tap_w, i, o], 0 where a phase has no tap there: the
 * filters of all s² phases side by side along the output channels, in depthToSpace's channel order.
 */
function phaseFilterInto(
  from: Float32Array,
  to: Float32Array,
  [, kw, ci, co]: readonly number[],
  s: number,
  rows: PhaseAxis,
  cols: PhaseAxis,
): void {
  const outChannels = s * s * ci;
  for (let jh = 0; jh < rows.window; jh++) {
    for (let jw = 0; jw < cols.window; jw++) {
      const base = (jh * cols.window + jw) * co * outChannels;
      for (let ph = 0; ph < s; ph++) {
        const p = rows.tapOf(ph, jh);
        for (let pw = 0; pw < s; pw++) {
          const q = cols.tapOf(pw, jw);
          if (p < 0 || q < 0) continue;
          const channel = (ph * s + pw) * ci;
          const source = (p * kw + q) * ci * co;
          for (let i = 0; i < ci; i++) {
            for (let o = 0; o < co; o++) to[base + o * outChannels + channel + i] = from[source + i * co + o];
          }
        }
      }
    }
  }
}

function phaseFilter(filter: tf.Tensor4D, s: number, rows: PhaseAxis, cols: PhaseAxis, backend: unknown) {
  const [, , ci, co] = filter.shape;
  const shape: [number, number, number, number] = [rows.window, cols.window, co, s * s * ci];
  if (isHeapBackend(backend)) {
    const out = backend.makeOutput(shape, 'float32'); // may grow the heap: take the views after it
    const to = backend.typedArrayFromHeap(out) as Float32Array;
    to.fill(0);
    phaseFilterInto(backend.typedArrayFromHeap(filter) as Float32Array, to, filter.shape, s, rows, cols);
    return tf.engine().makeTensorFromTensorInfo(out) as tf.Tensor4D;
  }
  const to = new Float32Array(tf.util.sizeFromShape(shape));
  phaseFilterInto(filter.dataSync() as Float32Array, to, filter.shape, s, rows, cols);
  return tf.tensor4d(to, shape, 'float32');
}

/**
 * The input gradient of a convolution with equal strides s > 1 as one stride-1 convolution of dy
 * (no zeros inserted, so no multiply by zero) with the s² phases' filters side by side, then
 * depthToSpace: [n, h/s, w/s, s²·ci] → [n, h, w, ci] (as a transpose). The crop of the zero-insertion form is folded
 * into the padding. undefined where it does not apply (unequal strides, h or w not a multiple of s).
 * @param dy [n, h', w', co]
 * @param filter [kh, kw, ci, co]
 * @returns [n, h, w, ci]
 */
export function convBackpropInputByPhases(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  info: backend_util.Conv2DInfo,
  backend?: unknown,
): tf.Tensor4D | undefined {
  const s = info.strideHeight;
  if (s !== info.strideWidth || s === 1 || filter.dtype !== 'float32') return undefined;
  const [kh, kw] = filter.shape;
  const rows = phaseAxis(info.inHeight, kh, s, info.padInfo.top, dy.shape[1]);
  const cols = phaseAxis(info.inWidth, kw, s, info.padInfo.left, dy.shape[2]);
  if (rows === undefined || cols === undefined) return undefined;
  return tf.tidy(() => {
    const phases = phaseFilter(filter, s, rows, cols, backend);
    const padding: backend_util.ExplicitPadding = [
      [0, 0],
      [rows.padBefore, rows.padAfter],
      [cols.padBefore, cols.padAfter],
      [0, 0],
    ];
    const byPhase = tf.conv2d(dy, phases, 1, padding);
    const [n, blocksH, blocksW, channels] = byPhase.shape;
    // depthToSpace as a rank-4 transpose: the wasm backend's DepthToSpace kernel is 100 times slower
    const spread = tf.transpose(tf.reshape(byPhase, [n * blocksH, blocksW, s, channels / s]), [0, 2, 1, 3]);
    return tf.reshape(spread, [n, info.inHeight, info.inWidth, info.inChannels]);
  });
}
