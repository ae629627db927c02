import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFormatError, InvalidConfigError, NotFoundError } from '../../errors';
import type { BlobStore } from '../../storage/blob-store';
import { openObjectUri } from '../../storage/open-store';
import { runLayout } from '../../run/run-layout';
import { withLocalCopy } from '../load-data-source';
import { readDataset } from '../readers';
import { describeHdf5, type DescribeChoice, type FileDescription } from './describe-hdf5';

const HDF5_EXTENSIONS = new Set(['.h5', '.hdf5', '.he5']);

/**
 * Describes a data source named as `data describe` takes it: a local path or file:// URI (an HDF5
 * file, a .npy pair or an image folder), an s3:// object, or `zenodo:<record>/<file>` ingested into
 * `store`. Objects are fetched to a temporary file first.
 */
export async function describeSource(
  source: string,
  choice: DescribeChoice,
  store?: BlobStore,
): Promise<FileDescription> {
  return { ...(await describeAt(source, choice, store)), path: source };
}

async function describeAt(
  source: string,
  choice: DescribeChoice,
  store?: BlobStore,
): Promise<FileDescription> {
  const zenodo = /^zenodo:(\d+)\/(.+)$/.exec(source);
  if (zenodo) {
    if (!store)
      throw new InvalidConfigError(`${source}: a Zenodo file is described from a store: give --store`);
    const key = runLayout.rawZenodo(zenodo[1], zenodo[2]);
    if (!(await store.exists(key))) {
      throw new NotFoundError(
        `Zenodo file ${zenodo[1]}/${zenodo[2]} is not in ${store.uriOf(key)}: ingest the record first`,
      );
    }
    return withLocalCopy(store, key, (path) => describeLocal(path, choice));
  }
  if (source.startsWith('s3://')) {
    const { store: objectStore, key } = openObjectUri(source);
    return withLocalCopy(objectStore, key, (path) => describeLocal(path, choice));
  }
  return describeLocal(source.startsWith('file://') ? fileURLToPath(source) : source, choice);
}

async function describeLocal(path: string, choice: DescribeChoice): Promise<FileDescription> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new DataFormatError(`${path}: cannot read (${error.code ?? error.message})`, { cause: error });
  });
  if (info.isFile() && HDF5_EXTENSIONS.has(extname(path).toLowerCase())) return describeHdf5(path, choice);
  // Folders and .npy pairs hold no more than their pixels and labels: read them as a run would.
  const dataset = await readDataset(path, { domain: 'source', labels: choice.labels, logger: choice.logger });
  const counts = new Array<number>(dataset.classNames.length).fill(0);
  for (const label of dataset.labels) counts[label]++;
  return {
    path,
    datasets: [
      { name: 'images', shape: [dataset.n, dataset.height, dataset.width, dataset.channels], dtype: 'uint8' },
    ],
    labels: info.isDirectory() ? 'the class folders' : (choice.labels ?? 'the caller'),
    harmonization: choice.harmonize ? JSON.stringify(choice.harmonize) : 'none',
    taskClasses: choice.classes,
    classes: dataset.classNames.map((id, label) => {
      const task = choice.classMap ? choice.classMap[id] : id;
      const mapsTo = task !== undefined && choice.classes?.includes(task) ? task : undefined;
      return { label, id, count: counts[label], mapsTo };
    }),
  };
}
