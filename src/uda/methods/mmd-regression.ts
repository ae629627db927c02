import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../../model/l2-normalize';
import { gaussianMmdLoss } from '../losses/gaussian-mmd';
import type { LossParameters, MethodInputs, MethodLoss } from './method-inputs';
import { requireInput } from './required-input';
import { supervisedTerm } from './supervised';

/**
 * The regression method `mmd`: `L = L_MSE + λ·MMD(source features, target features)`, on L2-normalized
 * features so the kernel widths keep their meaning whatever the feature scale (ALGORITHM.md, Regression).
 */
export function mmdRegressionLoss(inputs: MethodInputs, params: LossParameters): MethodLoss {
  const supervised = supervisedTerm('mmd', inputs, params);
  const target = requireInput(inputs.target, 'mmd', 'a target batch');
  const mmd = gaussianMmdLoss(
    l2Normalize(inputs.source.features),
    l2Normalize(target.features),
    params.mmdBandwidths,
  );
  return {
    total: tf.add(supervised.value, tf.mul(params.lambda, mmd)) as tf.Scalar,
    terms: { [supervised.name]: supervised.value, mmd },
    diagnostics: {},
  };
}
