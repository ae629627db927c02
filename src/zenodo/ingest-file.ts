import { TransientError } from '../errors';
import { type Logger, silentLogger } from '../logger';
import type { BlobStore } from '../storage/blob-store';
import { runLayout } from '../run/run-layout';
import type { IngestResult } from '../run/workflow-payloads';
import type { ZenodoClient } from './client';
import { ResumeUnsupportedError, downloadStream } from './download-stream';
import type { ZenodoFile } from './records';
import { backoffDelayMs, sleep } from './retry-policy';

export interface IngestFileOptions {
  readonly client: ZenodoClient;
  readonly store: BlobStore;
  readonly recordId: string;
  readonly file: ZenodoFile;
  readonly logger?: Logger;
  /** Bytes of this file received so far; goes back to 0 when a download has to start over. */
  readonly onProgress?: (bytes: number, total: number) => void;
}

/** What ingestFile did: the workflow's ingest result (src/run/workflow-payloads.ts). */
export type IngestFileResult = IngestResult;

/**
 * Streams one Zenodo file into the store under `raw/zenodo/<recordId>/<key>`, verifying Zenodo's md5
 * on the way: a mismatch throws ChecksumMismatchError and nothing is published. An object already
 * there with the same md5 is kept and not downloaded again. Downloads that cannot resume start over.
 */
export async function ingestFile(options: IngestFileOptions): Promise<IngestFileResult> {
  const { store, recordId, file } = options;
  const logger = options.logger ?? silentLogger;
  const key = runLayout.rawZenodo(recordId, file.key);
  const existing = await store.head(key);
  if (existing?.md5 === file.md5) {
    logger.info({ key, md5: file.md5 }, 'already ingested with the same md5; skipping');
    return { key, uri: store.uriOf(key), size: existing.size, md5: file.md5, status: 'skipped' };
  }
  const info = await downloadWithRestarts(options, key, logger);
  logger.info({ key, size: info.size, md5: info.md5 }, 'ingested');
  return { key, uri: store.uriOf(key), size: info.size, md5: file.md5, status: 'ingested' };
}

async function downloadWithRestarts(options: IngestFileOptions, key: string, logger: Logger) {
  const { client, store, file } = options;
  const { retry } = client.http.options;
  for (let restart = 0; ; restart++) {
    const body = downloadStream(client, file, {
      logger,
      onProgress: (bytes) => options.onProgress?.(bytes, file.size),
    });
    try {
      return await store.putStream(key, body, { expectedMd5: file.md5 });
    } catch (error) {
      if (!(error instanceof ResumeUnsupportedError)) throw error;
      if (restart + 1 >= retry.maxAttempts) throw new TransientError(error.message, { cause: error });
      const delayMs = backoffDelayMs(restart, retry);
      logger.warn({ key, reason: error.message, delayMs }, 'starting the download over');
      options.onProgress?.(0, file.size);
      await sleep(delayMs);
    }
  }
}
