import * as tf from '@tensorflow/tfjs-core';
import type { Monitor, RunConfig } from '../../config/run-config';
import type { Dataset } from '../../data/dataset';
import { subset } from '../../data/subset';
import type { UdaModel } from '../../model';
import type { MonitorMode } from '../early-stopping';
import { softNeighborhoodDensity } from '../soft-neighborhood-density';
import { argMax, classificationLoss, predictDataset } from './inference';
import type { TrainingData } from './training-data';
import { quantityFromOutputs, regressionColumn, standardizedTargets } from './regression-targets';
import type { ValidationMetrics } from './types';

/** At most this many target samples enter SND: its similarity matrix grows with n². */
const SND_MAX_SAMPLES = 4096;

/**
 * SND never keeps an epoch whose target predictions put more than this share of the target in one
 * class. Identical predictions make every neighbourhood uniform, SND's maximum, so unguarded it keeps
 * collapsed early epochs (bench/science.md, run 14b: 11 of 12 cases).
 */
export const SND_MAX_CLASS_SHARE = 0.9;

/** Whether smaller or larger is better, per monitored quantity. */
export const MONITOR_MODES: Readonly<Record<Monitor, MonitorMode>> = {
  'source-val-loss': 'min',
  snd: 'max',
  'target-val-accuracy': 'max',
};

/** The value early stopping watches, from an epoch's validation metrics. */
export function monitoredValue(monitor: Monitor, metrics: ValidationMetrics): number {
  if (monitor === 'snd') return metrics.snd ?? NaN;
  if (monitor === 'target-val-accuracy') return metrics.targetValAccuracy ?? NaN;
  return metrics.sourceValLoss;
}

/**
 * Whether an epoch may be kept: always, except under SND when the target's predictions collapsed onto
 * one class (more than SND_MAX_CLASS_SHARE of it).
 */
export function mayBeKept(monitor: Monitor, metrics: ValidationMetrics): boolean {
  return monitor !== 'snd' || !((metrics.targetLargestClassShare ?? 0) > SND_MAX_CLASS_SHARE);
}

/**
 * End-of-epoch metrics in evaluation mode: loss and accuracy (or MAE and RMSE) on the source validation
 * split; SND and the largest predicted class share on unlabelled target data when SND is monitored; accuracy on a user-supplied labelled target
 * split when that is monitored. Target labels of the training target set are never read.
 */
export async function validateEpoch(
  model: UdaModel,
  data: TrainingData,
  config: RunConfig,
): Promise<ValidationMetrics> {
  const { batchSize, monitor, temperature } = config.hyperparameters;
  const outputs = await predictDataset(model, data.sourceValidation, 'source', batchSize);
  const source = data.regression
    ? regressionMetrics(outputs.regression!, data.sourceValidation, data.regression)
    : namedLoss(classificationLoss(outputs, data.sourceValidation.labels));
  const snd = monitor === 'snd' ? await targetSnd(model, data.target, batchSize, temperature) : undefined;
  const targetValAccuracy =
    data.targetValidation &&
    (await sharedClassAccuracy(model, data.targetValidation, data.classNames, batchSize));
  return {
    ...source,
    ...snd,
    ...(targetValAccuracy !== undefined && { targetValAccuracy }),
  };
}

function namedLoss(result: { loss: number; accuracy: number }): ValidationMetrics {
  return { sourceValLoss: result.loss, sourceValAccuracy: result.accuracy };
}

function regressionMetrics(
  predicted: Float32Array,
  dataset: Dataset,
  targets: NonNullable<TrainingData['regression']>,
): ValidationMetrics {
  const standardized = standardizedTargets(dataset, targets);
  const truth = regressionColumn(dataset, targets.name);
  const values = quantityFromOutputs(dataset, targets, predicted);
  let loss = 0;
  let squared = 0;
  let absolute = 0;
  for (let i = 0; i < dataset.n; i++) {
    loss += (predicted[i] - standardized[i]) ** 2;
    squared += (values[i] - truth[i]) ** 2;
    absolute += Math.abs(values[i] - truth[i]);
  }
  const n = Math.max(1, dataset.n);
  return {
    sourceValLoss: loss / n,
    sourceValAccuracy: null,
    sourceValMae: absolute / n,
    sourceValRmse: Math.sqrt(squared / n),
  };
}

/** SND of the target's class probabilities and the share of the target its most predicted class takes. */
async function targetSnd(
  model: UdaModel,
  target: Dataset,
  batchSize: number,
  temperature: number,
): Promise<{ snd: number; targetLargestClassShare: number }> {
  const stride = Math.max(1, Math.ceil(target.n / SND_MAX_SAMPLES));
  const rows = Int32Array.from({ length: Math.ceil(target.n / stride) }, (_, i) => i * stride);
  const outputs = await predictDataset(
    model,
    stride === 1 ? target : subset(target, rows),
    'target',
    batchSize,
  );
  const probabilities = tf.tidy(() =>
    tf.exp(tf.tensor2d(outputs.logProbabilities, [outputs.n, outputs.numClasses])),
  );
  const k = outputs.numClasses;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < outputs.n; i++) counts[argMax(outputs.logProbabilities.subarray(i * k, (i + 1) * k))]++;
  try {
    return {
      snd: softNeighborhoodDensity(probabilities as tf.Tensor2D, temperature),
      targetLargestClassShare: Math.max(...counts) / outputs.n,
    };
  } finally {
    probabilities.dispose();
  }
}

/** Accuracy over the samples of shared classes in a labelled target split (the user's own). */
async function sharedClassAccuracy(
  model: UdaModel,
  dataset: Dataset,
  classNames: readonly string[],
  batchSize: number,
): Promise<number> {
  const outputs = await predictDataset(model, dataset, 'target', batchSize);
  let counted = 0;
  let correct = 0;
  for (let i = 0; i < dataset.n; i++) {
    const truth = dataset.classNames[dataset.labels[i]];
    if (!classNames.includes(truth)) continue;
    counted++;
    const row = outputs.logProbabilities.subarray(i * outputs.numClasses, (i + 1) * outputs.numClasses);
    if (classNames[argMax(row)] === truth) correct++;
  }
  return counted > 0 ? correct / counted : NaN;
}
