import * as tf from '@tensorflow/tfjs-core';
import type { Domain } from '../data/dataset';
import { fusedBatchNormTraining } from '../runtime';
import type { ParameterRegistry } from './parameter-registry';

/** PyTorch's default: running ← (1 − momentum)·running + momentum·batch. */
export const BATCH_NORM_MOMENTUM = 0.1;
export const BATCH_NORM_EPSILON = 1e-5;

/** Which parameter set a domain uses: its own (DSBN), or one set shared by both (the `none` baseline). */
type BranchKey = Domain | 'shared';

interface Branch {
  readonly gamma: tf.Variable<tf.Rank.R1>;
  readonly beta: tf.Variable<tf.Rank.R1>;
  readonly runningMean: tf.Variable<tf.Rank.R1>;
  readonly runningVariance: tf.Variable<tf.Rank.R1>;
}

interface PendingMoments {
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
  /** Values per channel the moments were computed from: b·h·w. */
  readonly count: number;
}

/**
 * Domain-specific batch norm over the channel axis of [b, h, w, c]: each domain has its own
 * gamma, beta, running mean and running variance (names `<name>/<domain>/...`); with `shared`, one
 * set (`<name>/shared/...`) serves both. Training-mode calls only record the batch moments;
 * `applyPending` assigns the running statistics outside any gradient tape.
 */
export class DomainBatchNorm {
  private readonly branches = new Map<BranchKey, Branch>();
  private readonly pending = new Map<BranchKey, PendingMoments>();

  constructor(
    registry: ParameterRegistry,
    name: string,
    channels: number,
    private readonly shared: boolean,
  ) {
    const keys: BranchKey[] = shared ? ['shared'] : ['source', 'target'];
    for (const key of keys) {
      const at = `${name}/${key}`;
      this.branches.set(key, {
        gamma: registry.constant(`${at}/gamma`, [channels], 1, 'affine') as tf.Variable<tf.Rank.R1>,
        beta: registry.constant(`${at}/beta`, [channels], 0, 'affine') as tf.Variable<tf.Rank.R1>,
        runningMean: registry.constant(
          `${at}/moving_mean`,
          [channels],
          0,
          'running-stat',
        ) as tf.Variable<tf.Rank.R1>,
        runningVariance: registry.constant(
          `${at}/moving_variance`,
          [channels],
          1,
          'running-stat',
        ) as tf.Variable<tf.Rank.R1>,
      });
    }
  }

  /**
   * @param x [b, h, w, c]
   * @returns [b, h, w, c] normalized with batch moments (training) or the domain's running ones
   */
  apply(x: tf.Tensor4D, domain: Domain, training: boolean): tf.Tensor4D {
    const key = this.keyOf(domain);
    const branch = this.branches.get(key)!;
    // tf.moments and tf.batchNorm have gradients for x, the moments, gamma and beta.
    if (!training) {
      return tf.batchNorm4d(
        x,
        branch.runningMean,
        branch.runningVariance,
        branch.beta,
        branch.gamma,
        BATCH_NORM_EPSILON,
      );
    }
    const count = x.shape[0] * x.shape[1] * x.shape[2];
    const fused = fusedBatchNormTraining(x, branch.gamma, branch.beta, BATCH_NORM_EPSILON);
    if (fused) {
      this.record(key, fused.mean, fused.variance, count);
      tf.dispose([fused.mean, fused.variance]);
      return fused.y;
    }
    const moments = tf.moments(x, [0, 1, 2]);
    const mean = moments.mean as tf.Tensor1D;
    const variance = moments.variance as tf.Tensor1D;
    this.record(key, mean, variance, count);
    // x·scale + shift with per-channel scale and shift: the gradient of tf.batchNorm tiles [c]-shaped
    // tensors to the full activation size, which took a quarter of a wasm training step.
    const scale = tf.mul(branch.gamma, tf.rsqrt(tf.add(variance, BATCH_NORM_EPSILON)));
    const shift = tf.sub(branch.beta, tf.mul(mean, scale));
    return tf.add(tf.mul(x, scale), shift);
  }

  /** Folds the recorded moments into the running statistics and forgets them. */
  applyPending(): void {
    for (const [key, moments] of this.pending) {
      const branch = this.branches.get(key)!;
      const unbiased = moments.count > 1 ? moments.count / (moments.count - 1) : 1;
      tf.tidy(() => {
        const m = BATCH_NORM_MOMENTUM;
        branch.runningMean.assign(tf.add(tf.mul(branch.runningMean, 1 - m), tf.mul(moments.mean, m)));
        const batchVariance = tf.mul(moments.variance, m * unbiased);
        branch.runningVariance.assign(tf.add(tf.mul(branch.runningVariance, 1 - m), batchVariance));
      });
    }
    this.discardPending();
  }

  discardPending(): void {
    for (const moments of this.pending.values()) tf.dispose([moments.mean, moments.variance]);
    this.pending.clear();
  }

  private record(key: BranchKey, mean: tf.Tensor1D, variance: tf.Tensor1D, count: number): void {
    const previous = this.pending.get(key);
    if (previous) tf.dispose([previous.mean, previous.variance]);
    // Detached copies kept out of the caller's tidy / gradient scope until applyPending.
    const kept = tf.tidy(() => ({
      mean: tf.keep(tf.clone(mean)) as tf.Tensor1D,
      variance: tf.keep(tf.clone(variance)) as tf.Tensor1D,
    }));
    this.pending.set(key, { ...kept, count });
  }

  private keyOf(domain: Domain): BranchKey {
    return this.shared ? 'shared' : domain;
  }
}
