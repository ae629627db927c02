import { Worker } from 'node:worker_threads';
import { CONV_FILTER_GRADIENT_SIMD } from './conv-filter-gradient-simd-binary';
import type { ConvFilterGradientSimd } from './conv-filter-gradient-simd';
import { backendMemory, isSharedMemory, type WasmMemory } from './wasm-simd-module';

/**
 * The filter gradient's batch is cut into this many parts (fewer for a smaller batch), each summed
 * into its own partial gradient, and the partials are added in part order. The cut does not depend
 * on the thread count, so the result is bit-identical on any number of threads.
 */
export const FILTER_GRADIENT_PARTS = 8;

/** filter_gradient's 14 arguments (ConvFilterGradientSimd). */
export type FilterGradientArguments = readonly number[];
const ARGUMENTS = 14;

/**
 * Per helper, in a shared Int32Array: its state, its job count, then up to FILTER_GRADIENT_PARTS
 * argument lists. IDLE → WORK (main, then notify) → IDLE (helper, then notify), or FAILED where the
 * helper could not start or its kernel threw.
 */
const IDLE = 0;
const WORK = 1;
const FAILED = 2;
const SLOT = 2 + FILTER_GRADIENT_PARTS * ARGUMENTS;
/** The longest the main thread waits for a helper's share (one call takes well under a second). */
const HELPER_TIMEOUT_MS = 120_000;
/** The main thread re-checks the helper's state this often while it waits. */
const WAIT_SLICE_MS = 1_000;

/** The helper thread: the kernel instantiated on the backend's shared memory, waiting for work. */
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { memory, bytes, control, slot } = workerData;
const c = new Int32Array(control);
const base = slot * ${SLOT};
try {
  const kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  for (;;) {
    Atomics.wait(c, base, ${IDLE});
    const jobs = c[base + 1];
    for (let j = 0; j < jobs; j++) {
      const at = base + 2 + j * ${ARGUMENTS};
      kernel.filter_gradient(...Array.from(c.subarray(at, at + ${ARGUMENTS})));
    }
    Atomics.store(c, base, ${IDLE});
    Atomics.notify(c, base);
  }
} catch (error) {
  console.error('filter-gradient helper thread:', error);
  Atomics.store(c, base, ${FAILED});
  Atomics.notify(c, base);
}
`;

/** Helper threads that run parts of a filter gradient on the wasm backend's shared memory. */
export class FilterGradientHelpers {
  private readonly control: Int32Array;
  private readonly workers: Worker[];

  /**
   * @param memory the threaded build's shared WebAssembly.Memory
   * @param count helper threads (the main thread works too)
   */
  constructor(memory: object, count: number) {
    this.control = new Int32Array(new SharedArrayBuffer(4 * SLOT * count));
    const bytes = Buffer.from(CONV_FILTER_GRADIENT_SIMD.shared, 'base64');
    this.workers = Array.from({ length: count }, (_, slot) => {
      const worker = new Worker(HELPER_SOURCE, {
        eval: true,
        workerData: { memory, bytes, control: this.control.buffer, slot },
      });
      // It only ever works while the main thread waits for it inside run(); it must not hold the process.
      worker.unref();
      return worker;
    });
  }

  get count(): number {
    return this.workers.length;
  }

  /**
   * Runs every job: the first share on this thread, the others on the helpers, and returns once all
   * are done. Jobs write disjoint memory.
   */
  run(kernel: ConvFilterGradientSimd, jobs: readonly FilterGradientArguments[]): void {
    const executors = this.workers.length + 1;
    const share = Math.ceil(jobs.length / executors);
    const started: number[] = [];
    for (let slot = 0; slot < this.workers.length; slot++) {
      const mine = jobs.slice((slot + 1) * share, (slot + 2) * share);
      if (mine.length === 0) break;
      const base = slot * SLOT;
      this.control[base + 1] = mine.length;
      mine.forEach((args, j) => this.control.set(args, base + 2 + j * ARGUMENTS));
      Atomics.store(this.control, base, WORK);
      Atomics.notify(this.control, base);
      started.push(base);
    }
    for (const args of jobs.slice(0, share)) callKernel(kernel, args);
    for (const base of started) this.waitFor(base);
  }

  /** Waits, bounded, until the helper at `base` is idle again; throws if it failed or never finished. */
  private waitFor(base: number): void {
    const deadline = Date.now() + HELPER_TIMEOUT_MS;
    for (;;) {
      const state = Atomics.load(this.control, base);
      if (state === IDLE) return;
      if (state === FAILED)
        throw new Error('a filter-gradient helper thread failed (its error is on stderr)');
      if (Date.now() > deadline) {
        throw new Error(`a filter-gradient helper thread did not finish in ${HELPER_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(this.control, base, WORK, WAIT_SLICE_MS);
    }
  }
}

export function callKernel(kernel: ConvFilterGradientSimd, args: FilterGradientArguments): void {
  (kernel.filter_gradient as (...values: number[]) => void)(...args);
}

/** What the wasm backend keeps of its thread pool's size. */
interface ThreadsCountOf {
  readonly wasm?: { readonly tfjs?: { getThreadsCount?(): number } };
}

const helpersByMemory = new WeakMap<WasmMemory, FilterGradientHelpers>();

/**
 * Helper threads for `backend`, one fewer than its XNNPACK threads, started on first use; undefined on
 * the single-threaded build (its memory cannot be shared) or one thread.
 */
export function filterGradientHelpersFor(backend: unknown): FilterGradientHelpers | undefined {
  const memory = backendMemory(backend);
  const threads = (backend as ThreadsCountOf).wasm?.tfjs?.getThreadsCount?.() ?? 1;
  if (!isSharedMemory(memory) || threads <= 1) return undefined;
  let helpers = helpersByMemory.get(memory);
  if (helpers === undefined) {
    helpers = new FilterGradientHelpers(memory, Math.min(threads, FILTER_GRADIENT_PARTS) - 1);
    helpersByMemory.set(memory, helpers);
  }
  return helpers;
}
