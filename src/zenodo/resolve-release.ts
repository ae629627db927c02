import { NotFoundError } from '../errors';
import { type Logger, silentLogger } from '../logger';
import type { BlobStore } from '../storage/blob-store';
import type { ZenodoClient } from './client';
import type { ZenodoFile } from './records';
import { readReleaseState } from './release-state';
import { runIdFor } from '../run/run-id';

export interface ResolvedRelease {
  /** The newest version's record id. */
  readonly recordId: string;
  readonly conceptRecordId: string;
  readonly version?: string;
  readonly files: readonly ZenodoFile[];
  /** `<recordId>-<config hash>`, see RunOrigin in src/run/run-id.ts. */
  readonly runId: string;
  /** The store's release state says this record was already trained with this config. */
  readonly upToDate: boolean;
}

export interface ResolveReleaseOptions {
  readonly client: ZenodoClient;
  readonly store: BlobStore;
  /** A record id or concept record id. */
  readonly record: string;
  /** The resolved run config; its canonical JSON goes into the run id. */
  readonly config: object;
  readonly logger?: Logger;
}

/**
 * Resolves a record or concept to its newest version and files, the deterministic run id for training
 * `config` on it, and whether that run already happened. A release without files throws NotFoundError.
 */
export async function resolveRelease(options: ResolveReleaseOptions): Promise<ResolvedRelease> {
  const logger = options.logger ?? silentLogger;
  const newest = await options.client.newestVersion(options.record);
  if (newest.files.length === 0) {
    throw new NotFoundError(
      `Zenodo record ${newest.id} (newest version of ${options.record}) lists no files: restricted or metadata-only`,
    );
  }
  const runId = runIdFor({ zenodoRecordId: newest.id }, options.config);
  const state = await readReleaseState(options.store, newest.conceptRecordId);
  const upToDate = state?.recordId === newest.id && state.runId === runId;
  logger.info({ record: options.record, newest: newest.id, runId, upToDate }, 'resolved Zenodo release');
  return {
    recordId: newest.id,
    conceptRecordId: newest.conceptRecordId,
    version: newest.version,
    files: newest.files,
    runId,
    upToDate,
  };
}
