import * as tf from '@tensorflow/tfjs-core';
import type { Domain } from '../data/dataset';
import { DomainBatchNorm } from './batch-norm';
import type { ParameterRegistry } from './parameter-registry';

export interface ConvBnSpec {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  /** @default 1 */
  readonly stride?: number;
  /** Apply ReLU after batch norm. @default true */
  readonly relu?: boolean;
}

/**
 * A bias-free convolution ('same' padding) shared by both domains, followed by domain-specific
 * batch norm and optionally ReLU. Weights: `<name>/kernel` [k, k, in, out] and `<name>/bn/...`.
 */
export class ConvBn {
  readonly kernel: tf.Variable;
  private readonly norm: DomainBatchNorm;
  private readonly stride: number;
  private readonly relu: boolean;

  constructor(registry: ParameterRegistry, name: string, spec: ConvBnSpec, sharedBatchNorm: boolean) {
    const k = spec.kernelSize;
    this.kernel = registry.heNormal(
      `${name}/kernel`,
      [k, k, spec.inChannels, spec.outChannels],
      k * k * spec.outChannels,
    );
    this.norm = new DomainBatchNorm(registry, `${name}/bn`, spec.outChannels, sharedBatchNorm);
    this.stride = spec.stride ?? 1;
    this.relu = spec.relu ?? true;
  }

  /**
   * @param x [b, h, w, in]
   * @returns [b, ceil(h / stride), ceil(w / stride), out]
   */
  apply(x: tf.Tensor4D, domain: Domain, training: boolean): tf.Tensor4D {
    const convolved = tf.conv2d(x, this.kernel as tf.Tensor4D, this.stride, 'same');
    const normalized = this.norm.apply(convolved, domain, training);
    return this.relu ? tf.relu(normalized) : normalized;
  }

  batchNorms(): DomainBatchNorm[] {
    return [this.norm];
  }
}
