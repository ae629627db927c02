import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Dataset } from '../../data/dataset';
import { readDataset } from '../../data/readers';
import { DataFormatError, NotFoundError } from '../../errors';
import type { BlobStore } from '../../storage/blob-store';
import { openStore } from '../../storage/open-store';
import { runLayout } from '../../storage/run-layout';
import { parseReportConfig } from './run-config';

/** The target dataset for thumbnails and sky coordinates, or why there is none. */
export interface TargetImages {
  readonly dataset?: Dataset;
  /** Said on the page when the gallery has no thumbnails. */
  readonly note?: string;
}

async function readRemote(uri: string, classes: readonly string[] | undefined): Promise<Dataset> {
  const slash = uri.lastIndexOf('/');
  const bytes = await openStore(uri.slice(0, slash)).get(uri.slice(slash + 1));
  const folder = await mkdtemp(path.join(tmpdir(), 'target-'));
  try {
    const file = path.join(folder, uri.slice(slash + 1));
    await writeFile(file, bytes);
    return await readDataset(file, { domain: 'target', selectClasses: classes });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Reads the target dataset named by config.json's `target.uri` (a local path, file:// or s3:// object,
 * fetched to a temporary file). A missing config, field or file, or one the readers refuse, gives a note
 * instead of an error: the report is still worth having without thumbnails. Transient errors propagate.
 */
export async function loadTargetImages(store: BlobStore, runId: string): Promise<TargetImages> {
  const key = runLayout.config(runId);
  if (!(await store.exists(key))) return { note: `${key} is missing, so the target images are unknown` };
  const config = parseReportConfig(await store.getText(key), store.uriOf(key));
  const uri = config.target?.uri;
  if (!uri) return { note: `${key} has no target.uri, so the target images are unknown` };
  const classes = config.target?.classes;
  try {
    const dataset = uri.startsWith('s3://')
      ? await readRemote(uri, classes)
      : await readDataset(uri, { domain: 'target', selectClasses: classes });
    return { dataset };
  } catch (error) {
    if (error instanceof DataFormatError || error instanceof NotFoundError) {
      return { note: `target images at ${uri} could not be read: ${error.message}` };
    }
    throw error;
  }
}
