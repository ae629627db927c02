import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from '../config/run-config';
import { NotFoundError } from '../errors';
import { subset } from './subset';
import type { Dataset } from './dataset';
import { loadDataSource, readOptionsOf, withLocalCopy, type LoadDataSourceOptions } from './load-data-source';
import { indexGalaxy10Hdf5, readGalaxy10Rows } from './readers/galaxy10-rows';
import { openObjectUri } from '../storage/open-store';
import { runLayout } from '../run/run-layout';
import type { BlobStore } from '../storage/blob-store';

/**
 * A run's target set as the report needs it: how many samples, their sky coordinates, and the
 * images of the few samples it shows. Indices are those of the prediction files (the trainer's
 * target set after label maps, class maps and class selection).
 */
export interface TargetRows {
  readonly n: number;
  /** [n] degrees, where the data has them. */
  readonly ra?: Float64Array;
  readonly dec?: Float64Array;
  /** The images of these samples, in this order, harmonized as the trainer saw them. */
  readImages(indices: readonly number[]): Promise<Dataset>;
}

/** A dataset already in memory as TargetRows. */
export function rowsOfDataset(dataset: Dataset): TargetRows {
  return {
    n: dataset.n,
    ra: dataset.ra,
    dec: dataset.dec,
    readImages: async (indices) => subset(dataset, indices),
  };
}

const HDF5_EXTENSIONS = new Set(['.h5', '.hdf5', '.he5']);

/**
 * Opens a file data source for its target rows. An HDF5 file is indexed from its labels and
 * columns, and only the rows asked for are read (and harmonized) later; other formats are read
 * whole, as they hold no more than a run's images anyway. Simulated sources are refused: the report
 * never re-runs the simulator.
 */
export async function openTargetRows(
  source: DataSource,
  options: LoadDataSourceOptions,
): Promise<TargetRows> {
  if (source.kind === 'simulate') {
    throw new NotFoundError(
      'the target was simulated inside the trainer and not stored; the report does not simulate it again',
    );
  }
  const location = fileLocation(source, options.store);
  if (!HDF5_EXTENSIONS.has(extname(location.key).toLowerCase())) {
    return rowsOfDataset(await loadDataSource(source, options));
  }
  const readOptions = readOptionsOf(source, options);
  const local = <T>(read: (path: string) => Promise<T>): Promise<T> =>
    location.store ? withLocalCopy(location.store, location.key, read) : read(location.key);
  if (location.store && !(await location.store.exists(location.key))) {
    throw new NotFoundError(`${location.store.uriOf(location.key)} is missing`);
  }
  const index = await local((path) => indexGalaxy10Hdf5(path, readOptions));
  return {
    n: index.fileRows.length,
    ra: index.ra,
    dec: index.dec,
    readImages: async (indices) => {
      const rows = indices.map((i) => index.fileRows[i]);
      const images = await local((path) => readGalaxy10Rows(path, rows, readOptions));
      return {
        ...images,
        labels: new Int32Array(images.n),
        classNames: [],
        domain: 'target',
        origin: location.store ? location.store.uriOf(location.key) : location.key,
      };
    },
  };
}

/** A local path (no store) or an object in a store. */
function fileLocation(
  source: Exclude<DataSource, { kind: 'simulate' }>,
  runStore: BlobStore,
): { store?: BlobStore; key: string } {
  if (source.kind === 'zenodo')
    return { store: runStore, key: runLayout.rawZenodo(source.record, source.file) };
  if (source.uri.startsWith('s3://')) return openObjectUri(source.uri);
  return { key: source.uri.startsWith('file://') ? fileURLToPath(source.uri) : source.uri };
}
