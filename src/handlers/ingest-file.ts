import { createLogger } from '../logger';
import { openStore } from '../storage/open-store';
import { ZenodoClient } from '../zenodo/client';
import { ingestFile } from '../zenodo/ingest-file';
import { parseEvent, withWorkflowErrors } from './error-mapping';
import { ingestItemSchema, type IngestResult } from '../run/workflow-payloads';
import { configuredZenodoUrl } from './zenodo-host';

/**
 * Lambda handler of one Ingest iteration. Throws ChecksumMismatchError (bytes differ from Zenodo's md5;
 * nothing published), TransientError (retryable), NotFoundError, InvalidConfigError.
 */
export async function handler(event: unknown): Promise<IngestResult> {
  return withWorkflowErrors(async () => {
    const { store, file, zenodoUrl } = parseEvent(ingestItemSchema, event, 'ingest-file');
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
