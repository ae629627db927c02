import * as tf from '@tensorflow/tfjs-core';
import type { Domain } from '../data/dataset';
import { InvalidConfigError } from '../errors';
import { ensureGradientsRegistered } from '../runtime/register-gradients';
import type { DomainBatchNorm } from './batch-norm';
import { CosineClassifier, OneVsAllHead, ProjectionHead, RegressionHead } from './heads';
import { l2Normalize } from './l2-normalize';
import { ParameterRegistry } from './parameter-registry';
import { ResNetBackbone } from './resnet';
import {
  ARCHITECTURES,
  type ForwardOptions,
  type ForwardOutput,
  type ModelConfig,
  type NamedWeights,
  type UdaModel,
} from './types';

export const DEFAULT_TEMPERATURE = 0.05;

function validate(config: ModelConfig): void {
  const fail = (field: string, why: string, value: unknown): never => {
    throw new InvalidConfigError(`model.${field} ${why}, got ${JSON.stringify(value)}`);
  };
  if (!ARCHITECTURES.includes(config.architecture))
    fail('architecture', `must be one of ${ARCHITECTURES.join(', ')}`, config.architecture);
  if (!Number.isInteger(config.numClasses) || config.numClasses < 1)
    fail('numClasses', 'must be an integer ≥ 1', config.numClasses);
  if (config.inputShape.length !== 3 || !config.inputShape.every((n) => Number.isInteger(n) && n > 0)) {
    fail('inputShape', 'must be [height, width, channels] of positive integers', config.inputShape);
  }
  const t = config.temperature ?? DEFAULT_TEMPERATURE;
  if (!(t > 0)) fail('temperature', 'must be > 0', t);
}

class ResNetUdaModel implements UdaModel {
  readonly featureDim: number;
  private readonly registry: ParameterRegistry;
  private readonly backbone: ResNetBackbone;
  private readonly batchNorms: DomainBatchNorm[];
  private readonly classifier: CosineClassifier;
  private readonly ova?: OneVsAllHead;
  private readonly regressionHead?: RegressionHead;
  private readonly projectionHead?: ProjectionHead;
  private readonly pendingDomains = new Set<Domain>();

  constructor(
    readonly config: ModelConfig,
    seed: number | string,
  ) {
    this.registry = new ParameterRegistry(seed);
    const shared = config.sharedBatchNorm ?? false;
    this.backbone = new ResNetBackbone(this.registry, config.architecture, config.inputShape[2], shared);
    this.featureDim = this.backbone.featureDim;
    this.batchNorms = this.backbone.batchNorms();
    const temperature = config.temperature ?? DEFAULT_TEMPERATURE;
    this.classifier = new CosineClassifier(this.registry, this.featureDim, config.numClasses, temperature);
    if (config.heads?.ova) this.ova = new OneVsAllHead(this.registry, this.featureDim, config.numClasses);
    if (config.heads?.regression) this.regressionHead = new RegressionHead(this.registry, this.featureDim);
    // Created last, so that a model without it draws the same initial weights for everything else.
    if (config.heads?.projection) this.projectionHead = new ProjectionHead(this.registry, this.featureDim);
  }

  forward(images: tf.Tensor4D, domain: Domain, options: ForwardOptions): ForwardOutput {
    const [, h, w, c] = images.shape;
    const [eh, ew, ec] = this.config.inputShape;
    tf.util.assert(
      h === eh && w === ew && c === ec,
      () => `images must be [b, ${eh}, ${ew}, ${ec}], got [${images.shape}]`,
    );
    if (options.training) this.pendingDomains.add(domain);
    return tf.tidy(() => {
      const features = this.backbone.apply(images, domain, options.training);
      const embedding = l2Normalize(features, 1);
      return {
        features,
        embedding,
        logits: this.classifier.apply(embedding),
        ...(this.ova && { ovaLogits: this.ova.apply(features) }),
        ...(this.regressionHead && { regression: this.regressionHead.apply(features) }),
        ...(this.projectionHead && options.training && { projection: this.projectionHead.apply(features) }),
      };
    });
  }

  applyBatchNormUpdates(): Domain[] {
    for (const norm of this.batchNorms) norm.applyPending();
    return this.takePendingDomains();
  }

  discardBatchNormUpdates(): void {
    for (const norm of this.batchNorms) norm.discardPending();
    this.takePendingDomains();
  }

  trainableVariables(): tf.Variable[] {
    return this.registry.trainable();
  }

  namedTrainableVariables(): Readonly<Record<string, tf.Variable>> {
    return this.registry.namedTrainable();
  }

  weightDecayVariables(): tf.Variable[] {
    return this.registry.weightDecayed();
  }

  classPrototypes(): tf.Tensor2D {
    return this.classifier.prototypes();
  }

  getWeights(): NamedWeights {
    return this.registry.getWeights();
  }

  setWeights(weights: NamedWeights): void {
    this.registry.setWeights(weights);
  }

  dispose(): void {
    this.discardBatchNormUpdates();
    this.registry.dispose();
  }

  private takePendingDomains(): Domain[] {
    const domains = [...this.pendingDomains];
    this.pendingDomains.clear();
    return domains;
  }
}

/**
 * Builds a ResNet with domain-specific batch norm and the configured heads. Weights are He-initialized
 * from `seed`: the same seed gives the same weights.
 * @throws InvalidConfigError naming the bad field
 */
export function createModel(config: ModelConfig, seed: number | string): UdaModel {
  validate(config);
  ensureGradientsRegistered();
  return new ResNetUdaModel(config, seed);
}
