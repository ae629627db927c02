import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import seedrandom from 'seedrandom';
import { ensureGradientsRegistered, registerWasmTrainingKernels } from '../../src/runtime';
import { convBackpropFilterBySimd } from '../../src/runtime/conv-backprop-filter-wasm';
import { convBackpropInputByPhases } from '../../src/runtime/conv-backprop-input-subpixel';

type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;
interface Case {
  readonly x: [number, number, number, number];
  readonly kernel: number;
  readonly outChannels: number;
  readonly stride: number;
  readonly pad: Pad;
}

const CASES: Case[] = [
  { x: [2, 8, 8, 3], kernel: 3, outChannels: 4, stride: 1, pad: 'same' },
  { x: [2, 9, 9, 3], kernel: 3, outChannels: 5, stride: 2, pad: 'same' },
  { x: [3, 8, 8, 4], kernel: 3, outChannels: 2, stride: 2, pad: 'same' },
  { x: [2, 10, 10, 2], kernel: 3, outChannels: 3, stride: 2, pad: 'valid' },
  { x: [2, 7, 6, 3], kernel: 3, outChannels: 4, stride: 1, pad: 'valid' },
  { x: [3, 8, 8, 4], kernel: 1, outChannels: 6, stride: 2, pad: 'same' },
  { x: [2, 5, 5, 4], kernel: 1, outChannels: 3, stride: 1, pad: 'valid' },
  { x: [2, 16, 16, 3], kernel: 7, outChannels: 4, stride: 2, pad: 'same' },
  { x: [2, 6, 6, 2], kernel: 7, outChannels: 3, stride: 1, pad: 'same' },
  { x: [2, 11, 11, 2], kernel: 7, outChannels: 2, stride: 2, pad: 'valid' },
  // the channel counts of the nets' strided convolutions (resnet-mini's stages, resnet18's stem), smaller
  { x: [1, 16, 16, 16], kernel: 3, outChannels: 32, stride: 2, pad: 'same' },
  { x: [1, 8, 8, 32], kernel: 1, outChannels: 64, stride: 2, pad: 'same' },
  { x: [1, 32, 32, 3], kernel: 7, outChannels: 8, stride: 2, pad: 'same' },
  // output channels in multiples of 8: the filter gradient's SIMD kernel (4 input channels at a time, then 1)
  { x: [2, 8, 8, 4], kernel: 3, outChannels: 8, stride: 1, pad: 'same' },
  { x: [2, 7, 9, 5], kernel: 3, outChannels: 16, stride: 2, pad: 'same' },
  { x: [2, 10, 10, 6], kernel: 3, outChannels: 8, stride: 2, pad: 'valid' },
  { x: [3, 5, 6, 8], kernel: 1, outChannels: 24, stride: 1, pad: 'valid' },
  {
    x: [2, 9, 8, 3],
    kernel: 3,
    outChannels: 8,
    stride: 2,
    pad: [
      [0, 0],
      [2, 1],
      [0, 2],
      [0, 0],
    ],
  },
  {
    x: [2, 8, 9, 2],
    kernel: 3,
    outChannels: 3,
    stride: 2,
    pad: [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0],
    ],
  },
];

const label = (c: Case) => `x [${c.x}], ${c.kernel}x${c.kernel}/${c.stride}, pad ${JSON.stringify(c.pad)}`;

function values(size: number, seed: string): Float32Array {
  const random = seedrandom(seed);
  return Float32Array.from({ length: size }, () => random() * 2 - 1);
}

/** Input gradient, filter gradient and tf.grad of sum(conv · r), all read back as arrays. */
async function gradientsOn(backend: string, c: Case): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  expect(tf.getBackend()).toBe(backend);
  return tf.tidy(() => {
    const filterShape: [number, number, number, number] = [c.kernel, c.kernel, c.x[3], c.outChannels];
    const x = tf.tensor4d(values(tf.util.sizeFromShape(c.x), 'x'), c.x);
    const w = tf.tensor4d(values(tf.util.sizeFromShape(filterShape), 'w'), filterShape);
    const y = tf.conv2d(x, w, c.stride, c.pad);
    const dy = tf.tensor4d(values(y.size, 'dy'), y.shape);
    const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC' } as unknown as tf.NamedAttrMap;
    const dx = tf
      .engine()
      .runKernel(tf.Conv2DBackpropInput, { dy, filter: w }, { ...attrs, inputShape: c.x }) as tf.Tensor;
    const dw = tf
      .engine()
      .runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs, filterShape }) as tf.Tensor;
    const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), dy)),
    )([x, w]);
    return [dx, dw, gx, gw].map((t) => t.dataSync() as Float32Array);
  });
}

