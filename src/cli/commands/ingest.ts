import type { Command } from 'commander';
import { NotFoundError } from '../../errors';
import { createLogger } from '../../logger';
import { openStore } from '../../storage/open-store';
import { ZenodoClient } from '../../zenodo/client';
import { ingestFile } from '../../zenodo/ingest-file';
import { createByteProgress } from '../byte-progress';

interface IngestOptions {
  readonly record: string;
  readonly store: string;
  readonly zenodoUrl?: string;
}

/** `deepastro-uda ingest --record <id> --store <uri>`: every file of a Zenodo record into the store. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      "download a Zenodo record's files into the store as raw/zenodo/<record>/<file>, md5-verified",
    )
    .requiredOption('--record <id>', 'Zenodo record id; a concept record id means its newest version')
    .requiredOption('--store <uri>', 'store: a local folder, file:///path or s3://bucket/prefix')
    .option('--zenodo-url <url>', 'Zenodo base URL (default: $ZENODO_URL or https://zenodo.org)')
    .action(async (options: IngestOptions) => {
      const logger = createLogger();
      const store = openStore(options.store);
      const client = new ZenodoClient({ baseUrl: options.zenodoUrl, logger });
      const record = await client.getRecord(options.record);
      if (record.files.length === 0) throw new NotFoundError(`Zenodo record ${record.id} lists no files`);
      const progress = createByteProgress();
      for (const file of record.files) {
        progress.start(file.key, file.size);
        const onProgress = (bytes: number) => progress.update(bytes);
        const result = await ingestFile({
          client,
          store,
          recordId: record.id,
          file,
          logger,
          onProgress,
        }).finally(() => progress.stop());
        console.log(`${result.status} ${result.uri} (${result.size} bytes, md5 ${result.md5})`);
      }
    });
}
