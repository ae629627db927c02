import * as tf from '@tensorflow/tfjs-core';
import type { MethodName } from '../../config/run-config-schema';
import type { Domain } from '../../data/dataset';
import { danceLoss } from './dance';
import { deepastroLoss } from './deepastro';
import type { ClusteringVariant, LossParameters, MethodInputs, MethodLoss } from './method-inputs';
import { mmdRegressionLoss } from './mmd-regression';
import { ovanetLoss } from './ovanet';
import { withSelfSupervision } from './self-supervision';
import { sourceOnlyLoss } from './source-only';

export type { MethodName };
export type { ClusteringVariant, LossParameters, MethodInputs, MethodLoss } from './method-inputs';
export type { ContrastiveViews, MemoryBankFeatures, SourceOutputs, TargetOutputs } from './method-inputs';

/** What the training loop must provide for a method; the loss itself lives in `loss`. */
export interface MethodTraits {
  /** Domain-specific BN (false: one shared BN, the `none` baseline). */
  readonly domainSpecificBn: boolean;
  /** Target batches go through the model each step (for `source-only` only to adapt target BN statistics). */
  readonly usesTarget: boolean;
  /** The model needs the one-vs-all head. */
  readonly ovaHead: boolean;
  readonly loss: (inputs: MethodInputs, params: LossParameters) => MethodLoss;
}

/**
 * Every method and baseline of ALGORITHM.md and issue 3; `mmd` is the regression adaptation. Which
 * methods apply to regression is a config rule (REGRESSION_METHODS in src/config).
 */
export const METHODS = {
  none: {
    domainSpecificBn: false,
    usesTarget: false,
    ovaHead: false,
    loss: sourceOnlyLoss,
  },
  'source-only': {
    domainSpecificBn: true,
    usesTarget: true,
    ovaHead: false,
    loss: sourceOnlyLoss,
  },
  deepastro: { domainSpecificBn: true, usesTarget: true, ovaHead: false, loss: deepastroLoss },
  dance: { domainSpecificBn: true, usesTarget: true, ovaHead: false, loss: danceLoss },
  ovanet: { domainSpecificBn: true, usesTarget: true, ovaHead: true, loss: ovanetLoss },
  mmd: { domainSpecificBn: true, usesTarget: true, ovaHead: false, loss: mmdRegressionLoss },
} as const satisfies Record<MethodName, MethodTraits>;

/**
 * Which memory banks a method reads: adaptive clustering uses source and target banks, neighborhood
 * clustering (dance, or deepastro with clustering 'neighborhood') the target bank, the rest none.
 */
export function memoryBankDomains(method: MethodName, clustering: ClusteringVariant): readonly Domain[] {
  if (method === 'dance') return ['target'];
  if (method === 'deepastro') return clustering === 'adaptive' ? ['source', 'target'] : ['target'];
  return [];
}

/**
 * One step's loss of a method, composed from the loss files, plus self-supervision where configured. Call it inside tf.variableGrads (or
 * tf.tidy): `total` is the value to minimize; every tensor in `terms` and `diagnostics` is a tf.keep'd
 * copy that the caller must dispose after reading (see disposeMethodLoss).
 */
export function methodLoss(method: MethodName, inputs: MethodInputs, params: LossParameters): MethodLoss {
  const loss = withSelfSupervision(METHODS[method].loss(inputs, params), inputs, params);
  const keep = (tensors: Record<string, tf.Scalar>): Record<string, tf.Scalar> =>
    Object.fromEntries(Object.entries(tensors).map(([name, value]) => [name, tf.keep(tf.clone(value))]));
  return { total: loss.total, terms: keep(loss.terms), diagnostics: keep(loss.diagnostics) };
}

/** Disposes the kept terms and diagnostics of a methodLoss result (not `total`, which its scope owns). */
export function disposeMethodLoss(loss: Pick<MethodLoss, 'terms' | 'diagnostics'>): void {
  tf.dispose([...Object.values(loss.terms), ...Object.values(loss.diagnostics)]);
}
