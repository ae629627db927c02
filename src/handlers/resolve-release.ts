import { configuredZenodoUrl } from './zenodo-host';
import { z } from 'zod';
import { createLogger } from '../logger';
import { openStore } from '../storage/open-store';
import { runLayout } from '../storage/run-layout';
import { ZenodoClient } from '../zenodo/client';
import { pinReleaseSources } from '../zenodo/pin-release-sources';
import { resolveRelease } from '../zenodo/resolve-release';
import { parseEvent, withWorkflowErrors } from './error-mapping';
import { arraySize } from '../config/member-plan';
import { resolveLocalRun } from '../config/local-run';
import { resolveConfig, resolveConfigJson, type RunConfig } from '../config/run-config';
import type { BlobStore } from '../storage/blob-store';
import { DEFAULT_RUN_CONFIG_VARIABLE } from './handler-environment';
import { zenodoRecordIdSchema } from './run-event';

/** Input of the ResolveRelease state (the execution input). */
export const ResolveReleaseEventSchema = z.object({
  /**
   * Zenodo record or concept record id; a concept resolves to its newest version. Absent for a run on
   * data the config names itself (simulated, or URIs): its run id is `local-<configHash>`.
   */
  recordId: zenodoRecordIdSchema.optional(),
  /** Store URI: `s3://bucket/prefix` or `file:///path`. */
  store: z.string().min(1),
  /**
   * The run config; resolved, hashed into the run id and written to runs/<runId>/config.json. Absent
   * or empty: the config in DEFAULT_RUN_CONFIG_VARIABLE, where set.
   */
  config: z.record(z.string(), z.unknown()).default({}),
  /** The configured host (ZENODO_URL, else https://zenodo.org) and no other. */
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
  readonly recordId: string | null;
  readonly conceptRecordId: string | null;
  readonly version: string | null;
  readonly runId: string;
  readonly upToDate: boolean;
  readonly store: string;
  readonly configUri: string;
  /** Array children to train: ensemble members plus baselines (src/config/member-plan.ts). */
  readonly members: number;
  readonly files: readonly ReleaseFileItem[];
}

/**
 * Lambda handler of ResolveRelease. Throws NotFoundError (no record, or no files), InvalidConfigError
 * (bad event), TransientError (Zenodo unavailable), each with its class name as the error name.
 */
export async function handler(event: unknown): Promise<ResolveReleaseResult> {
  return withWorkflowErrors(async () => {
    const input = parseEvent(ResolveReleaseEventSchema, event, 'resolve-release');
    const config = resolveConfig(Object.keys(input.config).length > 0 ? input.config : defaultRunConfig());
    const store = openStore(input.store);
    const { runConfig, ...release } = input.recordId
      ? await resolveZenodoRelease(input.recordId, input.zenodoUrl, store, config)
      : { ...(await resolveLocalRun(store, config)), ...NO_RELEASE, runConfig: config };
    const configKey = runLayout.config(release.runId);
    if (!release.upToDate) {
      await store.put(configKey, JSON.stringify(runConfig, null, 2), { contentType: 'application/json' });
    }
    return { ...release, store: store.uri, configUri: store.uriOf(configKey), members: arraySize(config) };
  });
}

function defaultRunConfig(): unknown {
  const text = process.env[DEFAULT_RUN_CONFIG_VARIABLE];
  return text ? resolveConfigJson(text) : {};
}

/** A config-only run (simulated data, or URIs) has no Zenodo release. */
const NO_RELEASE = { recordId: null, conceptRecordId: null, version: null, files: [] } as const;

/** The newest release of a record, and the config with its Zenodo sources pinned to that release. */
async function resolveZenodoRelease(
  record: string,
  zenodoUrl: string | undefined,
  store: BlobStore,
  config: RunConfig,
): Promise<Omit<ResolveReleaseResult, 'store' | 'configUri' | 'members'> & { runConfig: RunConfig }> {
  const logger = createLogger();
  const client = new ZenodoClient({ baseUrl: configuredZenodoUrl(zenodoUrl), logger });
  const release = await resolveRelease({ client, store, record, config, logger });
  const runConfig = pinReleaseSources(config, {
    recordId: release.recordId,
    conceptRecordId: release.conceptRecordId,
    requested: record,
    files: release.files.map((file) => file.key),
  });
  return {
    runConfig,
    recordId: release.recordId,
    conceptRecordId: release.conceptRecordId,
    version: release.version ?? null,
    runId: release.runId,
    upToDate: release.upToDate,
    files: release.files.map(({ key, size, md5, url }) => ({
      recordId: release.recordId,
      key,
      size,
      md5,
      url,
    })),
  };
}
