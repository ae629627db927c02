import { constants } from 'node:fs';
import { access, rename, rm, stat } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { DataFormatError, InvalidConfigError } from '../errors';
import { imageSize, type Dataset } from './dataset';
import { loadH5wasm, type H5wasm } from './readers/h5wasm-module';

/** Prefix of the HDF5 datasets holding `Dataset.extras`, e.g. `param_half_light_radius_arcsec`. */
export const EXTRA_PREFIX = 'param_';

export interface Galaxy10WriteOptions {
  /** gzip level 1-9 for `images` (chunked by 256 images); none by default, for the fastest reads. */
  readonly compression?: number;
}

/**
 * Writes a dataset as a Galaxy10-style HDF5 file: `images` uint8 [n, h, w, c], `ans` int32 [n],
 * `class_names` strings, `ra`, `dec`, `redshift` float64 [n] where present, and one float64 [n]
 * dataset `param_<name>` per extra. Root attributes `domain` and `origin` say where it came from.
 * Written under a temporary name in the same folder, then renamed: a reader never sees half a file.
 */
export async function writeGalaxy10File(
  dataset: Dataset,
  path: string,
  options: Galaxy10WriteOptions = {},
): Promise<void> {
  checkConsistent(dataset, path);
  await assertWritableTarget(path);
  const h5wasm = await loadH5wasm();
  const temporary = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  const file = new h5wasm.File(temporary, 'w');
  try {
    writeDatasets(file, dataset, options);
    file.close();
    await rename(temporary, path);
  } catch (error) {
    try {
      file.close();
    } catch {
      // Already closed or never opened: the temporary file is removed below either way.
    }
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Refuses, in one line, a file the writer could not create: a missing or read-only folder, or a path
 * that is a folder. HDF5 itself would report it as hundreds of lines of diagnostics.
 * @throws InvalidConfigError naming the file and the reason
 */
export async function assertWritableTarget(path: string): Promise<void> {
  const folder = dirname(path);
  const problem = await stat(folder).then(
    async (stats) => {
      if (!stats.isDirectory()) return `${folder} is not a folder`;
      if (
        await stat(path).then(
          (s) => s.isDirectory(),
          () => false,
        )
      )
        return 'it is a folder';
      return access(folder, constants.W_OK).then(
        () => undefined,
        () => `folder ${folder} is not writable`,
      );
    },
    () => `folder ${folder} does not exist`,
  );
  if (problem) throw new InvalidConfigError(`${path}: cannot write the HDF5 file: ${problem}`);
}

function writeDatasets(
  file: InstanceType<H5wasm['File']>,
  dataset: Dataset,
  options: Galaxy10WriteOptions,
): void {
  const { n, height, width, channels } = dataset;
  const chunked = options.compression !== undefined && n > 0;
  file.create_dataset({
    name: 'images',
    data: dataset.images,
    shape: [n, height, width, channels],
    dtype: '<B',
    ...(chunked
      ? { chunks: [Math.min(n, 256), height, width, channels], compression: options.compression }
      : {}),
  });
  file.create_dataset({ name: 'ans', data: dataset.labels, shape: [n], dtype: '<i4' });
  file.create_dataset({ name: 'class_names', data: [...dataset.classNames] });
  const columns: [string, Float64Array | undefined][] = [
    ['ra', dataset.ra],
    ['dec', dataset.dec],
    ['redshift', dataset.redshift],
    ...Object.entries(dataset.extras ?? {}).map(([name, values]): [string, Float64Array] => [
      `${EXTRA_PREFIX}${name}`,
      values,
    ]),
  ];
  for (const [name, values] of columns) {
    if (values) file.create_dataset({ name, data: values, shape: [n], dtype: '<d' });
  }
  file.create_attribute('domain', dataset.domain);
  file.create_attribute('origin', dataset.origin);
}

/** Refuses a dataset whose arrays disagree with its declared shape, before anything is written. */
function checkConsistent(dataset: Dataset, path: string): void {
  const expected = dataset.n * imageSize(dataset);
  if (dataset.images.length !== expected) {
    throw new DataFormatError(
      `${path}: images hold ${dataset.images.length} bytes, [n, h, w, c] needs ${expected}`,
    );
  }
  if (dataset.labels.length !== dataset.n) {
    throw new DataFormatError(`${path}: ${dataset.labels.length} labels for ${dataset.n} images`);
  }
  const columns = { ra: dataset.ra, dec: dataset.dec, redshift: dataset.redshift, ...dataset.extras };
  for (const [name, values] of Object.entries(columns)) {
    if (values && values.length !== dataset.n) {
      throw new DataFormatError(`${path}: ${name} has ${values.length} values for ${dataset.n} images`);
    }
  }
}
