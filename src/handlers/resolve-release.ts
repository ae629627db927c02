import { z } from 'zod';
import { createLogger } from '../logger';
import { openStore } from '../storage/open-store';
import { runLayout } from '../storage/run-layout';
import { ZenodoClient } from '../zenodo/client';
import { resolveRelease } from '../zenodo/resolve-release';
import { parseEvent } from './error-mapping';

const recordId = z
  .union([z.string().regex(/^\d+$/, 'must be a Zenodo record id (digits)'), z.number().int().positive()])
  .transform(String);

/** Input of the ResolveRelease state (the execution input). */
export const ResolveReleaseEventSchema = z.object({
  /** Zenodo record or concept record id; a concept resolves to its newest version. */
  recordId,
  /** Store URI: `s3://bucket/prefix` or `file:///path`. */
  store: z.string().min(1),
  /** The resolved run config; its hash goes into the run id and it is written to runs/<runId>/config.json. */
  config: z.record(z.string(), z.unknown()).default({}),
  /** @default ZENODO_URL, else https://zenodo.org */
  zenodoUrl: z.string().url().optional(),
});
export type ResolveReleaseEvent = z.input<typeof ResolveReleaseEventSchema>;

/** One Ingest Map item: everything ingest-file needs to fetch and verify one file. */
export interface ReleaseFileItem {
  readonly recordId: string;
  readonly key: string;
  readonly size: number;
  readonly md5: string;
  readonly url: string;
}

/** What the workflow's Choice (upToDate), Ingest Map (files) and Train (configUri, members) read. */
export interface ResolveReleaseResult {
  readonly recordId: string;
  readonly conceptRecordId: string;
  readonly version: string | null;
  readonly runId: string;
  readonly upToDate: boolean;
  readonly store: string;
  readonly configUri: string;
  /** `config.ensemble.members`, else 1. */
  readonly members: number;
  readonly files: readonly ReleaseFileItem[];
}

/**
 * Lambda handler of ResolveRelease. Throws NotFoundError (no record, or no files), InvalidConfigError
 * (bad event), TransientError (Zenodo unavailable), each with its class name as the error name.
 */
export async function handler(event: unknown): Promise<ResolveReleaseResult> {
  const input = parseEvent(ResolveReleaseEventSchema, event, 'resolve-release');
  const store = openStore(input.store);
  const logger = createLogger();
  const client = new ZenodoClient({ baseUrl: input.zenodoUrl, logger });
  const release = await resolveRelease({
    client,
    store,
    record: input.recordId,
    config: input.config,
    logger,
  });
  const configKey = runLayout.config(release.runId);
  if (!release.upToDate) {
    await store.put(configKey, JSON.stringify(input.config, null, 2), { contentType: 'application/json' });
  }
  return {
    recordId: release.recordId,
    conceptRecordId: release.conceptRecordId,
    version: release.version ?? null,
    runId: release.runId,
    upToDate: release.upToDate,
    store: store.uri,
    configUri: store.uriOf(configKey),
    members: membersOf(input.config),
    files: release.files.map(({ key, size, md5, url }) => ({
      recordId: release.recordId,
      key,
      size,
      md5,
      url,
    })),
  };
}

function membersOf(config: Record<string, unknown>): number {
  const members = (config.ensemble as { members?: unknown } | undefined)?.members;
  return typeof members === 'number' && Number.isInteger(members) && members > 0 ? members : 1;
}
