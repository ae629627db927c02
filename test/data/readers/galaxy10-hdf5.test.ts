import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readGalaxy10Hdf5 } from '../../../src/data/readers/galaxy10-hdf5';
import { GALAXY10_CLASSES } from '../../../src/data/tasks';
import { DataFormatError } from '../../../src/errors';
import { noiseImages, useTempDir, writeHdf5, type Hdf5Column } from './hdf5-fixture';

const tmp = useTempDir();
let fileCount = 0;

/** 6 images of 4x5x3 in classes [a, b, c], two each, unless overridden. */
async function galaxyFile(overrides: Record<string, Hdf5Column | undefined> = {}): Promise<string> {
  const columns: Record<string, Hdf5Column | undefined> = {
    images: { data: noiseImages(6 * 4 * 5 * 3), shape: [6, 4, 5, 3], dtype: '<B' },
    ans: { data: Uint8Array.from([0, 1, 2, 2, 1, 0]), dtype: '<B' },
    class_names: { data: ['a', 'b', 'c'] },
    ...overrides,
  };
  const path = join(tmp.path(), `galaxy-${fileCount++}.h5`);
  const present = Object.entries(columns).filter((entry): entry is [string, Hdf5Column] => !!entry[1]);
  await writeHdf5(path, Object.fromEntries(present));
  return path;
}

const source = { domain: 'source' } as const;

