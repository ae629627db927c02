export { ZenodoClient, DEFAULT_ZENODO_URL, type ZenodoClientOptions } from './client';
export type { ZenodoFile, ZenodoRecord } from './records';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
export { ingestFile, type IngestFileOptions, type IngestFileResult } from './ingest-file';
export { resolveRelease, type ResolveReleaseOptions, type ResolvedRelease } from './resolve-release';
export { readReleaseState, markReleaseTrained, ReleaseStateSchema, type ReleaseState } from './release-state';
