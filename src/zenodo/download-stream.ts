import { Readable } from 'node:stream';
import { DeepAstroError, TransientError } from '../errors';
import type { Logger } from '../logger';
import type { ZenodoClient } from './client';
import type { ZenodoFile } from './records';
import { backoffDelayMs, sleep } from './retry-policy';

/**
 * The server ignored a Range request, so the bytes already streamed cannot be continued: only starting
 * the whole transfer over helps. Ingestion catches it; it never leaves the zenodo module under this name.
 */
export class ResumeUnsupportedError extends TransientError {}

export interface DownloadOptions {
  readonly logger: Logger;
  /** Called with the bytes received so far, after each chunk. */
  readonly onProgress?: (bytes: number) => void;
}

/**
 * A file's bytes as one stream, however many connections it takes: when a connection drops or stalls
 * mid-body the download resumes from the last byte with an HTTP Range request. A server that ignores
 * Range cannot continue the same stream, so that fails with TransientError and the caller starts over.
 */
export function downloadStream(client: ZenodoClient, file: ZenodoFile, options: DownloadOptions): Readable {
  return Readable.from(downloadChunks(client, file, options), {
    objectMode: false,
    highWaterMark: 1024 * 1024,
  });
}

async function* downloadChunks(
  client: ZenodoClient,
  file: ZenodoFile,
  options: DownloadOptions,
): AsyncGenerator<Uint8Array> {
  const { retry } = client.http.options;
  let offset = 0;
  for (let interruption = 0; ; interruption++) {
    try {
      for await (const chunk of oneConnection(client, file, offset)) {
        offset += chunk.length;
        options.onProgress?.(offset);
        yield chunk;
      }
      if (offset >= file.size) return;
      throw new Error(`connection closed after ${offset} of ${file.size} bytes`);
    } catch (error) {
      if (error instanceof DeepAstroError) throw error;
      if (interruption + 1 >= retry.maxAttempts) {
        throw new TransientError(
          `file ${file.key}: download kept failing at byte ${offset}: ${describe(error)}`,
        );
      }
      const delayMs = backoffDelayMs(interruption, retry);
      options.logger.warn(
        { file: file.key, offset, reason: describe(error), delayMs },
        'download interrupted; resuming',
      );
      await sleep(delayMs);
    }
  }
}

/**
 * One HTTP response's body from `offset`, dropped when no bytes arrive within the idle timeout, or when
 * the whole connection outlasts its deadline (a server trickling bytes).
 */
async function* oneConnection(
  client: ZenodoClient,
  file: ZenodoFile,
  offset: number,
): AsyncGenerator<Uint8Array> {
  const stalled = new AbortController();
  const idle = setTimeout(
    () => stalled.abort(new Error(`no bytes for ${client.idleTimeoutMs} ms`)),
    client.idleTimeoutMs,
  );
  const deadlineMs = client.connectionDeadlineMs(Math.max(0, file.size - offset));
  const deadline = setTimeout(
    () => stalled.abort(new Error(`slower than ${client.minBytesPerSecond} bytes/s for ${deadlineMs} ms`)),
    deadlineMs,
  );
  try {
    const response = await client.openFile(file, offset, stalled.signal);
    assertStartsAt(response, file, offset);
    if (response.body === null) return;
    for await (const chunk of response.body) {
      idle.refresh();
      yield chunk;
    }
  } finally {
    clearTimeout(idle);
    clearTimeout(deadline);
  }
}

function assertStartsAt(response: Response, file: ZenodoFile, offset: number): void {
  if (offset === 0 && response.status === 200) return;
  const range = response.headers.get('content-range') ?? '';
  if (response.status === 206 && range.startsWith(`bytes ${offset}-`)) return;
  void response.body?.cancel();
  throw new ResumeUnsupportedError(
    `file ${file.key}: server cannot resume at byte ${offset} (HTTP ${response.status} ${range}); restarting the download`,
  );
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause?.code ? `${message} (${cause.code})` : message;
}
