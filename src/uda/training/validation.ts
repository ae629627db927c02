import { isTargetMonitor, type Monitor, type RunConfig } from '../../config/run-config';
import type { Dataset } from '../../data/dataset';
import type { UdaModel } from '../../model';
import type { MonitorMode } from '../early-stopping';
import { argMax, classificationLoss, predictDataset } from './inference';
import { targetMetrics } from './target-monitors';
import type { TrainingData } from './training-data';
import { quantityFromOutputs, regressionColumn, standardizedTargets } from './regression-targets';
import type { ValidationMetrics } from './types';

/** Whether smaller or larger is better, per monitored quantity. */
export const MONITOR_MODES: Readonly<Record<Monitor, MonitorMode>> = {
  'source-val-loss': 'min',
  snd: 'max',
  'entropy-bimodality': 'max',
  'target-val-accuracy': 'max',
};

/** The value early stopping watches, from an epoch's validation metrics. */
export function monitoredValue(monitor: Monitor, metrics: ValidationMetrics): number {
  if (monitor === 'snd') return metrics.snd ?? NaN;
  if (monitor === 'entropy-bimodality') return metrics.entropyBimodality ?? NaN;
  if (monitor === 'target-val-accuracy') return metrics.targetValAccuracy ?? NaN;
  return metrics.sourceValLoss;
}

/**
 * End-of-epoch metrics in evaluation mode: loss and accuracy (or MAE and RMSE) on the source validation
 * split; a target monitor and the largest predicted class share on unlabelled target data when one
 * is monitored (src/uda/training/target-monitors.ts); accuracy on a user-supplied labelled target split
 * when that is monitored. Target labels of the training target set are never read.
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
  const target = isTargetMonitor(monitor)
    ? await targetMetrics(model, data.target, monitor, { batchSize, temperature })
    : undefined;
  const targetValAccuracy =
    data.targetValidation &&
    (await sharedClassAccuracy(model, data.targetValidation, data.classNames, batchSize));
  return {
    ...source,
    ...target,
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
