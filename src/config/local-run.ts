import type { BlobStore } from '../storage/blob-store';
import { runLayout } from '../storage/run-layout';
import { configHash } from './config-hash';
import type { RunConfig } from './run-config-types';

/** A run on data named by its config alone (simulated or given by URI), without a Zenodo release. */
export interface LocalRun {
  /** `local-<configHash>`: the same config gives the same run. */
  readonly runId: string;
  /** The run already published its summary: a repeated start has nothing to do. */
  readonly upToDate: boolean;
}

/** Resolves the run id of a config-only run, and whether it already finished. */
export async function resolveLocalRun(store: BlobStore, config: RunConfig): Promise<LocalRun> {
  const runId = `local-${configHash(config)}`;
  return { runId, upToDate: await store.exists(runLayout.summary(runId)) };
}
