import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../errors';
import { NESTEROV_UPDATE, type NesterovUpdateAttrs } from '../runtime';

export interface NesterovSgdOptions {
  /** @default 0.001 */
  readonly learningRate?: number;
  /** @default 0.9 */
  readonly momentum?: number;
  /** L2 coefficient added to the gradient of decayed variables. @default 5e-4 */
  readonly weightDecay?: number;
  /**
   * Which variables get weight decay, by variable name.
   * @default names containing "kernel" (convolution and dense kernels; not BN, biases or OVA/cosine scales)
   */
  readonly decays?: (variableName: string) => boolean;
}

/** Optimizer state as plain numbers, for a checkpoint. */
export interface NesterovSgdState {
  readonly learningRate: number;
  readonly step: number;
  /** Momentum buffer per variable name, row-major. */
  readonly accumulators: Readonly<
    Record<string, { readonly shape: number[]; readonly values: Float32Array }>
  >;
}

const decaysKernels = (name: string): boolean => /kernel/i.test(name);

/**
 * SGD with Nesterov momentum and weight decay, written out (rather than tf.train.momentum) so the
 * momentum buffers can be checkpointed and restored exactly. Same update as PyTorch's
 * `SGD(nesterov=True, weight_decay=wd)`:
 * `g ← g + wd·θ` (decayed variables only); `v ← μ·v + g`; `θ ← θ − lr·(g + μ·v)`.
 */
export class NesterovSgd {
  learningRate: number;
  readonly momentum: number;
  readonly weightDecay: number;
  private readonly decays: (variableName: string) => boolean;
  private readonly buffers = new Map<string, tf.Variable>();
  private steps = 0;

  constructor(options: NesterovSgdOptions = {}) {
    this.learningRate = options.learningRate ?? 0.001;
    this.momentum = options.momentum ?? 0.9;
    this.weightDecay = options.weightDecay ?? 5e-4;
    this.decays = options.decays ?? decaysKernels;
    if (!(this.learningRate > 0))
      throw new TrainingError(`learningRate must be > 0, got ${this.learningRate}`);
    if (!(this.momentum >= 0 && this.momentum < 1)) {
      throw new TrainingError(`momentum must be in [0, 1), got ${this.momentum}`);
    }
    if (!(this.weightDecay >= 0)) throw new TrainingError(`weightDecay must be ≥ 0, got ${this.weightDecay}`);
  }

  /** Steps taken so far. */
  get step(): number {
    return this.steps;
  }

  /**
   * One update of every variable that has a gradient. Gradients are not disposed (the caller owns them).
   * @param variables name → variable, e.g. every trainable variable of the model
   * @param gradients name → gradient of the same shape, as tf.variableGrads returns them
   */
  applyGradients(variables: Readonly<Record<string, tf.Variable>>, gradients: tf.NamedTensorMap): void {
    // The wasm backend has one fused kernel for the whole update, bit-identical to the ops below.
    const fused = tf.getKernel(NESTEROV_UPDATE, tf.getBackend()) !== undefined;
    tf.tidy(() => {
      for (const [name, gradient] of Object.entries(gradients)) {
        const variable = variables[name];
        if (variable === undefined) throw new TrainingError(`gradient for unknown variable "${name}"`);
        const decayed = this.decays(name) && this.weightDecay > 0;
        const buffer = this.buffer(name, variable);
        if (fused) this.fusedUpdate(variable, buffer, gradient, decayed);
        else this.composedUpdate(variable, buffer, gradient, decayed);
      }
    });
    this.steps += 1;
  }

  private composedUpdate(variable: tf.Variable, buffer: tf.Variable, gradient: tf.Tensor, decayed: boolean) {
    const g = decayed ? tf.add(gradient, tf.mul(variable, this.weightDecay)) : gradient;
    buffer.assign(tf.add(tf.mul(buffer, this.momentum), g));
    variable.assign(tf.sub(variable, tf.mul(tf.add(g, tf.mul(buffer, this.momentum)), this.learningRate)));
  }

  private fusedUpdate(variable: tf.Variable, buffer: tf.Variable, gradient: tf.Tensor, decayed: boolean) {
    const attrs: NesterovUpdateAttrs = {
      learningRate: this.learningRate,
      momentum: this.momentum,
      weightDecay: decayed ? this.weightDecay : 0,
    };
    const [theta, velocity] = tf
      .engine()
      .runKernel(
        NESTEROV_UPDATE,
        { variable, velocity: buffer, gradient },
        attrs as unknown as tf.NamedAttrMap,
      ) as tf.Tensor[];
    buffer.assign(velocity);
    variable.assign(theta);
  }

  private buffer(name: string, variable: tf.Variable): tf.Variable {
    let buffer = this.buffers.get(name);
    if (buffer === undefined) {
      buffer = tf.tidy(() => tf.variable(tf.zerosLike(variable), false));
      this.buffers.set(name, buffer);
    }
    return buffer;
  }

  async getState(): Promise<NesterovSgdState> {
    const accumulators: Record<string, { shape: number[]; values: Float32Array }> = {};
    for (const [name, buffer] of this.buffers) {
      accumulators[name] = { shape: [...buffer.shape], values: (await buffer.data()) as Float32Array };
    }
    return { learningRate: this.learningRate, step: this.steps, accumulators };
  }

  /** Replaces learning rate, step count and every momentum buffer with a checkpoint's. */
  setState(state: NesterovSgdState): void {
    this.disposeBuffers();
    for (const [name, { shape, values }] of Object.entries(state.accumulators)) {
      const size = shape.reduce((product, extent) => product * extent, 1);
      if (values.length !== size) {
        throw new TrainingError(
          `optimizer state for "${name}" holds ${values.length} values, shape [${shape}]`,
        );
      }
      this.buffers.set(
        name,
        tf.tidy(() => tf.variable(tf.tensor(values, shape), false)),
      );
    }
    this.learningRate = state.learningRate;
    this.steps = state.step;
  }

  dispose(): void {
    this.disposeBuffers();
  }

  private disposeBuffers(): void {
    for (const buffer of this.buffers.values()) buffer.dispose();
    this.buffers.clear();
  }
}
