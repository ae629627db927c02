import { canonicalJson } from '../config/config-hash';
import { resolveConfigJson, type RunConfig } from '../config/run-config';
import { DataFormatError, InvalidConfigError } from '../errors';
import type { BlobStore } from '../storage/blob-store';
import { runLayout } from './run-layout';

/*
 * A run config's life cycle: resolved once where a run starts (ResolveRelease, or `train --config` started
 * by hand), written as runs/<runId>/config.json, and from then on only read back: the trainer children,
 * the evaluation and the report read the run's own config.json instead of being sent one.
 */

/**
 * Whether runs/<runId>/config.json is already this config (a restart of the same run, or another member
 * of it); false when there is none yet. Read-only, so a trainer can check before it loads any data.
 * @throws InvalidConfigError when the run holds another config, DataFormatError when it is not JSON
 */
export async function checkRunConfig(store: BlobStore, runId: string, config: RunConfig): Promise<boolean> {
  const key = runLayout.config(runId);
  if (!(await store.exists(key))) return false;
  let existing: unknown;
  try {
    existing = JSON.parse(await store.getText(key));
  } catch (error) {
    throw new DataFormatError(
      `run ${runId}: ${store.uriOf(key)} is not JSON (${(error as Error).message}); restore it or start a new run id`,
    );
  }
  if (canonicalJson(existing) !== canonicalJson(JSON.parse(JSON.stringify(config)))) {
    throw new InvalidConfigError(
      `run ${runId}: ${store.uriOf(key)} holds a different config; resume with that config or start a new run id`,
    );
  }
  return true;
}

/**
 * Writes runs/<runId>/config.json unless present; a present one must be this config (a restart of the
 * same run). Throws InvalidConfigError when the run holds another config.
 */
export async function claimRunConfig(store: BlobStore, runId: string, config: RunConfig): Promise<void> {
  if (await checkRunConfig(store, runId, config)) return;
  await store.put(runLayout.config(runId), JSON.stringify(config, null, 2), {
    contentType: 'application/json',
  });
}

/**
 * The config a run was started with. Validated as JSON read from storage is (a hand-edited or foreign file
 * is an InvalidConfigError naming it); it was resolved when written, so nothing here changes it.
 */
export async function readRunConfig(store: BlobStore, runId: string): Promise<RunConfig> {
  const key = runLayout.config(runId);
  if (!(await store.exists(key))) {
    throw new InvalidConfigError(
      `run ${runId}: ${store.uriOf(key)} does not exist; start the run with --config`,
    );
  }
  const text = await store.getText(key);
  try {
    return resolveConfigJson(text);
  } catch (error) {
    throw new InvalidConfigError(`${store.uriOf(key)}: ${(error as Error).message}`, { cause: error });
  }
}
