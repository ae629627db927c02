import { DataFormatError, DeepAstroError } from '../../errors';
import type { Dataset } from '../dataset';
import { harmonizeBlock } from '../harmonize/harmonize-images';
import { resolveLabels } from '../labels/resolve-labels';
import { assertHdf5File } from './hdf5-header';
import {
  asBytes,
  describeError,
  imageShape,
  optionalColumn,
  readClassNames,
  readLabels,
  requireDataset,
} from './hdf5-datasets';
import { loadH5wasm } from './h5wasm-module';
import { openFile } from './galaxy10-hdf5';
import { finishDataset, harmonizationFor, type ReadOptions } from './read-options';

/** Where each sample of a read dataset sits in its file, with the sky coordinates, but no pixels. */
export interface Galaxy10Index {
  /** [n] file row of each sample, in the order readGalaxy10Hdf5 returns the samples. */
  readonly fileRows: Int32Array;
  readonly ra?: Float64Array;
  readonly dec?: Float64Array;
}

const FILE_ROW = '__file_row';

/**
 * The samples readGalaxy10Hdf5 would return with the same options (label map, class map, class
 * selection), as file rows and coordinates, reading labels and columns only, never `images`.
 */
export async function indexGalaxy10Hdf5(path: string, options: ReadOptions): Promise<Galaxy10Index> {
  const dataset = await withFile(path, async (file) => {
    const shape = imageShape(requireDataset(file, 'images', path), path);
    const labels = readLabels(requireDataset(file, 'ans', path), path);
    const maxLabel = labels.reduce((max, label) => Math.max(max, label), -1);
    const layout = { datasets: file.keys(), imageShape: shape, maxLabel };
    const n = labels.length;
    const column = (name: string) => optionalColumn(file, name, n, path);
    return finishDataset(
      {
        // One zero byte per sample stands in for the pixels; the file row rides along as an extra.
        ...{ images: new Uint8Array(n), n, height: 1, width: 1, channels: 1, labels, origin: path },
        resolvedLabels: resolveLabels(readClassNames(file, path), layout, options, path),
        harmonized: 'none',
        ra: column('ra'),
        dec: column('dec'),
        extras: { [FILE_ROW]: Float64Array.from({ length: n }, (_, i) => i) },
      },
      { ...options, imageSize: undefined },
    );
  });
  return { fileRows: Int32Array.from(dataset.extras![FILE_ROW]), ra: dataset.ra, dec: dataset.dec };
}

/**
 * The images of the given file rows only, harmonized as readGalaxy10Hdf5 would (same label map
 * preset or harmonize option, same model input), one row read at a time.
 * @returns [rows.length, h, w, c] uint8, in the order of `rows`
 */
export async function readGalaxy10Rows(
  path: string,
  rows: readonly number[],
  options: ReadOptions,
): Promise<Pick<Dataset, 'images' | 'n' | 'height' | 'width' | 'channels'>> {
  return withFile(path, async (file) => {
    const images = requireDataset(file, 'images', path);
    const [n, height, width, channels] = imageShape(images, path);
    const labels = readLabels(requireDataset(file, 'ans', path), path);
    const maxLabel = labels.reduce((max, label) => Math.max(max, label), -1);
    const layout = { datasets: file.keys(), imageShape: [n, height, width, channels], maxLabel };
    const { labelMap } = resolveLabels(readClassNames(file, path), layout, options, path);
    const harmonization = harmonizationFor(options, labelMap);
    const scales = optionalColumn(file, 'pxscale', n, path);
    const imageBytes = height * width * channels;
    const pixels = new Uint8Array(rows.length * imageBytes);
    rows.forEach((row, i) => {
      if (!Number.isInteger(row) || row < 0 || row >= n) {
        throw new DataFormatError(`${path}: no image row ${row} (the file has ${n})`);
      }
      pixels.set(asBytes(images.slice([[row, row + 1]]), path), i * imageBytes);
    });
    if (!harmonization) return { images: pixels, n: rows.length, height, width, channels };
    const side = options.imageSize!.height;
    const pixelScales = scales && Float64Array.from(rows, (row) => scales[row]);
    const block = { pixels, n: rows.length, height, width, channels, pixelScales };
    const out = await harmonizeBlock(block, harmonization, side, path);
    return { images: out, n: rows.length, height: side, width: side, channels };
  });
}

async function withFile<T>(path: string, read: (file: import('h5wasm').File) => Promise<T>): Promise<T> {
  await assertHdf5File(path);
  const file = openFile(await loadH5wasm(), path);
  try {
    return await read(file);
  } catch (error) {
    if (error instanceof DeepAstroError) throw error;
    throw new DataFormatError(`${path}: the HDF5 library cannot read the file (${describeError(error)})`, {
      cause: error,
    });
  } finally {
    file.close();
  }
}
