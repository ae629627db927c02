import { mkdir, rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DataFormatError, NotFoundError } from '../errors';
import type { BlobStore } from '../storage/blob-store';
import { runLayout } from '../run/run-layout';

/** What `cloud results` wrote. */
export interface DownloadedResults {
  readonly directory: string;
  /** Local paths, summary.json first, then the report's files in key order. */
  readonly files: readonly string[];
  readonly bytes: number;
}

/**
 * Downloads a run's summary.json and report/ folder into `directory` (summary.json, report/index.html,
 * ...). Each file is written to a temporary name first, so an interrupted download leaves no partial
 * file. Throws NotFoundError when the run has no summary yet: Publish writes it last.
 */
export async function downloadRunResults(
  store: BlobStore,
  runId: string,
  directory: string,
): Promise<DownloadedResults> {
  const summaryKey = runLayout.summary(runId);
  if (!(await store.exists(summaryKey))) {
    throw new NotFoundError(
      `run ${runId} has no ${store.uriOf(summaryKey)} yet: the workflow publishes it last`,
    );
  }
  const reportPrefix = `${runLayout.reportPrefix(runId)}/`;
  const targets: { key: string; file: string }[] = [
    { key: summaryKey, file: path.join(directory, 'summary.json') },
  ];
  for await (const blob of store.list(reportPrefix)) {
    targets.push({
      key: blob.key,
      file: localPath(directory, 'report', blob.key.slice(reportPrefix.length)),
    });
  }
  let bytes = 0;
  for (const target of targets) bytes += await downloadBlob(store, target.key, target.file);
  return { directory, files: targets.map((target) => target.file), bytes };
}

function localPath(directory: string, folder: string, relativeKey: string): string {
  const file = path.resolve(directory, folder, ...relativeKey.split('/'));
  if (!file.startsWith(path.resolve(directory, folder) + path.sep)) {
    throw new DataFormatError(`refusing to write report key '${relativeKey}' outside ${directory}`);
  }
  return file;
}

async function downloadBlob(store: BlobStore, key: string, file: string): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  let bytes = 0;
  try {
    const body = await store.stream(key);
    body.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await pipeline(body, createWriteStream(partial));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return bytes;
}
