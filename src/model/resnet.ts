import * as tf from '@tensorflow/tfjs-core';
import type { Domain } from '../data/dataset';
import type { DomainBatchNorm } from './batch-norm';
import { ConvBn } from './conv-bn';
import type { ParameterRegistry } from './parameter-registry';
import { BasicBlock, BottleneckBlock, type BlockSpec, type ResidualBlock } from './residual-blocks';
import type { Architecture } from './types';

interface ArchitectureSpec {
  readonly stem: {
    readonly kernelSize: number;
    readonly stride: number;
    readonly width: number;
    readonly maxPool: boolean;
  };
  readonly block: new (registry: ParameterRegistry, name: string, spec: BlockSpec) => ResidualBlock;
  /** Per stage: block width, number of blocks, stride of the first block. */
  readonly stages: ReadonlyArray<{
    readonly width: number;
    readonly blocks: number;
    readonly stride: number;
  }>;
}

/**
 * The three backbones. resnet-mini keeps full resolution in the stem (small galaxy stamps) and
 * has one basic block per stage, sized for CPU training; resnet18/50 follow torchvision.
 */
export const ARCHITECTURE_SPECS: Readonly<Record<Architecture, ArchitectureSpec>> = {
  'resnet-mini': {
    stem: { kernelSize: 3, stride: 1, width: 16, maxPool: false },
    block: BasicBlock,
    stages: [
      { width: 16, blocks: 1, stride: 1 },
      { width: 32, blocks: 1, stride: 2 },
      { width: 64, blocks: 1, stride: 2 },
    ],
  },
  resnet18: {
    stem: { kernelSize: 7, stride: 2, width: 64, maxPool: true },
    block: BasicBlock,
    stages: [
      { width: 64, blocks: 2, stride: 1 },
      { width: 128, blocks: 2, stride: 2 },
      { width: 256, blocks: 2, stride: 2 },
      { width: 512, blocks: 2, stride: 2 },
    ],
  },
  resnet50: {
    stem: { kernelSize: 7, stride: 2, width: 64, maxPool: true },
    block: BottleneckBlock,
    stages: [
      { width: 64, blocks: 3, stride: 1 },
      { width: 128, blocks: 4, stride: 2 },
      { width: 256, blocks: 6, stride: 2 },
      { width: 512, blocks: 3, stride: 2 },
    ],
  },
};

/** A ResNet feature extractor: [b, h, w, c] images → [b, featureDim] globally average-pooled features. */
export class ResNetBackbone {
  readonly featureDim: number;
  private readonly stem: ConvBn;
  private readonly maxPool: boolean;
  private readonly blocks: ResidualBlock[] = [];

  constructor(
    registry: ParameterRegistry,
    architecture: Architecture,
    inChannels: number,
    sharedBatchNorm: boolean,
  ) {
    const spec = ARCHITECTURE_SPECS[architecture];
    const stemSpec = {
      inChannels,
      outChannels: spec.stem.width,
      kernelSize: spec.stem.kernelSize,
      stride: spec.stem.stride,
    };
    this.stem = new ConvBn(registry, 'stem', stemSpec, sharedBatchNorm);
    this.maxPool = spec.stem.maxPool;
    let channels = spec.stem.width;
    spec.stages.forEach((stage, s) => {
      for (let b = 0; b < stage.blocks; b++) {
        const blockSpec = {
          inChannels: channels,
          width: stage.width,
          stride: b === 0 ? stage.stride : 1,
          sharedBatchNorm,
        };
        const block = new spec.block(registry, `stage${s + 1}/block${b}`, blockSpec);
        this.blocks.push(block);
        channels = block.outChannels;
      }
    });
    this.featureDim = channels;
  }

  /**
   * @param images [b, h, w, c] float32
   * @returns [b, featureDim]
   */
  apply(images: tf.Tensor4D, domain: Domain, training: boolean): tf.Tensor2D {
    let x = this.stem.apply(images, domain, training);
    if (this.maxPool) x = tf.maxPool(x, 3, 2, 'same');
    for (const block of this.blocks) x = block.apply(x, domain, training);
    return tf.mean(x, [1, 2]) as tf.Tensor2D;
  }

  batchNorms(): DomainBatchNorm[] {
    return [this.stem, ...this.blocks].flatMap((layer) => layer.batchNorms());
  }
}