function relativeError(actual: Float32Array, expected: Float32Array): number {
  const scale = Math.max(...expected.map(Math.abs), 1e-6);
  return Math.max(...actual.map((v, i) => Math.abs(v - expected[i]))) / scale;
}

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  ensureGradientsRegistered();
  await tf.setBackend('wasm');
  expect(registerWasmTrainingKernels()).toEqual([
    'Conv2DBackpropFilter',
    'Conv2DBackpropInput',
    'DeepAstroNesterovUpdate',
    'DeepAstroBatchNormTraining',
    'DeepAstroBatchNormTrainingGrad',
  ]);
});

describe('wasm convolution-gradient kernels agree with the cpu backend', () => {
  test.each(CASES.map((c) => [label(c), c] as const))(
    '%s: dx, dW and tf.grads within 1e-4 relative',
    async (_, c) => {
      const [dx, dw, gx, gw] = await gradientsOn('wasm', c);
      const [rdx, rdw, rgx, rgw] = await gradientsOn('cpu', c);
      const errors = [
        relativeError(dx, rdx),
        relativeError(dw, rdw),
        relativeError(gx, rgx),
        relativeError(gw, rgw),
      ];
      errors.forEach((e) => expect(e).toBeLessThan(1e-4));
    },
  );

  test.each([
    ['forward-convolution', 7],
    ['SIMD', CASES.findIndex((c) => c.outChannels % 8 === 0 && c.stride === 2 && c.pad === 'same')],
  ])('the kernels leave no tensor and no backend data behind (%s filter gradient)', async (_, index) => {
    await gradientsOn('wasm', CASES[1]);
    const before = tf.memory();
    await gradientsOn('wasm', CASES[index]);
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numDataBuffers).toBe(before.numDataBuffers);
  });

  test('filter gradients with output channels in multiples of 8 run in SIMD, the others by forward convolution', () => {
    const takesSimd = (c: Case) => {
      const filterShape: [number, number, number, number] = [c.kernel, c.kernel, c.x[3], c.outChannels];
      const info = tf.backend_util.computeConv2DInfo(c.x, filterShape, c.stride, 1, c.pad);
      const x = tf.zeros(c.x) as tf.Tensor4D;
      const dy = tf.zeros([c.x[0], info.outHeight, info.outWidth, c.outChannels]) as tf.Tensor4D;
      const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC' as const, filterShape };
      const dw = convBackpropFilterBySimd(tf.backend(), x, dy, attrs);
      tf.dispose([x, dy]);
      if (dw !== undefined) tf.backend().disposeData(dw.dataId);
      return dw !== undefined;
    };
    const simd = CASES.filter((c) => c.outChannels % 8 === 0);
    expect(simd.length).toBeGreaterThanOrEqual(8);
    expect(simd.map(takesSimd)).toEqual(simd.map(() => true));
    const others = CASES.filter((c) => !simd.includes(c));
    expect(others.map(takesSimd)).toEqual(others.map(() => false));
  });

  test('strided input gradients of even-sized inputs run by output phase, odd ones by zero insertion', () => {
    const takesPhases = (c: Case) => {
      const filterShape: [number, number, number, number] = [c.kernel, c.kernel, c.x[3], c.outChannels];
      const info = tf.backend_util.computeConv2DInfo(c.x, filterShape, c.stride, 1, c.pad);
      const dy = tf.zeros([c.x[0], info.outHeight, info.outWidth, c.outChannels]) as tf.Tensor4D;
      const dx = convBackpropInputByPhases(dy, tf.zeros(filterShape) as tf.Tensor4D, info);
      tf.dispose([dy, dx ?? []]);
      return dx !== undefined;
    };
    const strided = CASES.filter((c) => c.stride > 1);
    const even = strided.filter((c) => c.x[1] % 2 === 0 && c.x[2] % 2 === 0);
    expect(even.length).toBeGreaterThanOrEqual(6);
    expect(even.map(takesPhases)).toEqual(even.map(() => true));
    const odd = strided.filter((c) => !even.includes(c));
    expect(odd.map(takesPhases)).toEqual(odd.map(() => false));
  });

  test('only the wasm backend is touched: cpu keeps its own kernels', () => {
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'cpu')?.kernelFunc).not.toBe(
      tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')?.kernelFunc,
    );
  });
});
