import * as tf from '@tensorflow/tfjs-core';

const GRADIENTS_MODULE = '@tensorflow/tfjs-core/dist/register_all_gradients.js';

/**
 * Bundles tfjs-core's ES-module gradient registrations into one CommonJS script and runs it. Its
 * copy of the ops finds the same engine and registries through tfjs's global namespace, so the
 * gradients it registers serve the main copy's ops.
 */
function registerFromBundle(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const bundle = esbuild.buildSync({
    entryPoints: [require.resolve(GRADIENTS_MODULE)],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const run = new Function('module', 'exports', bundle.outputFiles[0].text);
  const module = { exports: {} };
  run(module, module.exports);
}

/**
 * Registers the gradients of every tfjs-core op, once. tfjs-core's CommonJS build (what Node loads)
 * ships the ops without their gradients; they exist only as ES modules, which tsx loads directly and
 * plain CommonJS loaders (jest, node) cannot, so those get an in-memory bundle made with esbuild.
 */
export function ensureGradientsRegistered(): void {
  if (tf.getGradient('Conv2D') !== undefined) return;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(GRADIENTS_MODULE);
  } catch (error) {
    // Compare by name: jest raises the SyntaxError of another realm.
    const { name, code } = error as NodeJS.ErrnoException;
    if (name !== 'SyntaxError' && code !== 'ERR_REQUIRE_ESM') throw error;
    registerFromBundle();
  }
  tf.util.assert(tf.getGradient('Conv2D') !== undefined, () => 'tfjs-core gradients could not be registered');
}
