import * as tf from '@tensorflow/tfjs-core';
import { InvalidConfigError } from '../errors';
import type { Logger } from '../logger';
import { BACKEND_PREFERENCES, type BackendPreference } from './backend-preferences';
import { ensureGradientsRegistered } from './register-gradients';
import { registerWasmTrainingKernels } from './wasm-training-kernels';
import { MAX_WASM_THREADS, unrefPoolThreads, withWasmThreads } from './wasm-threads';

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
  /** wasm only: XNNPACK threads (the threaded SIMD build runs when more than 1 was asked for). */
  readonly threads?: number;
  /** Kernels this project registered for the backend (wasm: the convolution gradients). */
  readonly registeredKernels: readonly string[];
}

export interface SelectBackendOptions {
  /**
   * wasm only: XNNPACK threads, 1..MAX_WASM_THREADS (more are capped). Fixed for the life of the
   * process once the wasm backend has started.
   * @default 1
   */
  readonly threads?: number;
}

type Loader = (logger: Logger, options: SelectBackendOptions) => Promise<SelectedBackend>;

async function loadNative(kind: 'tensorflow-gpu' | 'tensorflow', module: string): Promise<SelectedBackend> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(module); // registers the 'tensorflow' backend, CUDA-enabled in the -gpu build
  if (!(await tf.setBackend('tensorflow')))
    throw new Error(`${module} loaded but the 'tensorflow' backend did not initialize`);
  return { name: 'tensorflow', kind, module, registeredKernels: [] };
}

async function loadWasm(logger: Logger, options: SelectBackendOptions): Promise<SelectedBackend> {
  const module = '@tensorflow/tfjs-backend-wasm';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wasm = require(module) as typeof import('@tensorflow/tfjs-backend-wasm');
  const threads = Math.min(options.threads ?? 1, MAX_WASM_THREADS);
  let started: number;
  if (threads > 1) {
    started = await withWasmThreads(
      wasm,
      threads,
      (on) => tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', on),
      () => initialize('wasm', module),
    );
    unrefPoolThreads(tf.backend());
    logger.info({ backend: 'wasm', threads: started }, `wasm threads: ${started} (threaded SIMD build)`);
  } else {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    logger.info({ backend: 'wasm' }, 'wasm threads are off: one thread asked for');
    await initialize('wasm', module);
    started = 1;
  }
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  const registeredKernels = registerWasmTrainingKernels();
  return { name: 'wasm', kind: 'wasm', module, simd, threads: started, registeredKernels };
}

async function initialize(name: string, module: string): Promise<void> {
  if (!(await tf.setBackend(name)))
    throw new Error(`${module} loaded but the '${name}' backend did not initialize`);
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
  wasm: (logger, options) => loadWasm(logger, options),
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
  options: SelectBackendOptions = {},
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
      const selected = await LOADERS[kind](logger, options);
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
