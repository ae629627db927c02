import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from './l2-normalize';
import type { ParameterRegistry } from './parameter-registry';

/**
 * Cosine classifier without bias: logits = (W / ||W||) · (f / ||f||) / T.
 * Weight `classifier/kernel` [d, K], one column per class.
 */
export class CosineClassifier {
  readonly kernel: tf.Variable;

  constructor(
    registry: ParameterRegistry,
    featureDim: number,
    numClasses: number,
    private readonly temperature: number,
  ) {
    this.kernel = registry.normal('classifier/kernel', [featureDim, numClasses], 0.1);
  }

  /**
   * @param embedding [b, d] L2-normalized features
   * @returns [b, K] cosine similarities divided by the temperature
   */
  apply(embedding: tf.Tensor2D): tf.Tensor2D {
    return tf.div(tf.matMul(embedding, l2Normalize(this.kernel as tf.Tensor2D, 0)), this.temperature);
  }

  /** @returns [K, d] unit class prototypes */
  prototypes(): tf.Tensor2D {
    return tf.tidy(() => tf.transpose(l2Normalize(this.kernel as tf.Tensor2D, 0)));
  }
}

/**
 * One-vs-all head (OVANet): a bias-free linear map of the raw features to 2·K logits, one
 * known/unknown pair per class. Weight `ova/kernel` [d, 2K].
 */
export class OneVsAllHead {
  readonly kernel: tf.Variable;

  constructor(
    registry: ParameterRegistry,
    featureDim: number,
    private readonly numClasses: number,
  ) {
    this.kernel = registry.heNormal('ova/kernel', [featureDim, 2 * numClasses], featureDim);
  }

  /**
   * @param features [b, d]
   * @returns [b, 2, K]; [:, 0, k] the "unknown" logit and [:, 1, k] the "known" logit of class k
   */
  apply(features: tf.Tensor2D): tf.Tensor3D {
    return tf.reshape(tf.matMul(features, this.kernel as tf.Tensor2D), [-1, 2, this.numClasses]);
  }
}

/** Linear regression on the raw features: `regression/kernel` [d, 1], `regression/bias` [1]. */
export class RegressionHead {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;

  constructor(registry: ParameterRegistry, featureDim: number) {
    this.kernel = registry.normal('regression/kernel', [featureDim, 1], Math.sqrt(1 / featureDim));
    this.bias = registry.constant('regression/bias', [1], 0, 'bias');
  }

  /**
   * @param features [b, d]
   * @returns [b]
   */
  apply(features: tf.Tensor2D): tf.Tensor1D {
    return tf.reshape(tf.add(tf.matMul(features, this.kernel as tf.Tensor2D), this.bias), [-1]);
  }
}

/** Width of the projection head's output (SimCLR's 128). */
export const PROJECTION_DIM = 128;

/**
 * SimCLR's projection head for the contrastive loss: `z = W2 · relu(W1 · f + b1)`, d → d → 128. The
 * contrastive loss shapes z, so the invariance it asks for need not be met by the backbone features
 * the classifier and the unknown scores use. Weights `projection/hidden/kernel` [d, d],
 * `projection/hidden/bias` [d], `projection/output/kernel` [d, 128].
 */
export class ProjectionHead {
  readonly hiddenKernel: tf.Variable;
  readonly hiddenBias: tf.Variable;
  readonly outputKernel: tf.Variable;

  constructor(registry: ParameterRegistry, featureDim: number) {
    this.hiddenKernel = registry.heNormal('projection/hidden/kernel', [featureDim, featureDim], featureDim);
    this.hiddenBias = registry.constant('projection/hidden/bias', [featureDim], 0, 'bias');
    this.outputKernel = registry.heNormal(
      'projection/output/kernel',
      [featureDim, PROJECTION_DIM],
      PROJECTION_DIM,
    );
  }

  /**
   * @param features [b, d]
   * @returns [b, 128]
   */
  apply(features: tf.Tensor2D): tf.Tensor2D {
    const hidden = tf.relu(tf.add(tf.matMul(features, this.hiddenKernel as tf.Tensor2D), this.hiddenBias));
    return tf.matMul(hidden as tf.Tensor2D, this.outputKernel as tf.Tensor2D);
  }
}
