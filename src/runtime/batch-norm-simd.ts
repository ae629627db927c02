import { BATCH_NORM_SIMD_PLAIN, BATCH_NORM_SIMD_SHARED } from './batch-norm-simd-binary';

/**
 * The passes of batch-norm-simd.wat, on the tfjs wasm backend's memory. Arguments are byte offsets
 * into that memory (pointers), the row count of the [rows, c] matrix and c; see the .wat for each.
 */
export interface BatchNormSimd {
  moments(x: number, rows: number, c: number, shift: number, sum: number, sumSquares: number): void;
  scale_shift(
    x: number,
    y: number,
    rows: number,
    c: number,
    scale: number,
    shift: number,
    relu: number,
  ): void;
  gradient_sums(
    dy: number,
    x: number,
    rows: number,
    c: number,
    mean: number,
    sumDy: number,
    sumDyX: number,
  ): void;
  input_gradient(
    dy: number,
    x: number,
    dx: number,
    rows: number,
    c: number,
    a: number,
    mean: number,
    b: number,
    d: number,
  ): void;
}

/** The WebAssembly JS API this file uses: the project's lib (ES2023, no DOM) declares none of it. */
interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
interface WasmApi {
  readonly Memory: abstract new (...args: never[]) => WasmMemory;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** What the tfjs wasm backend keeps of its Emscripten module: the memory, under either build's name. */
interface EmscriptenModuleMemory {
  readonly wasm?: {
    readonly wasmMemory?: WasmMemory;
    readonly asm?: { memory?: WasmMemory };
  };
}

const instances = new WeakMap<WasmMemory, BatchNormSimd>();

/** The wasm backend's memory: exported by the single-threaded build, created by JS in the threaded one. */
function backendMemory(backend: unknown): WasmMemory {
  const module = (backend as EmscriptenModuleMemory).wasm;
  const memory = module?.wasmMemory ?? module?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory))
    throw new Error('the wasm backend exposes no WebAssembly.Memory');
  return memory;
}

/**
 * The SIMD batch-norm passes instantiated on `backend`'s memory (once per memory; compiling takes
 * well under a millisecond). They see the memory as it grows, like the backend's own code.
 */
export function batchNormSimdFor(backend: unknown): BatchNormSimd {
  const memory = backendMemory(backend);
  let simd = instances.get(memory);
  if (simd === undefined) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const bytes = Buffer.from(shared ? BATCH_NORM_SIMD_SHARED : BATCH_NORM_SIMD_PLAIN, 'base64');
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    simd = instance.exports as unknown as BatchNormSimd;
    instances.set(memory, simd);
  }
  return simd;
}
