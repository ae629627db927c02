import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultLabelsPath, readNpyDataset } from '../../../src/data/readers/npy';
import { parseNpy } from '../../../src/data/readers/npy-format';
import { DataFormatError } from '../../../src/errors';
import { noiseImages, useTempDir } from './hdf5-fixture';

const tmp = useTempDir();

/** The bytes numpy's np.save writes: magic, version, header dict padded to 64 bytes, raw data. */
function npyBytes(
  descr: string,
  shape: number[],
  data: ArrayBufferView,
  version = 1,
  fortran = false,
): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  header += ' '.repeat(63 - ((prefix + header.length) % 64)) + '\n';
  const out = new Uint8Array(prefix + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(new TextEncoder().encode(header), prefix);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), prefix + header.length);
  return out;
}

async function writePair(name: string, images: Uint8Array, labels: Uint8Array): Promise<string> {
  const imagesPath = join(tmp.path(), `${name}_images.npy`);
  await writeFile(imagesPath, images);
  await writeFile(join(tmp.path(), `${name}_labels.npy`), labels);
  return imagesPath;
}

const pixels = noiseImages(4 * 3 * 3 * 3, 7);
const goodImages = npyBytes('|u1', [4, 3, 3, 3], pixels);
const options = { domain: 'source', classNames: ['elliptical', 'spiral'] } as const;

describe('parseNpy', () => {
  it.each([1, 2, 3])('reads format version %i with int32 and int64 data', (version) => {
    const int32 = parseNpy(npyBytes('<i4', [2, 2], Int32Array.from([1, -2, 3, 4]), version), 'a.npy');
    expect(int32).toMatchObject({ dtype: 'i4', shape: [2, 2] });
    expect(Array.from(int32.data as Int32Array)).toEqual([1, -2, 3, 4]);
    const int64 = parseNpy(npyBytes('<i8', [3], BigInt64Array.from([5n, 6n, 7n]), version), 'b.npy');
    expect(Array.from(int64.data as BigInt64Array)).toEqual([5n, 6n, 7n]);
  });

  it.each([
    ['bad magic', new TextEncoder().encode('PK\x03\x04 zip archive'), /not a .npy file/],
    ['a big-endian dtype', npyBytes('>i4', [1], Int32Array.from([1])), /unsupported dtype '>i4'/],
    ['a float dtype', npyBytes('<f4', [1], Float32Array.from([1])), /unsupported dtype '<f4'/],
    ['Fortran order', npyBytes('|u1', [2, 2], new Uint8Array(4), 1, true), /Fortran-ordered/],
    [
      'truncated data',
      goodImages.subarray(0, goodImages.length - 72),
      /truncated .npy file.*needs 108 bytes, found 36/,
    ],
    ['a truncated header', goodImages.subarray(0, 60), /truncated .npy file: it ends inside its header/],
    [
      'version 4',
      Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 4, 0, 0, 0, 0, 0]),
      /unsupported .npy format version 4/,
    ],
  ])('refuses %s, naming the file', (_what, bytes, message) => {
    expect(() => parseNpy(bytes, 'data/x.npy')).toThrow(DataFormatError);
    expect(() => parseNpy(bytes, 'data/x.npy')).toThrow(message);
    expect(() => parseNpy(bytes, 'data/x.npy')).toThrow(/^data\/x.npy: /);
  });
});

describe('readNpyDataset', () => {
  it('reads uint8 images with int64 labels found beside them', async () => {
    const path = await writePair(
      'good',
      goodImages,
      npyBytes('<i8', [4], BigInt64Array.from([0n, 1n, 1n, 0n])),
    );
    const dataset = await readNpyDataset(path, options);
    expect(dataset).toMatchObject({
      n: 4,
      height: 3,
      width: 3,
      channels: 3,
      classNames: ['elliptical', 'spiral'],
    });
    expect(dataset.images).toEqual(pixels);
    expect(Array.from(dataset.labels)).toEqual([0, 1, 1, 0]);
  });

  it('pairs images.npy with labels.npy and any other name with <stem>_labels.npy', () => {
    expect(defaultLabelsPath('/d/images.npy')).toBe('/d/labels.npy');
    expect(defaultLabelsPath('/d/decals_images.npy')).toBe('/d/decals_labels.npy');
    expect(defaultLabelsPath('/d/x.npy')).toBe('/d/x_labels.npy');
  });

  it.each([
    [
      'images of rank 2',
      npyBytes('|u1', [4, 27], pixels),
      npyBytes('|u1', [4], Uint8Array.from([0, 1, 0, 1])),
      {},
      /rank 2/,
    ],
    [
      'int32 images',
      npyBytes('<i4', [1, 1, 1], Int32Array.from([1])),
      npyBytes('|u1', [1], Uint8Array.from([0])),
      {},
      /dtype i4, expected uint8/,
    ],
    [
      'labels of rank 2',
      goodImages,
      npyBytes('|u1', [2, 2], Uint8Array.from([0, 1, 0, 1])),
      {},
      /labels have rank 2/,
    ],
    [
      'fewer labels than images',
      goodImages,
      npyBytes('|u1', [3], Uint8Array.from([0, 1, 0])),
      {},
      /3 labels for 4 images/,
    ],
    [
      'a label out of range',
      goodImages,
      npyBytes('|u1', [4], Uint8Array.from([0, 1, 2, 0])),
      {},
      /sample 2 has label 2, expected 0..1/,
    ],
    [
      'an empty class',
      goodImages,
      npyBytes('|u1', [4], Uint8Array.from([0, 0, 0, 0])),
      {},
      /class 'spiral' has no samples/,
    ],
    [
      'a wrong image size',
      goodImages,
      npyBytes('|u1', [4], Uint8Array.from([0, 1, 0, 1])),
      { imageSize: { height: 3, width: 3, channels: 1 } },
      /images are 3x3x3 after harmonization \(none\), the model input is 3x3x1/,
    ],
  ])('refuses %s', async (what, images, labels, extra, message) => {
    const path = await writePair(what.replace(/ /g, '-'), images, labels);
    const reading = readNpyDataset(path, { ...options, ...extra });
    await expect(reading).rejects.toThrow(DataFormatError);
    await expect(reading).rejects.toThrow(message);
  });

  it('names the missing labels file', async () => {
    const path = join(tmp.path(), 'lonely.npy');
    await writeFile(path, goodImages);
    await expect(readNpyDataset(path, options)).rejects.toThrow(
      `${join(tmp.path(), 'lonely_labels.npy')}: cannot read (ENOENT)`,
    );
  });
});
