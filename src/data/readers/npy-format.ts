import { DataFormatError } from '../../errors';

/** The six bytes that start every .npy file. */
export const NPY_MAGIC = Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

/** The element types this reader accepts, by their numpy descr without the byte-order character. */
const DTYPES = {
  u1: { bytes: 1, view: (b: ArrayBuffer, o: number, n: number) => new Uint8Array(b, o, n) },
  i1: { bytes: 1, view: (b: ArrayBuffer, o: number, n: number) => new Int8Array(b, o, n) },
  u2: { bytes: 2, view: (b: ArrayBuffer, o: number, n: number) => new Uint16Array(b, o, n) },
  i2: { bytes: 2, view: (b: ArrayBuffer, o: number, n: number) => new Int16Array(b, o, n) },
  u4: { bytes: 4, view: (b: ArrayBuffer, o: number, n: number) => new Uint32Array(b, o, n) },
  i4: { bytes: 4, view: (b: ArrayBuffer, o: number, n: number) => new Int32Array(b, o, n) },
  i8: { bytes: 8, view: (b: ArrayBuffer, o: number, n: number) => new BigInt64Array(b, o, n) },
  u8: { bytes: 8, view: (b: ArrayBuffer, o: number, n: number) => new BigUint64Array(b, o, n) },
} as const;
export type NpyDtype = keyof typeof DTYPES;

/** One array read from a .npy file. */
export interface NpyArray {
  /** The element type, e.g. 'u1' for uint8 images, 'i8' for numpy's default integer labels. */
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** [product(shape)] elements in C (row-major) order. */
  readonly data:
    | Uint8Array
    | Int8Array
    | Uint16Array
    | Int16Array
    | Uint32Array
    | Int32Array
    | BigInt64Array
    | BigUint64Array;
}

/**
 * Parses a .npy file (format versions 1, 2 and 3): magic, header dict (`descr`, `fortran_order`,
 * `shape`), then the raw little-endian elements. Throws DataFormatError naming `file` for a bad
 * magic, an unsupported dtype or version, Fortran order, or fewer bytes than the shape needs.
 */
export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  if (bytes.length < 10 || !NPY_MAGIC.every((byte, i) => bytes[i] === byte)) {
    throw new DataFormatError(`${file}: not a .npy file (no \\x93NUMPY magic)`);
  }
  const { header, dataStart } = readHeader(bytes, file);
  if (dataStart > bytes.length)
    throw new DataFormatError(`${file}: truncated .npy file: it ends inside its header`);
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new DataFormatError(`${file}: malformed .npy header ${JSON.stringify(header.trim())}`);
  }
  if (fortran === 'True') throw new DataFormatError(`${file}: Fortran-ordered arrays are not supported`);
  const dtype = parseDescr(descr, file);
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(Number);
  const count = shape.reduce((product, size) => product * size, 1);
  const { bytes: itemBytes, view } = DTYPES[dtype];
  const needed = count * itemBytes;
  if (bytes.length - dataStart < needed) {
    throw new DataFormatError(
      `${file}: truncated .npy file: shape [${shape}] of ${descr} needs ${needed} bytes, found ${bytes.length - dataStart}`,
    );
  }
  const start = bytes.byteOffset + dataStart;
  if (start % itemBytes === 0) return { dtype, shape, data: view(bytes.buffer as ArrayBuffer, start, count) };
  // Typed arrays need their elements aligned; copy when the data offset inside this buffer is not.
  return { dtype, shape, data: view(bytes.slice(dataStart, dataStart + needed).buffer, 0, count) };
}

function readHeader(bytes: Uint8Array, file: string): { header: string; dataStart: number } {
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (major === 1) {
    const length = view.getUint16(8, true);
    return {
      header: new TextDecoder('latin1').decode(bytes.subarray(10, 10 + length)),
      dataStart: 10 + length,
    };
  }
  if ((major === 2 || major === 3) && bytes.length >= 12) {
    const length = view.getUint32(8, true);
    const encoding = major === 3 ? 'utf-8' : 'latin1';
    return {
      header: new TextDecoder(encoding).decode(bytes.subarray(12, 12 + length)),
      dataStart: 12 + length,
    };
  }
  throw new DataFormatError(`${file}: unsupported .npy format version ${major}.${bytes[7]}`);
}

function parseDescr(descr: string, file: string): NpyDtype {
  const order = descr[0];
  const type = descr.slice(1);
  const known = type in DTYPES;
  const byteOrderOk = order === '<' || order === '|' || (order === '>' && type.endsWith('1'));
  if (!known || !byteOrderOk) {
    throw new DataFormatError(
      `${file}: unsupported dtype '${descr}', expected little-endian integers such as '|u1', '<i4' or '<i8'`,
    );
  }
  return type as NpyDtype;
}
