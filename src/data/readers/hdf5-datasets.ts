import type * as H5 from 'h5wasm';
import { DataFormatError } from '../../errors';

/** h5wasm's datatype classes (H5T_class_t). */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;

/** The named dataset, or a DataFormatError naming the file. */
export function requireDataset(file: H5.File, name: string, path: string): H5.Dataset {
  const entry = file.keys().includes(name) ? file.get(name) : null;
  if (!entry || !('shape' in entry) || !('metadata' in entry)) {
    throw new DataFormatError(`${path}: no '${name}' dataset (a Galaxy10-style file has 'images' and 'ans')`);
  }
  return entry as H5.Dataset;
}

/** `images`' shape [N, H, W, C] (C = 1 for [N, H, W]), after checking its rank and dtype. */
export function imageShape(dataset: H5.Dataset, path: string): [number, number, number, number] {
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
  return [n, height, width, channels];
}

export function readLabels(dataset: H5.Dataset, path: string): Int32Array {
  const { shape, metadata } = dataset;
  if (shape.length !== 1) {
    throw new DataFormatError(`${path}: 'ans' has rank ${shape.length} [${shape}], expected [N]`);
  }
  if (metadata.type !== H5T_INTEGER) {
    throw new DataFormatError(`${path}: 'ans' has dtype ${dtypeName(metadata)}, expected an integer type`);
  }
  return Int32Array.from(dataset.value as ArrayLike<number | bigint>, Number);
}

export function readClassNames(file: H5.File, path: string): string[] | undefined {
  if (!file.keys().includes('class_names')) return undefined;
  const dataset = requireDataset(file, 'class_names', path);
  const value = dataset.value;
  if (dataset.metadata.type !== H5T_STRING || dataset.shape.length !== 1 || !Array.isArray(value)) {
    throw new DataFormatError(`${path}: 'class_names' must be a [K] array of strings`);
  }
  return value.map(String);
}

/** A numeric [n] dataset as float64, or undefined where the file has none. */
export function optionalColumn(
  file: H5.File,
  name: string,
  n: number,
  path: string,
): Float64Array | undefined {
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

/** h5wasm returns typed arrays from its own realm under jest; view the same bytes from ours. */
export function asBytes(value: unknown, path: string): Uint8Array {
  if (!ArrayBuffer.isView(value)) throw new DataFormatError(`${path}: 'images' did not read as bytes`);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

export function dtypeName(metadata: H5.Metadata): string {
  if (metadata.type === H5T_INTEGER) return `${metadata.signed ? 'int' : 'uint'}${metadata.size * 8}`;
  if (metadata.type === H5T_FLOAT) return `float${metadata.size * 8}`;
  if (metadata.type === H5T_STRING) return 'string';
  return `HDF5 type class ${metadata.type}`;
}

/** h5wasm throws plain strings as well as Errors. */
export function describeError(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}
