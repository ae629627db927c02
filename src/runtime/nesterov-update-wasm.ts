import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { isHeapBackend, type WasmKernelArguments } from './wasm-heap';

/** A kernel of this project's own: one Nesterov SGD update of one variable (see NesterovSgd). */
export const NESTEROV_UPDATE = 'DeepAstroNesterovUpdate';

export interface NesterovUpdateAttrs {
  readonly learningRate: number;
  readonly momentum: number;
  /** 0: no weight decay for this variable. */
  readonly weightDecay: number;
}

const f = Math.fround;

/**
 * In float32, operation by operation as the composite update rounds them, so the result is
 * bit-identical to it: a double holds a float32 product or sum exactly enough that rounding it to
 * float32 gives the correctly rounded float32 result.
 *   g ← g + wd·θ (wd > 0);  v ← μ·v + g;  θ ← θ − lr·(g + μ·v)
 */
function updateInPlace(
  theta: Float32Array,
  velocity: Float32Array,
  gradient: Float32Array,
  outTheta: Float32Array,
  outVelocity: Float32Array,
  attrs: NesterovUpdateAttrs,
): void {
  const [lr, mu, wd] = [f(attrs.learningRate), f(attrs.momentum), f(attrs.weightDecay)];
  const decayed = attrs.weightDecay > 0;
  for (let i = 0; i < theta.length; i++) {
    const g = decayed ? f(gradient[i] + f(theta[i] * wd)) : gradient[i];
    const v = f(f(velocity[i] * mu) + g);
    outVelocity[i] = v;
    outTheta[i] = f(theta[i] - f(f(g + f(v * mu)) * lr));
  }
}

/**
 * One kernel call instead of the seven elementwise kernels of the composite update: a resnet-mini
 * step updates about 60 variables, each a handful of small kernel calls.
 * Inputs: variable θ, velocity v, gradient g (float32, one shape). Outputs: [θ', v'].
 */
export const nesterovUpdateWasmConfig: KernelConfig = {
  kernelName: NESTEROV_UPDATE,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }: WasmKernelArguments): TensorInfo[] => {
    const { variable, velocity, gradient } = inputs as Record<string, TensorInfo>;
    if (!isHeapBackend(backend)) throw new Error(`${NESTEROV_UPDATE} runs on the wasm backend only`);
    tf.util.assert(
      [variable, velocity, gradient].every((t) => t.dtype === 'float32'),
      () => `${NESTEROV_UPDATE} needs float32 tensors, got ${variable.dtype}`,
    );
    const outTheta = backend.makeOutput([...variable.shape], 'float32');
    const outVelocity = backend.makeOutput([...variable.shape], 'float32');
    // Views after both outputs exist: allocating may grow (and so move) the heap.
    const view = (t: TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
    updateInPlace(
      view(variable),
      view(velocity),
      view(gradient),
      view(outTheta),
      view(outVelocity),
      attrs as unknown as NesterovUpdateAttrs,
    );
    return [outTheta, outVelocity];
  },
};
