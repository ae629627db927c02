import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadH5wasm } from '../../../src/data/readers/h5wasm-module';

/** One HDF5 dataset to write: values, shape and h5wasm dtype ('<B' uint8, '<q' int64, '<f' float32…). */
export interface Hdf5Column {
  readonly data: Uint8Array | Int32Array | BigInt64Array | Float32Array | Float64Array | string[];
  readonly shape?: number[];
  readonly dtype?: string;
}

/** Writes a real HDF5 file with h5wasm, one dataset per entry. */
export async function writeHdf5(path: string, columns: Record<string, Hdf5Column>): Promise<void> {
  const h5 = await loadH5wasm();
  const file = new h5.File(path, 'w');
  try {
    for (const [name, { data, shape, dtype }] of Object.entries(columns)) {
      file.create_dataset({ name, data, shape: shape ?? null, dtype: dtype ?? null });
    }
  } finally {
    file.close();
  }
}

/** Pseudo-random uint8 pixels: every byte differs from its neighbours, so a misplaced byte shows. */
export function noiseImages(count: number, seed = 1): Uint8Array {
  const pixels = new Uint8Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    pixels[i] = state >>> 24;
  }
  return pixels;
}

/** A fresh temporary folder per test file, removed afterwards. */
export function useTempDir(): { path: () => string } {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deepastro-data-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return { path: () => dir };
}
