import * as tf from '@tensorflow/tfjs-core';
import { entropySeparationLoss } from '../losses/entropy-separation';
import { clusteringTerm } from './deepastro';
import type { LossParameters, MethodInputs, MethodLoss } from './method-inputs';
import { requireInput } from './required-input';
import { supervisedTerm } from './supervised';

/**
 * DANCE (Saito et al. 2020): `L = L_CE + η·(L_nc + L_es)`, neighborhood clustering against a target
 * memory bank whatever the clustering option says.
 */
export function danceLoss(inputs: MethodInputs, params: LossParameters): MethodLoss {
  const supervised = supervisedTerm('dance', inputs, params);
  const cluster = clusteringTerm('dance', inputs, { ...params, clustering: 'neighborhood' });
  const targetLogits = requireInput(inputs.target?.logits, 'dance', 'target.logits');
  const separation = entropySeparationLoss(targetLogits, params.rho, params.margin);
  const total = tf.add(supervised.value, tf.mul(params.eta, tf.add(cluster.value, separation)));
  return {
    total: total as tf.Scalar,
    terms: { [supervised.name]: supervised.value, cluster: cluster.value, entropySeparation: separation },
    diagnostics: {},
  };
}
