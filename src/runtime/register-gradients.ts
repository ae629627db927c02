import * as tf from '@tensorflow/tfjs-core';

/**
 * Registers the gradients of every tfjs-core op, once. tfjs-core's CommonJS build (what Node loads)
 * ships the ops without their gradients; they exist only as ES modules with extensionless imports,
 * which Node cannot load. The `@tensorflow/tfjs` package's CommonJS build registers the same gradient
 * configs into tfjs's global registry when it is loaded (tfjs-node depends on it for the same reason),
 * so loading it once is enough.
 */
export function ensureGradientsRegistered(): void {
  if (tf.getGradient('Conv2D') !== undefined) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@tensorflow/tfjs');
  tf.util.assert(tf.getGradient('Conv2D') !== undefined, () => 'tfjs-core gradients could not be registered');
}
