/** The WebAssembly JS API this file uses: the project's lib (ES2023, no DOM) declares none of it. */
export interface WasmMemory {
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

/** A kernel module's two binaries (base64), as scripts/assemble-wasm-kernels.ts writes them. */
export interface SimdModuleBinaries {
  readonly plain: string;
  readonly shared: string;
}

const instances = new WeakMap<SimdModuleBinaries, WeakMap<WasmMemory, object>>();

/** The wasm backend's memory: exported by the single-threaded build, created by JS in the threaded one. */
export function backendMemory(backend: unknown): WasmMemory {
  const module = (backend as EmscriptenModuleMemory).wasm;
  const memory = module?.wasmMemory ?? module?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory))
    throw new Error('the wasm backend exposes no WebAssembly.Memory');
  return memory;
}

/** Whether `memory` is the threaded build's shared memory (which worker threads can share too). */
export function isSharedMemory(memory: WasmMemory): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}

/**
 * A project kernel module instantiated on `backend`'s memory (once per module and memory; compiling
 * takes well under a millisecond), its exports typed as T. Its functions see the memory as it grows,
 * like the backend's own code, and take byte offsets into it.
 */
export function simdModuleFor<T>(backend: unknown, binaries: SimdModuleBinaries): T {
  const memory = backendMemory(backend);
  let byMemory = instances.get(binaries);
  if (byMemory === undefined) instances.set(binaries, (byMemory = new WeakMap()));
  let exports = byMemory.get(memory);
  if (exports === undefined) {
    const bytes = Buffer.from(isSharedMemory(memory) ? binaries.shared : binaries.plain, 'base64');
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
    byMemory.set(memory, exports);
  }
  return exports as T;
}
