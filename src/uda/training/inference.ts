import * as tf from '@tensorflow/tfjs-core';
import { makeBatch } from '../../data/batch';
import type { Dataset, Domain } from '../../data/dataset';
import type { UdaModel } from '../../model';
import { ovaProbabilities } from '../losses/ova-probabilities';

/** The model's evaluation-mode outputs for every sample of a dataset, as plain row-major arrays. */
export interface DatasetOutputs {
  readonly n: number;
  readonly numClasses: number;
  readonly featureDim: number;
  /** [n, K] log-softmax of the cosine classifier. */
  readonly logProbabilities: Float32Array;
  /** [n, d] L2-normalized backbone features. */
  readonly embedding: Float32Array;
  /** [n] largest cosine similarity to a class prototype. */
  readonly maxPrototypeCosine: Float32Array;
  /** [n] one-vs-all probability of "unknown" for the predicted class, where the model has the head. */
  readonly ovaUnknown?: Float32Array;
  /** [n] regression head output (standardized units), where the model has the head. */
  readonly regression?: Float32Array;
}

/**
 * Runs the model in evaluation mode (the domain's running BN statistics) over a whole dataset (or the
 * given rows of it, in that order), batch by batch, without augmentation.
 */
export async function predictDataset(
  model: UdaModel,
  dataset: Dataset,
  domain: Domain,
  batchSize: number,
  only?: Int32Array,
): Promise<DatasetOutputs> {
  const parts: Record<string, Float32Array[]> = {};
  const shape = model.config.inputShape;
  const all = only ?? Int32Array.from({ length: dataset.n }, (_, i) => i);
  for (let start = 0; start < all.length; start += batchSize) {
    const rows = all.subarray(start, start + batchSize);
    const batch = makeBatch(dataset, rows);
    const outputs = tf.tidy(() =>
      batchOutputs(model, tf.tensor4d(batch.images, [rows.length, ...shape]), domain),
    );
    for (const [name, tensor] of Object.entries(outputs)) {
      (parts[name] ??= []).push((await tensor.data()) as Float32Array);
      tensor.dispose();
    }
  }
  const joined = (name: string) => (parts[name] ? concat(parts[name]) : undefined);
  return {
    n: all.length,
    numClasses: model.config.numClasses,
    featureDim: model.featureDim,
    logProbabilities: joined('logProbabilities') ?? new Float32Array(0),
    embedding: joined('embedding') ?? new Float32Array(0),
    maxPrototypeCosine: joined('maxPrototypeCosine') ?? new Float32Array(0),
    ovaUnknown: joined('ovaUnknown'),
    regression: joined('regression'),
  };
}

function batchOutputs(model: UdaModel, images: tf.Tensor4D, domain: Domain): Record<string, tf.Tensor> {
  const output = model.forward(images, domain, { training: false });
  const cosines = tf.matMul(output.embedding, model.classPrototypes(), false, true);
  const result: Record<string, tf.Tensor> = {
    logProbabilities: tf.logSoftmax(output.logits),
    embedding: output.embedding,
    maxPrototypeCosine: tf.max(cosines, 1),
  };
  if (output.ovaLogits) {
    // "unknown" (not this class) of the predicted class's one-vs-all classifier.
    const unknown = tf.squeeze(tf.slice(ovaProbabilities(output.ovaLogits), [0, 0, 0], [-1, -1, 1]), [2]);
    const predicted = tf.oneHot(tf.argMax(output.logits, 1), model.config.numClasses);
    result.ovaUnknown = tf.sum(tf.mul(unknown, predicted), 1);
  }
  if (output.regression) result.regression = tf.reshape(output.regression, [-1]);
  return result;
}

/** The chunks end to end, in order. */
export function concat(chunks: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Mean cross-entropy and accuracy of labelled outputs. @param labels [n] class index */
export function classificationLoss(
  outputs: DatasetOutputs,
  labels: Int32Array,
): { loss: number; accuracy: number } {
  const k = outputs.numClasses;
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < outputs.n; i++) {
    const row = outputs.logProbabilities.subarray(i * k, (i + 1) * k);
    loss -= row[labels[i]];
    if (argMax(row) === labels[i]) correct++;
  }
  return { loss: loss / outputs.n, accuracy: correct / outputs.n };
}

export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
