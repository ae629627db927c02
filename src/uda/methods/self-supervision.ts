import * as tf from '@tensorflow/tfjs-core';
import { ntXentLoss } from '../losses/nt-xent';
import type { LossParameters, MethodInputs, MethodLoss } from './method-inputs';

/**
 * A method's loss plus target self-supervision where configured: `L + w·mean_domains NT-Xent(view 1,
 * view 2)` over the domains whose second view the step produced (source and target; each through its
 * own BN), on the L2-normalized views (the projection head's outputs, or the backbone features without
 * one). Without selfSupervision, or without any second view, the loss is returned unchanged.
 */
export function withSelfSupervision(
  loss: MethodLoss,
  inputs: MethodInputs,
  params: LossParameters,
): MethodLoss {
  const settings = params.selfSupervision;
  const views = [inputs.source?.views, inputs.target?.views].filter((v) => v !== undefined);
  if (!settings || views.length === 0) return loss;
  const perDomain = views.map(([view1, view2]) => ntXentLoss(view1, view2, settings.temperature));
  const contrastive = tf.div(tf.addN(perDomain), perDomain.length) as tf.Scalar;
  return {
    total: tf.add(loss.total, tf.mul(settings.weight, contrastive)) as tf.Scalar,
    terms: { ...loss.terms, selfSupervision: contrastive },
    diagnostics: loss.diagnostics,
  };
}
