import * as tf from '@tensorflow/tfjs-core';
import type { Domain } from '../../data/dataset';
import type { UdaModel } from '../../model';
import { MemoryBank } from '../memory-bank';
import type { TrainingComponents } from './training-components';
import { group, inGroup, type NamedArrays, type ShapedArray } from './tensor-pack';

/** A copy of every model weight (BN running statistics included) as plain arrays, by stable name. */
export async function modelArrays(model: UdaModel): Promise<NamedArrays> {
  const weights = model.getWeights();
  try {
    const arrays: Record<string, ShapedArray> = {};
    for (const [name, tensor] of Object.entries(weights)) {
      arrays[name] = { shape: tensor.shape, values: Float32Array.from(await tensor.data()) };
    }
    return arrays;
  } finally {
    tf.dispose(Object.values(weights));
  }
}

/** Assigns every model weight from plain arrays. */
export function setModelArrays(model: UdaModel, arrays: NamedArrays): void {
  const weights = Object.fromEntries(
    Object.entries(arrays).map(([name, a]) => [name, tf.tensor(a.values, [...a.shape])]),
  );
  try {
    model.setWeights(weights);
  } finally {
    tf.dispose(Object.values(weights));
  }
}

/** The model, optimizer buffers and memory banks as checkpoint arrays (`model/…`, `optimizer/…`, `bank/…`). */
export async function componentArrays(components: TrainingComponents): Promise<Record<string, ShapedArray>> {
  const optimizer = await components.optimizer.getState();
  const banks: Record<string, ShapedArray> = {};
  for (const bank of Object.values(components.banks)) {
    if (!bank) continue;
    const state = await bank.getState();
    banks[bank.domain] = { shape: [state.size, state.dim], values: state.features };
  }
  return {
    ...inGroup('model', await modelArrays(components.model)),
    ...inGroup('optimizer', optimizer.accumulators),
    ...inGroup('bank', banks),
  };
}

/** The memory banks' momentum μ by domain, stored beside their arrays. */
export function bankMomentum(components: TrainingComponents): Record<string, number> {
  return Object.fromEntries(
    Object.values(components.banks)
      .filter((bank) => bank !== undefined)
      .map((bank) => [bank.domain, bank.momentum]),
  );
}

/** Puts a checkpoint's model weights, optimizer state and memory banks back into freshly built components. */
export function restoreComponents(
  components: TrainingComponents,
  arrays: NamedArrays,
  optimizer: { readonly learningRate: number; readonly step: number },
  momentum: Readonly<Record<string, number>>,
): void {
  setModelArrays(components.model, group(arrays, 'model'));
  const accumulators = Object.fromEntries(
    Object.entries(group(arrays, 'optimizer')).map(([name, a]) => [
      name,
      { shape: [...a.shape], values: a.values },
    ]),
  );
  components.optimizer.setState({ ...optimizer, accumulators });
  for (const [domain, bank] of Object.entries(group(arrays, 'bank')) as [Domain, ShapedArray][]) {
    components.banks[domain]?.dispose();
    const [size, dim] = bank.shape;
    components.banks[domain] = MemoryBank.fromState({
      domain,
      size,
      dim,
      momentum: momentum[domain],
      features: bank.values,
    });
  }
}
