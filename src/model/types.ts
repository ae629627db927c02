import type * as tf from '@tensorflow/tfjs-core';
import type { Domain } from '../data/dataset';

/** The backbones this project builds, from the smallest (tests, CPUs) to the study's choice (GPUs). */
export const ARCHITECTURES = ['resnet-mini', 'resnet18', 'resnet50'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** Everything needed to rebuild a model; saved inside model.json next to the weights. */
export interface ModelConfig {
  readonly architecture: Architecture;
  /** K, the number of known (source) classes. */
  readonly numClasses: number;
  /** [height, width, channels] of one input image. */
  readonly inputShape: readonly [number, number, number];
  /**
   * Temperature T of the cosine classifier: logits = cos(W_k, f) / T.
   * @default 0.05
   */
  readonly temperature?: number;
  readonly heads?: {
    /** A one-vs-all head (OVANet): per class a 2-way known/unknown classifier. @default false */
    readonly ova?: boolean;
    /** A linear regression head on the raw features. @default false */
    readonly regression?: boolean;
    /** A projection head for the contrastive loss (SimCLR's MLP), used in training only. @default false */
    readonly projection?: boolean;
  };
  /**
   * One batch norm for both domains (the `none` baseline) instead of domain-specific batch norm.
   * @default false
   */
  readonly sharedBatchNorm?: boolean;
}

export interface ForwardOptions {
  /**
   * Training mode: batch norm normalizes with the batch statistics and records them as a pending
   * running-statistics update for this domain (see UdaModel.applyBatchNormUpdates). Evaluation mode
   * uses this domain's running statistics and records nothing.
   */
  readonly training: boolean;
}

export interface ForwardOutput {
  /** [b, d] raw backbone features after global average pooling (d = model.featureDim). */
  readonly features: tf.Tensor2D;
  /** [b, d] features / ||features||: use for every similarity (memory bank, clustering, prototypes). */
  readonly embedding: tf.Tensor2D;
  /** [b, K] cosine-classifier logits, already divided by the temperature. */
  readonly logits: tf.Tensor2D;
  /**
   * [b, 2, K] one-vs-all logits when heads.ova: along axis 1, index 0 = "unknown" (negative),
   * index 1 = "known" (positive), as in OVANet; softmax over axis 1 gives p(known of class k).
   */
  readonly ovaLogits?: tf.Tensor3D;
  /** [b] regression output when heads.regression. */
  readonly regression?: tf.Tensor1D;
  /** [b, 128] projection-head output when heads.projection, in training-mode forwards only. */
  readonly projection?: tf.Tensor2D;
}

/** Weights by stable name (independent of the model instance), e.g. `stage1/block0/conv1/kernel`. */
export type NamedWeights = Record<string, tf.Tensor>;

/**
 * A ResNet backbone with domain-specific batch norm and the classification heads of ALGORITHM.md.
 *
 * Batch-norm running statistics are never assigned during forward: forward in training mode only
 * records the batch moments (kept out of any tidy scope), and `applyBatchNormUpdates()` folds them
 * into the running statistics as an explicit step after the gradient step. This keeps
 * tf.variableGrads free of side effects and lets a caller run forward as often as it likes (finite
 * differences, a second pass) without moving the statistics.
 */
export interface UdaModel {
  readonly config: ModelConfig;
  /** d, the width of the backbone feature: 64 (resnet-mini), 512 (resnet18), 2048 (resnet50). */
  readonly featureDim: number;

  /**
   * @param images [b, h, w, c] float32 in [0, 1]
   * @param domain which batch norm (statistics and affine parameters) to use
   * Tensors returned are owned by the caller (or the enclosing tidy).
   */
  forward(images: tf.Tensor4D, domain: Domain, options: ForwardOptions): ForwardOutput;

  /**
   * Folds the batch moments recorded by training-mode forwards since the last call into the running
   * statistics of the domain each forward used: running ← (1 − 0.1)·running + 0.1·batch, with the
   * unbiased batch variance (PyTorch's convention). A domain forwarded twice uses its last forward.
   * Call once per training step, after the optimizer step. Returns the domains updated.
   */
  applyBatchNormUpdates(): Domain[];
  /** Drops pending batch moments without applying them (e.g. after a forward for a diagnostic). */
  discardBatchNormUpdates(): void;

  /** Every trainable variable: convolution and head kernels, and gamma/beta of both domains' BN. */
  trainableVariables(): tf.Variable[];
  /** The trainable variables by stable name (as getWeights names them), in trainableVariables() order. */
  namedTrainableVariables(): Readonly<Record<string, tf.Variable>>;
  /** The variables weight decay applies to: convolution and linear kernels (not BN, not biases). */
  weightDecayVariables(): tf.Variable[];
  /** [K, d] L2-normalized class prototypes: the rows of the cosine classifier's weight. */
  classPrototypes(): tf.Tensor2D;

  /** Copies of all weights, running statistics included, by stable name; the caller disposes them. */
  getWeights(): NamedWeights;
  /** Assigns every weight from the map; throws when a name is missing or a shape differs. */
  setWeights(weights: NamedWeights): void;
  dispose(): void;
}
