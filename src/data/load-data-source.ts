import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import type { DataSource, RunConfig } from '../config/run-config';
import type { FileSourceFields } from '../config/data-source';
import type { Dataset, Domain } from './dataset';
import { readDataset } from './readers';
import type { ReadOptions } from './readers/read-options';
import type { PairedPopulation } from './simulate/paired-population';
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
  /** The model input side in pixels: file images are harmonized to it and checked against it. */
  readonly imageSize?: number;
  /** Names the source in messages, e.g. `data.target`. */
  readonly sourceName?: string;
  /** A simulated source images this population's galaxies (config `data.paired`). */
  readonly paired?: PairedPopulation;
  /** The run's store: Zenodo sources are read from what Ingest wrote there. */
  readonly store: BlobStore;
  readonly logger: Logger;
}

/**
 * One domain's images from a config data source: simulated on the spot, read from a local path or
 * file:// URI, or fetched to a temporary file first (s3:// objects, ingested Zenodo files).
 */
export async function loadDataSource(source: DataSource, options: LoadDataSourceOptions): Promise<Dataset> {
  const readOptions = readOptionsOf(source, options);
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
        ...(options.paired && { paired: options.paired }),
        ...(source.instrument && { instrument: source.instrument }),
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

/**
 * The galaxy population a paired config's source and target share, seeded by the source's seed; none
 * unless `data.paired` is set (the config's rules then guarantee both domains are simulated).
 */
export function pairedPopulationOf(config: RunConfig): PairedPopulation | undefined {
  const { source, target } = config.data;
  if (!config.data.paired || source.kind !== 'simulate' || target.kind !== 'simulate') return undefined;
  const side = (s: typeof source, classes: readonly string[]) => ({
    classes: classes as readonly SimulatedClass[],
    n: s.n,
    proportions: s.proportions,
  });
  return {
    seed: source.seed,
    source: side(source, config.classes.source),
    target: side(target, config.classes.target),
  };
}

/** What the readers are told about one data source: label map, class map, harmonization, model input. */
export function readOptionsOf(source: DataSource, options: LoadDataSourceOptions): ReadOptions {
  const file: FileSourceFields = source.kind === 'simulate' ? {} : source;
  return {
    domain: options.domain,
    selectClasses: options.classes,
    labels: file.labels,
    classMap: file.classMap,
    harmonize: file.harmonize,
    sourceName: options.sourceName,
    logger: options.logger,
    ...(options.imageSize !== undefined && {
      imageSize: { height: options.imageSize, width: options.imageSize },
    }),
  };
}

/**
 * Reads one object through a local file: in place for a file:// store, else streamed to a temporary
 * file (keeping its name, so readers see the extension) that is removed afterwards.
 */
export async function withLocalCopy<T>(
  store: BlobStore,
  key: string,
  read: (path: string) => Promise<T>,
): Promise<T> {
  const uri = store.uriOf(key);
  if (uri.startsWith('file://')) return read(fileURLToPath(uri));
  const folder = await mkdtemp(join(tmpdir(), 'deepastro-uda-data-'));
  try {
    const path = join(folder, basename(key));
    await pipeline(await store.stream(key), createWriteStream(path));
    return await read(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
