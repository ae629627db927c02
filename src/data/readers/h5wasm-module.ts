import * as vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import type * as H5 from 'h5wasm';

/** The h5wasm module, initialised (its WebAssembly compiled and ready). */
export type H5wasm = typeof H5.default;

let loading: Promise<H5wasm> | undefined;

/**
 * Loads h5wasm once per process. h5wasm ships only as an ES module, and this project compiles to
 * CommonJS, where a static `import` becomes `require`: tsx then rewrites h5wasm's ESM into broken CJS,
 * and jest refuses ESM from node_modules. A real dynamic `import()` (hidden from the TypeScript
 * compiler, which would turn it into `require`) works under node and tsx. jest's sandbox has no
 * dynamic-import hook, so there the import runs through Node's own loader in the main context.
 */
export function loadH5wasm(): Promise<H5wasm> {
  loading ??= importH5wasm().then(async (module) => {
    await module.ready;
    return module;
  });
  return loading;
}

async function importH5wasm(): Promise<H5wasm> {
  const specifier = pathToFileURL(require.resolve('h5wasm')).href;
  const dynamicImport = new Function('specifier', 'return import(specifier)') as (
    specifier: string,
  ) => Promise<{ default: H5wasm }>;
  try {
    return (await dynamicImport(specifier)).default;
  } catch (error) {
    if (!isMissingDynamicImportHook(error)) throw error;
    const script = new vm.Script(`import(${JSON.stringify(specifier)})`, {
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    return ((await script.runInThisContext()) as { default: H5wasm }).default;
  }
}

function isMissingDynamicImportHook(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING');
}
