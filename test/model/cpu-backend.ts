import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

/** Model tests run on the pure-JS cpu backend: the independent reference. */
export async function useCpuBackend(): Promise<void> {
  tf.env().set('IS_TEST', true); // silences the "install tfjs-node" banner
  await tf.setBackend('cpu');
  await tf.ready();
}
