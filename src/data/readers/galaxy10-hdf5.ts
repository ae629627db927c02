import type * as H5 from 'h5wasm';
import { DataFormatError, DeepAstroError } from '../../errors';
import type { Dataset } from '../dataset';
import type { Harmonization } from '../harmonize/harmonization';
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
import { loadH5wasm, type H5wasm } from './h5wasm-module';
import { finishDataset, harmonizationFor, type ReadOptions, type ReadParts } from './read-options';

/**
 * Images are copied out of the WebAssembly heap in slices of about this many bytes, not all at once:
 * the heap then never holds a second copy of the file, and with harmonization memory holds the
 * resampled images plus about two slices. 16 MB read faster than 64 MB and peaked at about half the
 * memory (bench/README.md, bench:read).
 */
const SLICE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a Galaxy10-style HDF5 file (DESIGN.md, "Dataset file"): `images` uint8 [N,H,W,C] or [N,H,W]
 * (grayscale, read as C = 1), `ans` integer [N], optional `class_names` [K] strings, optional `ra`,
 * `dec`, `redshift`, `pxscale` [N], and every `param_<name>` [N] numeric dataset as extras `<name>`.
 * Labels are named by the file, the caller or a label map; images are harmonized to
 * `options.imageSize` slice by slice while reading. Throws DataFormatError naming the file for a
 * missing dataset, wrong rank or dtype, inconsistent lengths, labels out of range, a class list
 * mismatch, unnamed classes, an empty class, a wrong image size, or a truncated or non-HDF5 file.
 */
export async function readGalaxy10Hdf5(path: string, options: ReadOptions): Promise<Dataset> {
  await assertHdf5File(path);
  const file = openFile(await loadH5wasm(), path);
  let parts: ReadParts;
  try {
    parts = await readParts(file, path, options);
  } catch (error) {
    if (error instanceof DeepAstroError) throw error;
    throw new DataFormatError(`${path}: the HDF5 library cannot read the file (${describeError(error)})`, {
      cause: error,
    });
  } finally {
    file.close();
  }
  return finishDataset(parts, options);
}

/** Opens an HDF5 file read-only; a DataFormatError naming it where h5wasm cannot. */
export function openFile(h5: H5wasm, path: string): H5.File {
  let file: H5.File | undefined;
  try {
    file = new h5.File(path, 'r');
  } catch (error) {
    throw new DataFormatError(`${path}: the HDF5 library cannot open the file (${describeError(error)})`, {
      cause: error,
    });
  }
  // h5wasm reports a failed open with a negative id rather than an exception.
  if (file.file_id < 0n)
    throw new DataFormatError(`${path}: the HDF5 library cannot open the file (corrupt or truncated)`);
  return file;
}

async function readParts(file: H5.File, path: string, options: ReadOptions): Promise<ReadParts> {
  const imagesDataset = requireDataset(file, 'images', path);
  const shape = imageShape(imagesDataset, path);
  const [n] = shape;
  const labels = readLabels(requireDataset(file, 'ans', path), path);
  if (labels.length !== n) {
    throw new DataFormatError(`${path}: 'ans' has ${labels.length} labels but 'images' has ${n} images`);
  }
  const column = (name: string) => optionalColumn(file, name, n, path);
  const extras: Record<string, Float64Array> = {};
  for (const key of file.keys().filter((name) => name.startsWith('param_'))) {
    extras[key.slice('param_'.length)] = column(key)!;
  }
  const datasets = file.keys();
  const maxLabel = labels.reduce((max, label) => Math.max(max, label), -1);
  const resolvedLabels = resolveLabels(
    readClassNames(file, path),
    { datasets, imageShape: shape, maxLabel },
    options,
    path,
  );
  const pixelScales = column('pxscale');
  const harmonization = harmonizationFor(options, resolvedLabels.labelMap);
  const images = await readImages(imagesDataset, shape, path, harmonization, options, pixelScales);
  return {
    ...images,
    n,
    labels,
    resolvedLabels,
    harmonized: harmonization ?? 'none',
    pixelScales,
    ra: column('ra'),
    dec: column('dec'),
    redshift: column('redshift'),
    extras: Object.keys(extras).length > 0 ? extras : undefined,
    origin: path,
  };
}

/**
 * Copies `images` out slice by slice; with a harmonization, each slice is resampled (on sharp's
 * threads) while the next is read, so memory holds the output plus two slices, never the file.
 */
async function readImages(
  dataset: H5.Dataset,
  [n, height, width, channels]: [number, number, number, number],
  path: string,
  harmonization: Harmonization | undefined,
  options: ReadOptions,
  pixelScales: Float64Array | undefined,
) {
  const imageBytes = height * width * channels;
  const side = harmonization ? options.imageSize!.height : undefined;
  const outHeight = side ?? height;
  const outWidth = side ?? width;
  const outBytes = outHeight * outWidth * channels;
  const images = new Uint8Array(n * outBytes);
  const rowsPerSlice = Math.max(1, Math.floor(SLICE_BYTES / Math.max(1, imageBytes)));
  let pending: Promise<void> = Promise.resolve();
  for (let start = 0; start < n; start += rowsPerSlice) {
    const end = Math.min(n, start + rowsPerSlice);
    const pixels = asBytes(dataset.slice([[start, end]]), path);
    if (!harmonization) {
      images.set(pixels, start * imageBytes);
      continue;
    }
    const block = {
      pixels,
      n: end - start,
      height,
      width,
      channels,
      pixelScales: pixelScales?.subarray(start, end),
    };
    const previous = pending;
    const resampled = harmonizeBlock(block, harmonization, side!, path);
    // Handled below, in order; this stops an early failure counting as unhandled meanwhile.
    resampled.catch(() => undefined);
    pending = previous.then(async () => images.set(await resampled, start * outBytes));
    // Bound the work in flight to this slice and the one before it.
    await previous;
  }
  await pending;
  return { images, height: outHeight, width: outWidth, channels };
}
