import { z } from 'zod';
import { createLogger } from '../logger';
import { openStore } from '../storage/open-store';
import { ZenodoClient } from '../zenodo/client';
import { ingestFile, type IngestFileResult } from '../zenodo/ingest-file';
import { parseEvent, withWorkflowErrors } from './error-mapping';
import { zenodoRecordIdSchema } from './run-event';
import { configuredZenodoUrl } from './zenodo-host';

/** Input of one Ingest Map iteration: the store and one of ResolveRelease's `files`. */
export const IngestFileEventSchema = z.object({
  store: z.string().min(1),
  file: z.object({
    recordId: zenodoRecordIdSchema,
    key: z.string().min(1),
    size: z.number().int().nonnegative(),
    md5: z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex digits'),
    url: z.string().url(),
  }),
  /** The configured host (ZENODO_URL, else https://zenodo.org) and no other. */
  zenodoUrl: z.string().url().optional(),
});
export type IngestFileEvent = z.input<typeof IngestFileEventSchema>;

/** `{ key, uri, size, md5, status: 'ingested' | 'skipped' }` */
export type IngestFileHandlerResult = IngestFileResult;

/**
 * Lambda handler of one Ingest iteration. Throws ChecksumMismatchError (bytes differ from Zenodo's md5;
 * nothing published), TransientError (retryable), NotFoundError, InvalidConfigError.
 */
export async function handler(event: unknown): Promise<IngestFileHandlerResult> {
  return withWorkflowErrors(async () => {
    const { store, file, zenodoUrl } = parseEvent(IngestFileEventSchema, event, 'ingest-file');
    const logger = createLogger();
    return ingestFile({
      client: new ZenodoClient({ baseUrl: configuredZenodoUrl(zenodoUrl), logger }),
      store: openStore(store),
      recordId: file.recordId,
      file: { key: file.key, size: file.size, md5: file.md5.toLowerCase(), url: file.url },
      logger,
    });
  });
}
