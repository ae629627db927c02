import * as tf from '@tensorflow/tfjs-core';
import type { ForwardOutput } from '../../model';
import { disposeMethodLoss, methodLoss, type ContrastiveViews, type MethodInputs } from '../methods';
import { normalizeOvaWeights } from './ova-weight-norm';
import { disposeStepTensors, stepTensors, type StepBatches, type StepTensors } from './step-batches';
import type { TrainingComponents } from './training-components';

/** What one step reports, as plain numbers. */
export interface StepNumbers {
  /** The minimized total and each unweighted loss term. */
  readonly losses: Readonly<Record<string, number>>;
  readonly diagnostics: Readonly<Record<string, number>>;
  /** Correctly classified source samples of the batch (null for regression). */
  readonly correct: number | null;
  /** Images through the model: source plus target. */
  readonly images: number;
}

/** Features the memory banks take after the step, kept out of the gradient scope. */
interface KeptFeatures {
  source?: tf.Tensor2D;
  target?: tf.Tensor2D;
  correct?: tf.Scalar;
}

/**
 * One training step: the OVA head's weight vectors to unit length (OVANet), forward both domains in
 * training mode, the method's loss, Nesterov SGD with weight decay, then the batch-norm running
 * statistics and the memory banks. One read of the logged scalars.
 */
export async function trainStep(components: TrainingComponents, batches: StepBatches): Promise<StepNumbers> {
  const { model } = components;
  const tensors = stepTensors(batches, model.config.inputShape);
  const kept: KeptFeatures = {};
  let loss: ReturnType<typeof methodLoss> | undefined;
  let total: tf.Scalar | undefined;
  try {
    normalizeOvaWeights(components.variables);
    if (components.usesTarget && !components.targetInLoss) forwardForStatistics(components, tensors);
    const { value, grads } = tf.variableGrads(() => {
      loss = methodLoss(
        components.method,
        methodInputs(components, tensors, kept),
        components.lossParameters,
      );
      return loss.total;
    }, Object.values(components.variables));
    total = value;
    components.optimizer.applyGradients(components.variables, byStableName(components.variables, grads));
    tf.dispose(grads);
    model.applyBatchNormUpdates();
    updateMemoryBanks(components, batches, kept);
    return await readStepNumbers(value, loss!, kept.correct, batches);
  } finally {
    if (loss) disposeMethodLoss(loss);
    tf.dispose([total, kept.source, kept.target, kept.correct].filter((t) => t !== undefined));
    disposeStepTensors(tensors);
  }
}

/** tf.variableGrads keys gradients by tfjs variable name; the optimizer by the model's stable name. */
function byStableName(
  variables: Readonly<Record<string, tf.Variable>>,
  grads: tf.NamedTensorMap,
): tf.NamedTensorMap {
  return Object.fromEntries(
    Object.entries(variables)
      .filter(([, variable]) => grads[variable.name] !== undefined)
      .map(([name, variable]) => [name, grads[variable.name]]),
  );
}

/** source-only: the target batch goes through the target BN in training mode, so its statistics adapt. */
function forwardForStatistics(components: TrainingComponents, tensors: StepTensors): void {
  tf.tidy(() => {
    components.model.forward(tensors.targetImages!, 'target', { training: true });
  });
}

/** Forward passes inside tf.variableGrads, as the method's loss wants them; keeps what the banks need. */
function methodInputs(
  components: TrainingComponents,
  tensors: StepTensors,
  kept: KeptFeatures,
): MethodInputs {
  const { model, banks } = components;
  const source = forwardWithView(model, tensors.sourceImages, tensors.sourceViewImages, 'source');
  const target = components.targetInLoss
    ? forwardWithView(model, tensors.targetImages!, tensors.targetViewImages, 'target')
    : undefined;
  if (banks.source) kept.source = tf.keep(source.features.clone());
  if (banks.target && target) kept.target = tf.keep(target.features.clone());
  if (tensors.sourceTargets === undefined) kept.correct = tf.keep(correctCount(source, tensors.sourceLabels));
  return {
    source: {
      features: source.features,
      views: source.views,
      logits: source.logits,
      ovaLogits: source.ovaLogits,
      labels: tensors.sourceLabels,
      predictions: source.regression,
      targets: tensors.sourceTargets,
    },
    ...(target && {
      target: {
        features: target.features,
        views: target.views,
        logits: target.logits,
        ovaLogits: target.ovaLogits,
        bankIndices: tensors.targetIndices,
      },
    }),
    prototypes: model.classPrototypes(),
    banks: { source: banks.source?.features, target: banks.target?.features },
  };
}