describe('readGalaxy10Hdf5', () => {
  it('reads images, labels, class names, coordinates and param_ extras as written', async () => {
    const path = await galaxyFile({
      ra: { data: Float64Array.from([10, 11, 12, 13, 14, 15]) },
      dec: { data: Float32Array.from([-1, -2, -3, -4, -5, -6]) },
      redshift: { data: Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) },
      param_half_light_radius: { data: Float32Array.from([1.5, 2, 2.5, 3, 3.5, 4]) },
    });
    const dataset = await readGalaxy10Hdf5(path, { domain: 'target' });
    expect(dataset).toMatchObject({ n: 6, height: 4, width: 5, channels: 3, domain: 'target', origin: path });
    expect(dataset.images).toEqual(noiseImages(6 * 4 * 5 * 3));
    expect(Array.from(dataset.labels)).toEqual([0, 1, 2, 2, 1, 0]);
    expect(dataset.classNames).toEqual(['a', 'b', 'c']);
    expect(Array.from(dataset.ra!)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(Array.from(dataset.dec!)).toEqual([-1, -2, -3, -4, -5, -6]);
    expect(dataset.redshift![5]).toBeCloseTo(0.6);
    expect(Object.keys(dataset.extras!)).toEqual(['half_light_radius']);
    expect(Array.from(dataset.extras!.half_light_radius)).toEqual([1.5, 2, 2.5, 3, 3.5, 4]);
  });

  it('reads [N,H,W] grayscale images as one channel and int64 labels as numbers', async () => {
    const path = await galaxyFile({
      images: { data: noiseImages(6 * 8 * 8), shape: [6, 8, 8], dtype: '<B' },
      ans: { data: BigInt64Array.from([0n, 1n, 2n, 0n, 1n, 2n]) },
    });
    const dataset = await readGalaxy10Hdf5(path, source);
    expect(dataset).toMatchObject({ n: 6, height: 8, width: 8, channels: 1 });
    expect(Array.from(dataset.labels)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it("names unnamed labels by a named label map or the caller's list, and refuses a guess", async () => {
    const tenClasses = await galaxyFile({
      images: { data: noiseImages(10 * 2 * 2 * 3), shape: [10, 2, 2, 3], dtype: '<B' },
      ans: { data: Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) },
      class_names: undefined,
    });
    // Ten labels alone say nothing about which Galaxy10 file this is: the two number classes differently.
    await expect(readGalaxy10Hdf5(tenClasses, source)).rejects.toThrow(
      /does not name its classes.*matches no published layout.*"galaxy10-decals".*"galaxy10-sdss"/,
    );
    const decals = await readGalaxy10Hdf5(tenClasses, { ...source, labels: 'galaxy10-decals' });
    expect(decals.classNames).toEqual([...GALAXY10_CLASSES]);
    const threeClasses = await galaxyFile({ class_names: undefined });
    const named = await readGalaxy10Hdf5(threeClasses, { ...source, classNames: ['x', 'y', 'z'] });
    expect(named.classNames).toEqual(['x', 'y', 'z']);
    await expect(readGalaxy10Hdf5(threeClasses, source)).rejects.toThrow(
      /does not name its classes.*"classNames"/,
    );
  });

  it('keeps only selected classes and renumbers labels in the selection order', async () => {
    const dataset = await readGalaxy10Hdf5(await galaxyFile(), { ...source, selectClasses: ['c', 'a'] });
    expect(dataset.classNames).toEqual(['c', 'a']);
    expect(dataset.n).toBe(4);
    expect(Array.from(dataset.labels)).toEqual([1, 0, 0, 1]);
    // The kept images are samples 0, 2, 3, 5 of the file, in file order.
    const all = noiseImages(6 * 60);
    expect(dataset.images.subarray(60, 120)).toEqual(all.subarray(120, 180));
  });

  describe('refuses bad input with one DataFormatError naming the file', () => {
    const cases: [string, Record<string, Hdf5Column | undefined>, object, RegExp][] = [
      ['images of rank 2', { images: { data: noiseImages(60), shape: [6, 10], dtype: '<B' } }, {}, /rank 2/],
      [
        'float images',
        { images: { data: new Float32Array(6 * 4), shape: [6, 2, 2] } },
        {},
        /float32, expected uint8/,
      ],
      ['float labels', { ans: { data: new Float64Array(6) } }, {}, /'ans' has dtype float64/],
      [
        'labels out of range',
        { ans: { data: Uint8Array.from([0, 1, 2, 3, 1, 0]) } },
        {},
        /label out of range.*sample 3 has label 3/,
      ],
      [
        'a label count unlike the image count',
        { ans: { data: Uint8Array.from([0, 1, 2]) } },
        {},
        /3 labels but 'images' has 6/,
      ],
      ['no ans dataset', { ans: undefined }, {}, /no 'ans' dataset/],
      [
        'a class list mismatch',
        {},
        { classNames: ['a', 'c', 'b'] },
        /class list mismatch.*\[a, b, c\].*\[a, c, b\]/,
      ],
      ['an empty class', { class_names: { data: ['a', 'b', 'c', 'd'] } }, {}, /class 'd' has no samples/],
      [
        'images of the wrong size',
        {},
        { imageSize: { height: 4, width: 4 } },
        /wrong image size.*4x5x3 after harmonization \(none\), the model input is 4x4/,
      ],
      [
        'ra of the wrong length',
        { ra: { data: new Float64Array(5) } },
        {},
        /'ra' has shape \[5\], expected \[6\]/,
      ],
    ];
    it.each(cases)('%s', async (_what, columns, options, message) => {
      const path = await galaxyFile(columns);
      const reading = readGalaxy10Hdf5(path, { ...source, ...options });
      await expect(reading).rejects.toThrow(DataFormatError);
      await expect(reading).rejects.toThrow(message);
      await expect(reading).rejects.toThrow(path);
    });

    it('a truncated file', async () => {
      const whole = await readFile(await galaxyFile());
      const path = join(tmp.path(), 'truncated.h5');
      await writeFile(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
      await expect(readGalaxy10Hdf5(path, source)).rejects.toThrow(
        new DataFormatError(
          `${path}: truncated HDF5 file: ${Math.floor(whole.length * 0.6)} bytes on disk, the file's superblock says ${whole.length}`,
        ),
      );
    });

    it('a file cut inside its superblock', async () => {
      const whole = await readFile(await galaxyFile());
      const path = join(tmp.path(), 'stub.h5');
      await writeFile(path, whole.subarray(0, 30));
      await expect(readGalaxy10Hdf5(path, source)).rejects.toThrow(DataFormatError);
      await expect(readGalaxy10Hdf5(path, source)).rejects.toThrow(path);
    });

    it('a file that is not HDF5', async () => {
      const path = join(tmp.path(), 'notes.h5');
      await writeFile(path, 'round_smooth,cigar\n'.repeat(100));
      await expect(readGalaxy10Hdf5(path, source)).rejects.toThrow(
        new DataFormatError(`${path}: not an HDF5 file (no HDF5 signature)`),
      );
    });

    it('a missing file', async () => {
      const path = join(tmp.path(), 'missing.h5');
      await expect(readGalaxy10Hdf5(path, source)).rejects.toThrow(
        new DataFormatError(`${path}: cannot open (ENOENT)`),
      );
    });
  });
});
