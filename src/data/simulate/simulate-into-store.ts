import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlobStore } from '../../storage/blob-store';
import { writeContactSheet } from '../contact-sheet';
import type { Domain } from '../dataset';
import { writeGalaxy10File } from '../galaxy10-writer';
import type { SimulatedClass } from '../tasks';
import { simulateSurvey } from './simulate-survey';
import type { SurveyName } from './surveys';

export interface SimulateIntoStoreOptions {
  readonly survey: SurveyName;
  readonly domain: Domain;
  readonly classes: readonly SimulatedClass[];
  readonly n: number;
  readonly imageSize: number;
  readonly seed: number;
  /** Key of the HDF5 file in the store; the preview goes beside it as .png. */
  readonly key: string;
}

/** Where a simulated survey went: URIs of its HDF5 file and its contact sheet. */
export interface SimulatedFile {
  readonly uri: string;
  readonly previewUri: string;
  readonly n: number;
}

/**
 * Simulates one survey and publishes it to a store as a Galaxy10-style HDF5 file plus a PNG contact
 * sheet, so simulated data takes the same path (a URI in a run config) as real data.
 */
export async function simulateIntoStore(
  store: BlobStore,
  options: SimulateIntoStoreOptions,
): Promise<SimulatedFile> {
  const dataset = simulateSurvey({
    survey: options.survey,
    classes: options.classes,
    n: options.n,
    imageSize: options.imageSize,
    seed: options.seed,
    domain: options.domain,
  });
  const folder = await mkdtemp(join(tmpdir(), 'deepastro-simulate-'));
  try {
    const h5 = join(folder, 'survey.h5');
    const png = join(folder, 'preview.png');
    await writeGalaxy10File(dataset, h5);
    await writeContactSheet(dataset, png, {
      title: `${options.survey} (${options.domain}) seed=${options.seed}`,
    });
    const previewKey = options.key.replace(/\.h5$/, '') + '.png';
    await store.putStream(options.key, createReadStream(h5), { contentType: 'application/x-hdf5' });
    await store.putStream(previewKey, createReadStream(png), { contentType: 'image/png' });
    return { uri: store.uriOf(options.key), previewUri: store.uriOf(previewKey), n: dataset.n };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
