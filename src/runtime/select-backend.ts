import * as tf from '@tensorflow/tfjs-core';
import { InvalidConfigError } from '../errors';
import type { Logger } from '../logger';
import { BACKEND_PREFERENCES, type BackendPreference } from './backend-preferences';
import { ensureGradientsRegistered } from './register-gradients';
import { registerWasmTrainingKernels } from './wasm-training-kernels';

export { BACKEND_PREFERENCES, type BackendPreference };

export interface SelectedBackend {
  /** The tfjs backend name now active: 'tensorflow' (native, CPU or GPU), 'wasm' or 'cpu'. */
  readonly name: 'tensorflow' | 'wasm' | 'cpu';
  /** The preference that loaded it, e.g. 'tensorflow-gpu'; recorded in the run. */
  readonly kind: Exclude<BackendPreference, 'auto'>;
  /** The npm module that provides it. */
  readonly module: string;
  /** wasm only: whether the SIMD binary runs. */
  readonly simd?: boolean;
  /** wasm only: XNNPACK threads (1: Node cannot run the threaded build in tfjs 4.22). */
  readonly threads?: number;
  /** Kernels this project registered for the backend (wasm: the convolution gradients). */
  readonly registeredKernels: readonly string[];
}

type Loader = (logger: Logger) => Promise<SelectedBackend>;

async function loadNative(kind: 'tensorflow-gpu' | 'tensorflow', module: string): Promise<SelectedBackend> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(module); // registers the 'tensorflow' backend, CUDA-enabled in the -gpu build
  if (!(await tf.setBackend('tensorflow')))
    throw new Error(`${module} loaded but the 'tensorflow' backend did not initialize`);
  return { name: 'tensorflow', kind, module, registeredKernels: [] };
}

async function loadWasm(logger: Logger): Promise<SelectedBackend> {
  const module = '@tensorflow/tfjs-backend-wasm';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(module);
  // The threaded build needs browser-style workers that tfjs 4.22 cannot start under Node.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  logger.info(
    { backend: 'wasm' },
    'wasm threads are off: tfjs 4.22 cannot start its worker threads under Node',
  );
  if (!(await tf.setBackend('wasm')))
    throw new Error(`${module} loaded but the 'wasm' backend did not initialize`);
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  const registeredKernels = registerWasmTrainingKernels();
  return { name: 'wasm', kind: 'wasm', module, simd, threads: 1, registeredKernels };
}

async function loadCpu(): Promise<SelectedBackend> {
  const module = '@tensorflow/tfjs-backend-cpu';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(module);
  if (!(await tf.setBackend('cpu'))) throw new Error(`${module} did not initialize`);
  return { name: 'cpu', kind: 'cpu', module, registeredKernels: [] };
}

const LOADERS: Readonly<Record<Exclude<BackendPreference, 'auto'>, Loader>> = {
  'tensorflow-gpu': () => loadNative('tensorflow-gpu', '@tensorflow/tfjs-node-gpu'),
  tensorflow: () => loadNative('tensorflow', '@tensorflow/tfjs-node'),
  wasm: loadWasm,
  cpu: loadCpu,
};

/** The order 'auto' tries. The pure-JS cpu backend is not in it: about 25 times slower than wasm. */
export const AUTO_ORDER = ['tensorflow-gpu', 'tensorflow', 'wasm'] as const;

/**
 * Activates the fastest TensorFlow.js backend that loads, or the one asked for, and registers the
 * gradients (and, for wasm, the convolution-gradient kernels) training needs.
 * @throws InvalidConfigError when an explicitly requested backend (or, for 'auto', every one) fails to load
 */
export async function selectBackend(
  preference: BackendPreference = 'auto',
  logger: Logger,
): Promise<SelectedBackend> {
  if (!BACKEND_PREFERENCES.includes(preference)) {
    throw new InvalidConfigError(
      `backend must be one of ${BACKEND_PREFERENCES.join(', ')}, got ${JSON.stringify(preference)}`,
    );
  }
  ensureGradientsRegistered();
  const candidates = preference === 'auto' ? AUTO_ORDER : [preference];
  const reasons: string[] = [];
  for (const kind of candidates) {
    try {
      const selected = await LOADERS[kind](logger);
      logger.info({ ...selected }, `TensorFlow.js backend: ${selected.name} (${selected.module})`);
      return selected;
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0];
      reasons.push(`${kind}: ${reason}`);
      logger.info({ backend: kind, reason }, `backend ${kind} skipped: ${reason}`);
    }
  }
  throw new InvalidConfigError(
    `no TensorFlow.js backend could be loaded for '${preference}': ${reasons.join('; ')}`,
  );
}
