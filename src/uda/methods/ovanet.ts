import * as tf from '@tensorflow/tfjs-core';
import { openEntropyLoss } from '../losses/open-entropy';
import { ovaSourceLoss } from '../losses/ova-source';
import type { LossParameters, MethodInputs, MethodLoss } from './method-inputs';
import { requireInput } from './required-input';
import { supervisedTerm } from './supervised';

/**
 * OVANet (Saito & Saenko 2021): closed-set CE, plus the one-vs-all source loss (positive + hardest
 * negative) weighted by ovaSourceWeight, plus open-set entropy minimization on the target weighted by
 * openEntropyWeight.
 */
export function ovanetLoss(inputs: MethodInputs, params: LossParameters): MethodLoss {
  const supervised = supervisedTerm('ovanet', inputs, params);
  const sourceOva = requireInput(inputs.source.ovaLogits, 'ovanet', 'source.ovaLogits');
  const labels = requireInput(inputs.source.labels, 'ovanet', 'source.labels');
  const targetOva = requireInput(inputs.target?.ovaLogits, 'ovanet', 'target.ovaLogits');
  const { positive, hardNegative } = ovaSourceLoss(sourceOva, labels);
  const openEntropy = openEntropyLoss(targetOva);
  const total = tf.addN([
    supervised.value,
    tf.mul(params.ovaSourceWeight, tf.add(positive, hardNegative)),
    tf.mul(params.openEntropyWeight, openEntropy),
  ]);
  return {
    total: total as tf.Scalar,
    terms: {
      [supervised.name]: supervised.value,
      ovaPositive: positive,
      ovaHardNegative: hardNegative,
      openEntropy,
    },
    diagnostics: {},
  };
}
