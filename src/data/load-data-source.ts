import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from '../config/run-config';
import type { Dataset, Domain } from './dataset';
import { readDataset } from './readers';
import { simulateSurvey } from './simulate/simulate-survey';
import type { SimulatedClass } from './tasks';
import { NotFoundError } from '../errors';
import type { Logger } from '../logger';
import type { BlobStore } from '../storage/blob-store';
import { openObjectUri } from '../storage/open-store';
import { runLayout } from '../run/run-layout';

export interface LoadDataSourceOptions {
  readonly domain: Domain;
  /** The domain's class list: only these classes are kept, labels follow this order. */
  readonly classes: readonly string[];
  /** The run's store: Zenodo sources are read from what Ingest wrote there. */
  readonly store: BlobStore;
  readonly logger: Logger;
}

/**
 * One domain's images from a config data source: simulated on the spot, read from a local path or
 * file:// URI, or fetched to a temporary file first (s3:// objects, ingested Zenodo files).
 */
export async function loadDataSource(source: DataSource, options: LoadDataSourceOptions): Promise<Dataset> {
  const readOptions = { domain: options.domain, selectClasses: options.classes };
  switch (source.kind) {
    case 'simulate':
      return simulateSurvey({
        survey: source.survey,
        // The config's rules already refused class names the simulator cannot render.
        classes: options.classes as readonly SimulatedClass[],
        n: source.n,
        imageSize: source.size,
        seed: source.seed,
        proportions: source.proportions,
        domain: options.domain,
        logger: options.logger,
      });
    case 'uri': {
      if (!source.uri.startsWith('s3://')) return readDataset(source.uri, readOptions);
      const { store, key } = openObjectUri(source.uri);
      return withLocalCopy(store, key, (path) => readDataset(path, readOptions));
    }
    case 'zenodo': {
      const key = runLayout.rawZenodo(source.record, source.file);
      if (!(await options.store.exists(key))) {
        throw new NotFoundError(
          `Zenodo file ${source.record}/${source.file} is not in ${options.store.uriOf(key)}: ingest the record first`,
        );
      }
      return withLocalCopy(options.store, key, (path) => readDataset(path, readOptions));
    }
  }
}

/** Streams one object to a temporary file (keeping its name, so readers see the extension), then removes it. */
async function withLocalCopy<T>(
  store: BlobStore,
  key: string,
  read: (path: string) => Promise<T>,
): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'deepastro-uda-data-'));
  try {
    const path = join(folder, basename(key));
    await pipeline(await store.stream(key), createWriteStream(path));
    return await read(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
