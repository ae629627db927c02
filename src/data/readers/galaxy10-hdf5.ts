import type * as H5 from 'h5wasm';
import { DataFormatError, DeepAstroError } from '../../errors';
import type { Dataset } from '../dataset';
import { assertHdf5File } from './hdf5-header';
import { loadH5wasm, type H5wasm } from './h5wasm-module';
import { finishDataset, type ReadOptions, type ReadParts } from './read-options';

/** h5wasm's datatype classes (H5T_class_t). */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;

/**
 * Images are copied out of the WebAssembly heap in slices of about this many bytes, not all at once:
 * the heap then never holds a second copy of the file. 16 MB read faster than 64 MB and peaked at
 * about half the memory (bench/README.md, bench:read).
 */
const SLICE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a Galaxy10-style HDF5 file (DESIGN.md, "Dataset file"): `images` uint8 [N,H,W,C] or [N,H,W]
 * (grayscale, read as C = 1), `ans` integer [N], optional `class_names` [K] strings, optional `ra`,
 * `dec`, `redshift` [N], and every `param_<name>` [N] numeric dataset as extras `<name>`.
 * Throws DataFormatError naming the file for a missing dataset, wrong rank or dtype, inconsistent
 * lengths, labels out of range, a class list mismatch, an empty class, a wrong image size, or a
 * truncated or non-HDF5 file.
 */
export async function readGalaxy10Hdf5(path: string, options: ReadOptions): Promise<Dataset> {
  await assertHdf5File(path);
  const file = openFile(await loadH5wasm(), path);
  let parts: ReadParts;
  try {
    parts = readParts(file, path);
  } catch (error) {
    if (error instanceof DeepAstroError) throw error;
    throw new DataFormatError(`${path}: the HDF5 library cannot read the file (${describe(error)})`, {
      cause: error,
    });
  } finally {
    file.close();
  }
  return finishDataset(parts, options);
}

function openFile(h5: H5wasm, path: string): H5.File {
  let file: H5.File | undefined;
  try {
    file = new h5.File(path, 'r');
  } catch (error) {
    throw new DataFormatError(`${path}: the HDF5 library cannot open the file (${describe(error)})`, {
      cause: error,
    });
  }
  // h5wasm reports a failed open with a negative id rather than an exception.
  if (file.file_id < 0n)
    throw new DataFormatError(`${path}: the HDF5 library cannot open the file (corrupt or truncated)`);
  return file;
}

function readParts(file: H5.File, path: string): ReadParts {
  const images = requireDataset(file, 'images', path);
  const labels = readLabels(requireDataset(file, 'ans', path), path);
  const { n, height, width, channels, pixels } = readImages(images, path);
  if (labels.length !== n) {
    throw new DataFormatError(`${path}: 'ans' has ${labels.length} labels but 'images' has ${n} images`);
  }
  const column = (name: string) => optionalColumn(file, name, n, path);
  const extras: Record<string, Float64Array> = {};
  for (const key of file.keys().filter((name) => name.startsWith('param_'))) {
    extras[key.slice('param_'.length)] = column(key)!;
  }
  return {
    images: pixels,
    n,
    height,
    width,
    channels,
    labels,
    classNames: readClassNames(file, path),
    ra: column('ra'),
    dec: column('dec'),
    redshift: column('redshift'),
    extras: Object.keys(extras).length > 0 ? extras : undefined,
    origin: path,
  };
}

function readImages(dataset: H5.Dataset, path: string) {
  const { shape, metadata } = dataset;
  if (shape.length !== 3 && shape.length !== 4) {
    throw new DataFormatError(
      `${path}: 'images' has rank ${shape.length} [${shape}], expected [N,H,W,C] or [N,H,W]`,
    );
  }
  if (metadata.type !== H5T_INTEGER || metadata.size !== 1 || metadata.signed) {
    throw new DataFormatError(`${path}: 'images' has dtype ${dtypeName(metadata)}, expected uint8`);
  }
  const [n, height, width, channels = 1] = shape;
  const imageBytes = height * width * channels;
  const pixels = new Uint8Array(n * imageBytes);
  const rowsPerSlice = Math.max(1, Math.floor(SLICE_BYTES / Math.max(1, imageBytes)));
  for (let start = 0; start < n; start += rowsPerSlice) {
    const end = Math.min(n, start + rowsPerSlice);
    pixels.set(asBytes(dataset.slice([[start, end]]), path), start * imageBytes);
  }
  return { n, height, width, channels, pixels };
}

function readLabels(dataset: H5.Dataset, path: string): Int32Array {
  const { shape, metadata } = dataset;
  if (shape.length !== 1) {
    throw new DataFormatError(`${path}: 'ans' has rank ${shape.length} [${shape}], expected [N]`);
  }
  if (metadata.type !== H5T_INTEGER) {
    throw new DataFormatError(`${path}: 'ans' has dtype ${dtypeName(metadata)}, expected an integer type`);
  }
  return Int32Array.from(dataset.value as ArrayLike<number | bigint>, Number);
}

function readClassNames(file: H5.File, path: string): string[] | undefined {
  if (!file.keys().includes('class_names')) return undefined;
  const dataset = requireDataset(file, 'class_names', path);
  const value = dataset.value;
  if (dataset.metadata.type !== H5T_STRING || dataset.shape.length !== 1 || !Array.isArray(value)) {
    throw new DataFormatError(`${path}: 'class_names' must be a [K] array of strings`);
  }
  return value.map(String);
}

function optionalColumn(file: H5.File, name: string, n: number, path: string): Float64Array | undefined {
  if (!file.keys().includes(name)) return undefined;
  const dataset = requireDataset(file, name, path);
  const { shape, metadata } = dataset;
  if (metadata.type !== H5T_INTEGER && metadata.type !== H5T_FLOAT) {
    throw new DataFormatError(`${path}: '${name}' has dtype ${dtypeName(metadata)}, expected a number type`);
  }
  if (shape.length !== 1 || shape[0] !== n) {
    throw new DataFormatError(
      `${path}: '${name}' has shape [${shape}], expected [${n}] (one value per image)`,
    );
  }
  return Float64Array.from(dataset.value as ArrayLike<number | bigint>, Number);
}

function requireDataset(file: H5.File, name: string, path: string): H5.Dataset {
  const entry = file.keys().includes(name) ? file.get(name) : null;
  if (!entry || !('shape' in entry) || !('metadata' in entry)) {
    throw new DataFormatError(`${path}: no '${name}' dataset (a Galaxy10-style file has 'images' and 'ans')`);
  }
  return entry as H5.Dataset;
}

/** h5wasm returns typed arrays from its own realm under jest; view the same bytes from ours. */
function asBytes(value: unknown, path: string): Uint8Array {
  if (!ArrayBuffer.isView(value)) throw new DataFormatError(`${path}: 'images' did not read as bytes`);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function dtypeName(metadata: H5.Metadata): string {
  if (metadata.type === H5T_INTEGER) return `${metadata.signed ? 'int' : 'uint'}${metadata.size * 8}`;
  if (metadata.type === H5T_FLOAT) return `float${metadata.size * 8}`;
  if (metadata.type === H5T_STRING) return 'string';
  return `HDF5 type class ${metadata.type}`;
}

/** h5wasm throws plain strings as well as Errors. */
function describe(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}
