import { createLogger } from '../logger';
import { openStore } from '../storage/open-store';
import { ZenodoClient } from '../zenodo/client';
import { pinReleaseSources } from '../zenodo/pin-release-sources';
import { resolveRelease } from '../zenodo/resolve-release';
import { parseEvent, withWorkflowErrors } from './error-mapping';
import { arraySize } from '../config/member-plan';
import { resolveConfig, resolveConfigJson, type RunConfig } from '../config/run-config';
import type { BlobStore } from '../storage/blob-store';
import { DEFAULT_RUN_CONFIG_VARIABLE } from './handler-environment';
import { claimRunConfig } from '../run/run-config-file';
import { runIdFor } from '../run/run-id';
import { runLayout } from '../run/run-layout';
import { executionInputSchema, type Release } from '../run/workflow-payloads';

/**
 * Lambda handler of ResolveRelease, where a run starts: resolves the config once, derives the run id and
 * writes runs/<runId>/config.json, which every later state reads. Throws NotFoundError (no record, or no
 * files), InvalidConfigError (bad event or config), TransientError (Zenodo unavailable), each with its
 * class name as the error name.
 */
export async function handler(event: unknown): Promise<Release> {
  return withWorkflowErrors(async () => {
    const input = parseEvent(executionInputSchema, event, 'resolve-release');
    const config = resolveConfig(Object.keys(input.config).length > 0 ? input.config : defaultRunConfig());
    const store = openStore(input.store);
    const client = new ZenodoClient({ baseUrl: input.zenodoUrl, logger: createLogger() });
    const { runConfig, ...release } = input.recordId
      ? await resolveZenodoRelease(input.recordId, client, store, config)
      : await resolveConfigOnlyRun(store, config);
    if (!release.upToDate) await claimRunConfig(store, release.runId, runConfig);
    return { ...release, store: store.uri, members: arraySize(config), zenodoUrl: client.baseUrl };
  });
}

function defaultRunConfig(): unknown {
  const text = process.env[DEFAULT_RUN_CONFIG_VARIABLE];
  return text ? resolveConfigJson(text) : {};
}

type ResolvedRun = Omit<Release, 'store' | 'members' | 'zenodoUrl'> & { runConfig: RunConfig };

/** A run on data the config names itself (simulated, or URIs): no Zenodo release; done once summarized. */
async function resolveConfigOnlyRun(store: BlobStore, config: RunConfig): Promise<ResolvedRun> {
  const runId = runIdFor('config-only', config);
  const upToDate = await store.exists(runLayout.summary(runId));
  return { runId, upToDate, recordId: null, conceptRecordId: null, version: null, files: [], runConfig: config };
}

/** The newest release of a record, and the config with its Zenodo sources pinned to that release. */
async function resolveZenodoRelease(
  record: string,
  client: ZenodoClient,
  store: BlobStore,
  config: RunConfig,
): Promise<ResolvedRun> {
  const release = await resolveRelease({ client, store, record, config, logger: createLogger() });
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
