import * as tf from '@tensorflow/tfjs-core';
import type { Domain } from '../data/dataset';
import type { DomainBatchNorm } from './batch-norm';
import { ConvBn } from './conv-bn';
import type { ParameterRegistry } from './parameter-registry';

/** A residual block: [b, h, w, in] → [b, h / stride, w / stride, outChannels]. */
export interface ResidualBlock {
  readonly outChannels: number;
  apply(x: tf.Tensor4D, domain: Domain, training: boolean): tf.Tensor4D;
  batchNorms(): DomainBatchNorm[];
}

export interface BlockSpec {
  readonly inChannels: number;
  /** Width of the block's 3x3 convolution(s). */
  readonly width: number;
  readonly stride: number;
  readonly sharedBatchNorm: boolean;
}

/** A 1x1 projection with batch norm when the shortcut changes shape, else the identity. */
function projection(
  registry: ParameterRegistry,
  name: string,
  spec: BlockSpec,
  outChannels: number,
): ConvBn | undefined {
  if (spec.stride === 1 && spec.inChannels === outChannels) return undefined;
  const convSpec = {
    inChannels: spec.inChannels,
    outChannels,
    kernelSize: 1,
    stride: spec.stride,
    relu: false,
  };
  return new ConvBn(registry, `${name}/downsample`, convSpec, spec.sharedBatchNorm);
}

/** ResNet basic block: 3x3 → 3x3, output width = width (expansion 1). */
export class BasicBlock implements ResidualBlock {
  readonly outChannels: number;
  private readonly conv1: ConvBn;
  private readonly conv2: ConvBn;
  private readonly shortcut?: ConvBn;

  constructor(registry: ParameterRegistry, name: string, spec: BlockSpec) {
    const shared = spec.sharedBatchNorm;
    this.outChannels = spec.width;
    this.conv1 = new ConvBn(
      registry,
      `${name}/conv1`,
      { inChannels: spec.inChannels, outChannels: spec.width, kernelSize: 3, stride: spec.stride },
      shared,
    );
    this.conv2 = new ConvBn(
      registry,
      `${name}/conv2`,
      { inChannels: spec.width, outChannels: spec.width, kernelSize: 3, relu: false },
      shared,
    );
    this.shortcut = projection(registry, name, spec, spec.width);
  }

  apply(x: tf.Tensor4D, domain: Domain, training: boolean): tf.Tensor4D {
    const branch = this.conv2.apply(this.conv1.apply(x, domain, training), domain, training);
    const identity = this.shortcut ? this.shortcut.apply(x, domain, training) : x;
    return tf.relu(tf.add(branch, identity) as tf.Tensor4D);
  }

  batchNorms(): DomainBatchNorm[] {
    return [this.conv1, this.conv2, this.shortcut].flatMap((c) => c?.batchNorms() ?? []);
  }
}

/** ResNet bottleneck block: 1x1 → 3x3 (strided) → 1x1, output width = 4 · width. */
export class BottleneckBlock implements ResidualBlock {
  static readonly EXPANSION = 4;
  readonly outChannels: number;
  private readonly convs: ConvBn[];
  private readonly shortcut?: ConvBn;

  constructor(registry: ParameterRegistry, name: string, spec: BlockSpec) {
    const shared = spec.sharedBatchNorm;
    const w = spec.width;
    this.outChannels = w * BottleneckBlock.EXPANSION;
    this.convs = [
      new ConvBn(
        registry,
        `${name}/conv1`,
        { inChannels: spec.inChannels, outChannels: w, kernelSize: 1 },
        shared,
      ),
      new ConvBn(
        registry,
        `${name}/conv2`,
        { inChannels: w, outChannels: w, kernelSize: 3, stride: spec.stride },
        shared,
      ),
      new ConvBn(
        registry,
        `${name}/conv3`,
        { inChannels: w, outChannels: this.outChannels, kernelSize: 1, relu: false },
        shared,
      ),
    ];
    this.shortcut = projection(registry, name, spec, this.outChannels);
  }

  apply(x: tf.Tensor4D, domain: Domain, training: boolean): tf.Tensor4D {
    const branch = this.convs.reduce((h, conv) => conv.apply(h, domain, training), x);
    const identity = this.shortcut ? this.shortcut.apply(x, domain, training) : x;
    return tf.relu(tf.add(branch, identity) as tf.Tensor4D);
  }

  batchNorms(): DomainBatchNorm[] {
    return [...this.convs, this.shortcut].flatMap((c) => c?.batchNorms() ?? []);
  }
}
