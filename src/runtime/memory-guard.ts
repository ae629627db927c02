import { OutOfMemoryError } from '../errors';

/** How the WebAssembly heap (capped at 4 GB) and V8 report running out of memory. */
const OUT_OF_MEMORY =
  /Aborted\(OOM\)|out of memory|Cannot enlarge memory|allocation failed|Array buffer allocation failed|\bOOM\b/i;

/** Whether an error is an out-of-memory abort of the wasm heap or a failed allocation. */
export function isOutOfMemory(error: unknown): boolean {
  if (!(error instanceof Object)) return false;
  // Matched by message, not class: the RuntimeError may come from another realm (jest) than ours.
  return OUT_OF_MEMORY.test(String((error as Error).message ?? ''));
}

export interface MemoryGuardOptions {
  /** The batch size of the work inside, named in the error with a smaller suggestion. */
  readonly batchSize: number;
}

function outOfMemoryError(batchSize: number, cause: unknown): OutOfMemoryError {
  const smaller = Math.max(1, Math.floor(batchSize / 2));
  return new OutOfMemoryError(
    `out of memory at batch size ${batchSize} (the WebAssembly heap is capped at 4 GB): ` +
      `use a smaller batch size, e.g. ${smaller}, or smaller images or network; the process must be restarted`,
    { cause },
  );
}

/**
 * Runs fn and turns an out-of-memory abort (wasm "Aborted(OOM)", a RuntimeError from the heap, a
 * failed allocation) into OutOfMemoryError naming the batch size; other errors pass through.
 */
export async function withMemoryGuard<T>(fn: () => T | Promise<T>, options: MemoryGuardOptions): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isOutOfMemory(error)) throw outOfMemoryError(options.batchSize, error);
    throw error;
  }
}

/** The synchronous form of withMemoryGuard, for a training step that must not become async. */
export function withMemoryGuardSync<T>(fn: () => T, options: MemoryGuardOptions): T {
  try {
    return fn();
  } catch (error) {
    if (isOutOfMemory(error)) throw outOfMemoryError(options.batchSize, error);
    throw error;
  }
}
