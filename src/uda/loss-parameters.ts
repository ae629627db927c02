import type { RunConfig } from '../config/run-config-types';
import { classWeights } from './losses/class-weighted-cross-entropy';
import type { LossParameters } from './methods/method-inputs';

/**
 * The loss settings of a resolved run config.
 * @param sourceClassCounts n_k of the source training split, length K; weights w_k = N_s/(K·n_k)
 *   (all 1 when omitted, e.g. with class-balanced sampling or for regression)
 */
export function lossParameters(config: RunConfig, sourceClassCounts?: readonly number[]): LossParameters {
  const h = config.hyperparameters;
  const numClasses = config.classes.source.length;
  return {
    classWeights: sourceClassCounts ? classWeights(sourceClassCounts) : new Array<number>(numClasses).fill(1),
    lambda: h.lambda,
    separationWeight: h.separationWeight,
    eta: h.eta,
    rho: h.rho,
    margin: h.margin,
    topK: h.topK,
    temperature: h.temperature,
    clustering: h.clustering,
    ovaSourceWeight: h.ovaSourceWeight,
    openEntropyWeight: h.openEntropyWeight,
    mmdBandwidths: h.mmdBandwidths,
    ...(h.selfSupervision && { selfSupervision: h.selfSupervision }),
  };
}
