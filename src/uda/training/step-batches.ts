import * as tf from '@tensorflow/tfjs-core';
import { makeBatch, type Batch } from '../../data/batch';
import type { Dataset } from '../../data/dataset';
import type { TrainingData } from './training-data';
import { standardizedTargets } from './regression-targets';
import type { RandomStreams } from './random-streams';

/** One step's input as plain arrays: a labelled source batch and, when the method uses it, a target batch. */
export interface StepBatches {
  readonly source: Batch;
  readonly target?: Batch;
  /** [b] standardized regression targets of the source batch (regression runs). */
  readonly sourceTargets?: Float32Array;
  /** A second, independently augmented view of each batch's images (self-supervision). */
  readonly views?: { readonly source: Batch; readonly target?: Batch };
}

/** A step's input as tensors; dispose with disposeStepTensors. */
export interface StepTensors {
  /** [b, h, w, c] float32 in [0, 1]. */
  readonly sourceImages: tf.Tensor4D;
  /** [b] int32 class index. */
  readonly sourceLabels: tf.Tensor1D;
  /** [b] int32 rows of the source memory bank (positions in the source training split). */
  readonly sourceIndices: tf.Tensor1D;
  readonly sourceTargets?: tf.Tensor1D;
  readonly targetImages?: tf.Tensor4D;
  /** [b] int32 rows of the target memory bank (target sample indices). */
  readonly targetIndices?: tf.Tensor1D;
  /** [b, h, w, c] the second views of the source and target images (self-supervision). */
  readonly sourceViewImages?: tf.Tensor4D;
  readonly targetViewImages?: tf.Tensor4D;
}

/** The sample orders of one epoch: which source and target rows each step takes. */
export interface EpochPlan {
  readonly sourceOrder: Int32Array;
  readonly targetOrder?: Int32Array;
  readonly steps: number;
  readonly batchSize: number;
}

/**
 * Builds the batches of step `step` of the plan; augmentation drawn from the step's own stream. With
 * `secondViews`, each batch also gets a second view of the same rows, always augmented, from a stream
 * of its own (so the first views, and every run without self-supervision, are unchanged).
 */
export function stepBatches(
  data: TrainingData,
  plan: EpochPlan,
  position: { readonly epoch: number; readonly step: number },
  streams: RandomStreams,
  augment: boolean,
  secondViews = false,
): StepBatches {
  const { epoch, step } = position;
  const rows = (order: Int32Array) => order.subarray(step * plan.batchSize, (step + 1) * plan.batchSize);
  const batchOf = (dataset: Dataset, order: Int32Array, domain: 'source' | 'target'): Batch =>
    makeBatch(
      dataset,
      rows(order),
      augment ? { augment: true, rng: streams.stepAugmentation(epoch, step, domain) } : {},
    );
  const source = batchOf(data.sourceTrain, plan.sourceOrder, 'source');
  const target = plan.targetOrder && batchOf(data.target, plan.targetOrder, 'target');
  const regression = data.regression;
  const sourceTargets = regression && standardizedTargets(data.sourceTrain, regression, source.indices);
  const views = secondViews ? secondViewsOf(data, plan, position, streams) : undefined;
  return {
    source,
    ...(target && { target }),
    ...(sourceTargets && { sourceTargets }),
    ...(views && { views }),
  };
}

function secondViewsOf(
  data: TrainingData,
  plan: EpochPlan,
  { epoch, step }: { readonly epoch: number; readonly step: number },
  streams: RandomStreams,
): NonNullable<StepBatches['views']> {
  const rows = (order: Int32Array) => order.subarray(step * plan.batchSize, (step + 1) * plan.batchSize);
  const view = (dataset: Dataset, order: Int32Array, domain: 'source' | 'target'): Batch =>
    makeBatch(dataset, rows(order), { augment: true, rng: streams.stepSecondView(epoch, step, domain) });
  const source = view(data.sourceTrain, plan.sourceOrder, 'source');
  const target = plan.targetOrder && view(data.target, plan.targetOrder, 'target');
  return { source, ...(target && { target }) };
}

/** @param imageShape [h, w, c] of one image */
export function stepTensors(
  batches: StepBatches,
  imageShape: readonly [number, number, number],
): StepTensors {
  const images = (batch: Batch) => tf.tensor4d(batch.images, [batch.indices.length, ...imageShape]);
  const { source, target, sourceTargets, views } = batches;
  return {
    ...(views && { sourceViewImages: images(views.source) }),
    ...(views?.target && { targetViewImages: images(views.target) }),
    sourceImages: images(source),
    sourceLabels: tf.tensor1d(source.labels, 'int32'),
    sourceIndices: tf.tensor1d(source.indices, 'int32'),
    ...(sourceTargets && { sourceTargets: tf.tensor1d(sourceTargets) }),
    ...(target && { targetImages: images(target), targetIndices: tf.tensor1d(target.indices, 'int32') }),
  };
}

export function disposeStepTensors(tensors: StepTensors): void {
  tf.dispose(Object.values(tensors) as tf.Tensor[]);
}
