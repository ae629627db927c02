import { InvalidConfigError } from '../errors';
import { RUN_ID_PATTERN } from '../run/run-id';

/** A run named by one path or URI: the store that holds it and its id. */
export interface RunLocation {
  /** Store URI (folder, file:// or s3://), as openStore takes it. */
  readonly storeUri: string;
  readonly runId: string;
}

/**
 * Splits `<store>/runs/<runId>` (a local folder, file:// or s3:// URI, trailing slash allowed) into the
 * store and the run id, following the run layout of DESIGN.md.
 */
export function parseRunLocation(location: string): RunLocation {
  const trimmed = location.trim().replace(/\/+$/, '');
  const parts = trimmed.split('/');
  const runId = parts.pop() ?? '';
  const runs = parts.pop();
  if (runs !== 'runs' || !RUN_ID_PATTERN.test(runId)) {
    throw new InvalidConfigError(
      `--run '${location}': expected <store>/runs/<runId>, e.g. ./out/runs/abc123 or s3://bucket/runs/abc123`,
    );
  }
  const store = parts.join('/');
  return { storeUri: store === '' ? '.' : /^[a-z0-9+.-]+:\/?$/i.test(store) ? `${store}/` : store, runId };
}
