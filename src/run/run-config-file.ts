import { canonicalJson } from '../config/config-hash';
import { resolveConfigJson, type RunConfig } from '../config/run-config';
import { InvalidConfigError } from '../errors';
import type { BlobStore } from '../storage/blob-store';
import { runLayout } from './run-layout';

/*
 * A run config's life cycle: resolved once where a run starts (ResolveRelease, or `train --config` started
 * by hand), written as runs/<runId>/config.json, and from then on only read back: the trainer children,
 * the evaluation and the report read the run's own config.json instead of being sent one.
 */

/**
 * Writes runs/<runId>/config.json unless present; a present one must be this config (a restart of the
 * same run). Throws InvalidConfigError when the run holds another config.
 */
export async function claimRunConfig(store: BlobStore, runId: string, config: RunConfig): Promise<void> {
  const key = runLayout.config(runId);
  const text = JSON.stringify(config, null, 2);
  if (!(await store.exists(key))) {
    await store.put(key, text, { contentType: 'application/json' });
    return;
  }
  if (canonicalJson(JSON.parse(await store.getText(key))) !== canonicalJson(JSON.parse(text))) {
    throw new InvalidConfigError(
      `run ${runId}: ${store.uriOf(key)} holds a different config; resume with that config or start a new run id`,
    );
  }
}

/**
 * The config a run was started with. Validated as JSON read from storage is (a hand-edited or foreign file
 * is an InvalidConfigError naming it); it was resolved when written, so nothing here changes it.
 */
export async function readRunConfig(store: BlobStore, runId: string): Promise<RunConfig> {
  const key = runLayout.config(runId);
  if (!(await store.exists(key))) {
    throw new InvalidConfigError(`run ${runId}: ${store.uriOf(key)} does not exist; start the run with --config`);
  }
  const text = await store.getText(key);
  try {
    return resolveConfigJson(text);
  } catch (error) {
    throw new InvalidConfigError(`${store.uriOf(key)}: ${(error as Error).message}`, { cause: error });
  }
}
