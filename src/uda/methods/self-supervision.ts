import * as tf from '@tensorflow/tfjs-core';
import { ntXentLoss } from '../losses/nt-xent';
import type { LossParameters, MethodInputs, MethodLoss } from './method-inputs';

/**
 * A method's loss plus target self-supervision where configured: `L + w·mean_domains NT-Xent(view 1,
 * view 2)` over the domains whose second view the step produced (source and target; each through its
 * own BN), on the L2-normalized backbone features. Without selfSupervision, or without any second view,
 * the loss is returned unchanged.
 */
export function withSelfSupervision(
  loss: MethodLoss,
  inputs: MethodInputs,
  params: LossParameters,
): MethodLoss {
  const settings = params.selfSupervision;
  const domains = [inputs.source, inputs.target].filter(
    (outputs): outputs is NonNullable<typeof outputs> & { viewFeatures: tf.Tensor2D } =>
      outputs?.viewFeatures !== undefined,
  );
  if (!settings || domains.length === 0) return loss;
  const perDomain = domains.map((outputs) =>
    ntXentLoss(outputs.features, outputs.viewFeatures, settings.temperature),
  );
  const contrastive = tf.div(tf.addN(perDomain), perDomain.length) as tf.Scalar;
  return {
    total: tf.add(loss.total, tf.mul(settings.weight, contrastive)) as tf.Scalar,
    terms: { ...loss.terms, selfSupervision: contrastive },
    diagnostics: loss.diagnostics,
  };
}
