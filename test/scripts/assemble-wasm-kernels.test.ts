import { readFileSync } from 'node:fs';
import {
  assembleWasmKernel,
  binaryFile,
  binaryModuleSource,
  WASM_KERNELS,
} from '../../scripts/assemble-wasm-kernels';

test.each(WASM_KERNELS)(
  'the committed SIMD binaries of %s are those of its .wat (npm run build:wasm-kernels)',
  async (name) => {
    const binaries = await assembleWasmKernel(name);
    expect(readFileSync(binaryFile(name), 'utf8')).toBe(binaryModuleSource(name, binaries));
  },
);

test('a source without the plain memory import is refused with its file name', async () => {
  await expect(assembleWasmKernel('conv-filter-gradient-simd', '(module)')).rejects.toThrow(
    /conv-filter-gradient-simd\.wat: expected the import/,
  );
});