/**
 * One training-mode forward of a domain's batch; with a second view, both views go through the domain's
 * BN as one batch of 2b (so its statistics see both) and the outputs are split back: the first view's
 * outputs as usual, and both views' projections (the features without a projection head) as views.
 */
function forwardWithView(
  model: TrainingComponents['model'],
  images: tf.Tensor4D,
  viewImages: tf.Tensor4D | undefined,
  domain: 'source' | 'target',
): ForwardOutput & { views?: ContrastiveViews } {
  if (!viewImages) return model.forward(images, domain, { training: true });
  const b = images.shape[0];
  const both = model.forward(tf.concat([images, viewImages], 0), domain, { training: true });
  const first = <T extends tf.Tensor>(t: T): T => tf.slice(t, 0, b) as T;
  const features = first(both.features);
  const contrasted = both.projection ?? both.features;
  return {
    features,
    embedding: first(both.embedding),
    logits: first(both.logits),
    ...(both.ovaLogits && { ovaLogits: first(both.ovaLogits) }),
    ...(both.regression && { regression: first(both.regression) }),
    views: [both.projection ? first(both.projection) : features, tf.slice(contrasted, b, b)],
  };
}

function correctCount(output: ForwardOutput, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(output.logits, 1), labels), 'float32')));
}

/** M[i] ← normalize(μ·M[i] + (1−μ)·f_i) for each sample of the batch (first occurrence where one repeats). */
function updateMemoryBanks(components: TrainingComponents, batches: StepBatches, kept: KeptFeatures): void {
  for (const domain of ['source', 'target'] as const) {
    const bank = components.banks[domain];
    const features = kept[domain];
    const batch = batches[domain];
    if (!bank || !features || !batch) continue;
    const rows = firstOccurrences(batch.indices);
    tf.tidy(() => {
      const bankRows = tf.tensor1d(
        rows.map((row) => batch.indices[row]),
        'int32',
      );
      bank.update(bankRows, tf.gather(features, tf.tensor1d(rows, 'int32')));
    });
  }
}

/** Batch rows whose sample has not appeared earlier in the batch (balanced sampling may repeat one). */
function firstOccurrences(indices: Int32Array): number[] {
  const seen = new Set<number>();
  const rows: number[] = [];
  indices.forEach((index, row) => {
    if (!seen.has(index)) rows.push(row);
    seen.add(index);
  });
  return rows;
}

async function readStepNumbers(
  total: tf.Scalar,
  loss: ReturnType<typeof methodLoss>,
  correct: tf.Scalar | undefined,
  batches: StepBatches,
): Promise<StepNumbers> {
  const termNames = Object.keys(loss.terms).sort();
  const diagnosticNames = Object.keys(loss.diagnostics).sort();
  const logged = tf.tidy(() =>
    tf.stack([
      total,
      ...termNames.map((name) => loss.terms[name]),
      ...diagnosticNames.map((name) => loss.diagnostics[name]),
      correct ?? tf.scalar(0),
    ]),
  );
  const values = await logged.data();
  logged.dispose();
  const named = (names: string[], offset: number) =>
    Object.fromEntries(names.map((name, i) => [name, values[offset + i]]));
  return {
    losses: { total: values[0], ...named(termNames, 1) },
    diagnostics: named(diagnosticNames, 1 + termNames.length),
    correct: correct ? values[values.length - 1] : null,
    images: batches.source.indices.length + (batches.target?.indices.length ?? 0),
  };
}
