import type * as tf from '@tensorflow/tfjs-core';

/**
 * What the contrastive loss compares, [b, p] per view (row i the same image in both): the projection
 * head's outputs where the model has one, else the backbone features.
 */
export type ContrastiveViews = readonly [tf.Tensor2D, tf.Tensor2D];

/** What the model produced for the labelled source batch. */
export interface SourceOutputs {
  /** [b, d] backbone features (normalized by the losses where a similarity needs it). */
  readonly features: tf.Tensor2D;
  /** [b, K] classifier logits; for the cosine classifier already divided by T. */
  readonly logits?: tf.Tensor2D;
  /** Self-supervision's two augmented views of the same images. */
  readonly views?: ContrastiveViews;
  /** [b, 2, K] one-vs-all head logits (ovanet). */
  readonly ovaLogits?: tf.Tensor3D;
  /** [b] int32 class indices (classification). */
  readonly labels?: tf.Tensor1D;
  /** [b] or [b, 1] regression head output (regression). */
  readonly predictions?: tf.Tensor;
  /** [b] regression targets, e.g. half-light radius in arcsec (regression). */
  readonly targets?: tf.Tensor1D;
}

/** What the model produced for the unlabelled target batch (same size as the source batch). */
export interface TargetOutputs {
  /** [b, d] backbone features. */
  readonly features: tf.Tensor2D;
  /** [b, K] classifier logits. */
  readonly logits?: tf.Tensor2D;
  /** Self-supervision's two augmented views of the same images. */
  readonly views?: ContrastiveViews;
  /** [b, 2, K] one-vs-all head logits (ovanet). */
  readonly ovaLogits?: tf.Tensor3D;
  /** [b] int32 rows of the target memory bank that hold these samples (clustering losses). */
  readonly bankIndices?: tf.Tensor1D;
}

/** Memory banks as read before the step (MemoryBank.features); each [N_domain, d], L2-normalized. */
export interface MemoryBankFeatures {
  readonly source?: tf.Tensor2D;
  readonly target?: tf.Tensor2D;
}

/** Everything a method's loss may use for one step. Which fields are required depends on the method. */
export interface MethodInputs {
  readonly source: SourceOutputs;
  readonly target?: TargetOutputs;
  /** [K, d] the cosine classifier's weight vectors (normalized here); scores bank entries in adaptive clustering. */
  readonly prototypes?: tf.Tensor2D;
  readonly banks?: MemoryBankFeatures;
}

/** Which target-clustering loss deepastro uses (ALGORITHM.md, losses 2). */
export type ClusteringVariant = 'adaptive' | 'neighborhood';

/** Loss weights and settings, resolved from the run config (see lossParameters in src/config). */
export interface LossParameters {
  /** [K] source class weights w_k = N_s / (K·n_k); all 1 for unweighted CE. */
  readonly classWeights: readonly number[];
  /** Weight of clustering + entropy separation in deepastro, and of MMD in regression (0.005). */
  readonly lambda: number;
  /** Weight of entropy separation in `deepastro` (λ by default). */
  readonly separationWeight: number;
  /** Weight of each adaptation term in dance (0.05). */
  readonly eta: number;
  /** Entropy threshold ρ, ln(K)/2 by default. */
  readonly rho: number;
  /** Entropy-separation margin m < ρ. */
  readonly margin: number;
  /** k of the rank statistics (adaptive clustering). */
  readonly topK: number;
  /** Similarity temperature T (0.05). */
  readonly temperature: number;
  readonly clustering: ClusteringVariant;
  /** Weight of OVANet's source one-vs-all loss (0.5). */
  readonly ovaSourceWeight: number;
  /** Weight of OVANet's target open-entropy loss (0.1). */
  readonly openEntropyWeight: number;
  /** Gaussian kernel widths σ of the MMD, on L2-normalized features. */
  readonly mmdBandwidths: readonly number[];
  /** NT-Xent over two views of each image on both domains; absent: off. */
  readonly selfSupervision?: { readonly weight: number; readonly temperature: number };
}

/**
 * A method's loss for one step. `total` is what the optimizer minimizes. `terms` are the unweighted
 * loss terms and `diagnostics` monitored quantities without gradient (e.g. the share of positive pairs);
 * both are tf.keep'd so they survive tf.variableGrads: the caller reads and disposes them.
 */
export interface MethodLoss {
  readonly total: tf.Scalar;
  readonly terms: Record<string, tf.Scalar>;
  readonly diagnostics: Record<string, tf.Scalar>;
}
