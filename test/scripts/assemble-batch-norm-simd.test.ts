import {
  assembleBatchNormSimd,
  BINARY_FILE,
  binaryModuleSource,
} from '../../scripts/assemble-batch-norm-simd';
import { readFileSync } from 'node:fs';

test('the committed batch-norm SIMD binaries are those of batch-norm-simd.wat (npm run build:wasm-kernels)', async () => {
  const binaries = await assembleBatchNormSimd();
  expect(readFileSync(BINARY_FILE, 'utf8')).toBe(binaryModuleSource(binaries));
});
