import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../model/l2-normalize';
import { TrainingError } from '../errors';
import type { Domain } from '../data/dataset';

/** A memory bank as plain numbers, for checkpoints. */
export interface MemoryBankState {
  readonly domain: Domain;
  readonly size: number;
  readonly dim: number;
  readonly momentum: number;
  /** [size, dim] row-major. */
  readonly features: Float32Array;
}

/**
 * L2-normalized features of every sample of one domain, indexed by sample id (row i holds sample i of
 * the domain's training set). After each step the batch's rows move toward the new features:
 * `M[i] ← normalize(μ·M[i] + (1−μ)·f_i)`. Held on the backend as a non-trainable variable, so reading it
 * in a loss costs no copy and optimizers never touch it.
 */
export class MemoryBank {
  private readonly variable: tf.Variable<tf.Rank.R2>;

  private constructor(
    readonly domain: Domain,
    initial: tf.Tensor2D,
    readonly momentum: number,
    normalize = true,
  ) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new TrainingError(`memory bank momentum must be in [0, 1), got ${momentum}`);
    }
    this.variable = tf.tidy(() => tf.variable(normalize ? l2Normalize(initial) : initial, false));
  }

  /** A bank of random unit vectors (DANCE's initialization), reproducible under `seed`. */
  static random(domain: Domain, size: number, dim: number, momentum: number, seed: number): MemoryBank {
    const initial = tf.randomNormal([size, dim], 0, 1, 'float32', seed) as tf.Tensor2D;
    try {
      return new MemoryBank(domain, initial, momentum);
    } finally {
      initial.dispose();
    }
  }

  /** A bank starting from given features, e.g. a first pass over the data. @param features [size, dim] */
  static fromFeatures(domain: Domain, features: tf.Tensor2D, momentum: number): MemoryBank {
    return new MemoryBank(domain, features, momentum);
  }

  static fromState(state: MemoryBankState): MemoryBank {
    if (state.features.length !== state.size * state.dim) {
      throw new TrainingError(
        `memory bank state holds ${state.features.length} values, expected ${state.size}×${state.dim}`,
      );
    }
    const initial = tf.tensor2d(state.features, [state.size, state.dim]);
    try {
      return new MemoryBank(state.domain, initial, state.momentum, false);
    } finally {
      initial.dispose();
    }
  }

  get size(): number {
    return this.variable.shape[0];
  }

  get dim(): number {
    return this.variable.shape[1];
  }

  /** [size, dim] the bank itself (not a copy): do not dispose it. */
  get features(): tf.Tensor2D {
    return this.variable;
  }

  /**
   * Moves the rows of a batch toward its new features. Call it after the step, outside tf.variableGrads.
   * @param indices [b] int32 sample ids, distinct within the batch
   * @param features [b, dim] new features of those samples (normalized here)
   */
  update(indices: tf.Tensor1D, features: tf.Tensor2D): void {
    tf.tidy(() => {
      const ids = tf.cast(indices, 'int32');
      const old = tf.gather(this.variable, ids);
      const fresh = l2Normalize(features);
      const moved = l2Normalize(tf.add(tf.mul(old, this.momentum), tf.mul(fresh, 1 - this.momentum)));
      const rowIds = tf.reshape(ids, [-1, 1]) as tf.Tensor2D;
      const touched = tf.scatterND(rowIds, tf.ones([ids.shape[0], 1]), [this.size, 1]);
      const kept = tf.mul(this.variable, tf.sub(1, touched));
      this.variable.assign(tf.add(kept, tf.scatterND(rowIds, moved, this.variable.shape)) as tf.Tensor2D);
    });
  }

  /** The bank as plain numbers, for a checkpoint. */
  async getState(): Promise<MemoryBankState> {
    const features = (await this.variable.data()) as Float32Array;
    return { domain: this.domain, size: this.size, dim: this.dim, momentum: this.momentum, features };
  }

  dispose(): void {
    this.variable.dispose();
  }
}
