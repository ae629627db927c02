import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../../errors';
import { l2Normalize } from '../../model/l2-normalize';

/** Added to a row's own similarity so that exp() of it is 0: a sample is never its own negative. */
const SELF_MASK = -1e9;

/**
 * NT-Xent, the normalized-temperature cross-entropy of SimCLR (Chen et al. 2020), over two views of
 * the same n images: with z the 2n L2-normalized rows (view 1, then view 2) and s_ij = z_i·z_j / τ,
 * each row's positive is the other view of its image and every other row of the 2n is a negative:
 * `L = mean_i [ −s_{i,p(i)} + log Σ_{j≠i} exp(s_ij) ]`, p(i) = i ± n.
 * @param view1 [n, d] features of the first view of each image
 * @param view2 [n, d] features of the second view, row i the same image as view1's row i
 * @param temperature τ > 0
 * @returns scalar ≥ 0; ln(2n − 1) when every similarity is equal
 */
export function ntXentLoss(view1: tf.Tensor2D, view2: tf.Tensor2D, temperature: number): tf.Scalar {
  const [n] = view1.shape;
  if (n < 2 || view2.shape[0] !== n || view2.shape[1] !== view1.shape[1]) {
    throw new TrainingError(
      `ntXentLoss: expected two [n, d] views with n >= 2 of the same shape, got [${view1.shape}] and [${view2.shape}]`,
    );
  }
  return tf.tidy(() => {
    const z = l2Normalize(tf.concat([view1, view2], 0));
    const similarities = tf.div(tf.matMul(z, z, false, true), temperature);
    const masked = tf.add(similarities, tf.mul(tf.eye(2 * n), SELF_MASK));
    const partners = Int32Array.from({ length: 2 * n }, (_, i) => (i + n) % (2 * n));
    const positives = tf.oneHot(tf.tensor1d(partners, 'int32'), 2 * n);
    const logProbabilities = tf.logSoftmax(masked);
    return tf.neg(tf.mean(tf.sum(tf.mul(logProbabilities, positives), 1))) as tf.Scalar;
  });
}
