import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../../model/l2-normalize';

/** Stable name of the one-vs-all head's weight, [d, 2K] (src/model/heads.ts). */
const OVA_KERNEL = 'ova/kernel';

/**
 * OVANet rescales each of its one-vs-all classifier's 2K weight vectors to unit length before every
 * step (`C2.weight_norm()` in Saito & Saenko's training loop), so the OVA logits grow only with the
 * feature norm and the 2-way softmaxes do not saturate on the source alone. A no-op without an OVA head.
 */
export function normalizeOvaWeights(variables: Readonly<Record<string, tf.Variable>>): void {
  const kernel = variables[OVA_KERNEL];
  if (!kernel) return;
  tf.tidy(() => kernel.assign(l2Normalize(kernel as tf.Tensor2D, 0)));
}
