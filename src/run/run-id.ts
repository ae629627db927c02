import { z } from 'zod';
import { configHash } from '../config/config-hash';

/**
 * Run ids are key segments of the run layout (runs/<runId>/…) and Batch job names: letters, digits,
 * ".", "_" and "-" only, so no id can climb out of its prefix.
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

export const runIdSchema = z
  .string()
  .regex(RUN_ID_PATTERN, 'a run id holds 1-100 letters, digits, ".", "-" and "_" only');

/**
 * What a run trains on, which decides its id. The ids differ by kind on purpose:
 * - a Zenodo release: `<versionRecordId>-<configHash>`. The version's record id, not the concept's, so a
 *   new release of the same concept is a new run (what scheduled retraining needs), while a repeated start
 *   on a release already trained lands on the finished run (ResolveRelease then ends at UpToDate).
 * - data the config names itself (simulated, a file, a folder, an s3:// URI): `local-<configHash>`. The
 *   config is the whole identity, so `npm start`, `run --config` and a `train` started by hand on the
 *   same config share one run and resume it.
 * configHash is 12 hex digits of the sha256 of the resolved config's canonical JSON. The execution name
 * of `cloud start --record <record>` (src/cloud/execution-name.ts) is this rule on the record as the user
 * named it: the run id when that is a version, a name for the start when it is a concept record (its
 * newest version, and with it the run id, is known only once ResolveRelease has run).
 */
export type RunOrigin = { readonly zenodoRecordId: string } | 'config-only';

/** The run id of training `config` (resolved) on `origin`; see RunOrigin for why the kinds differ. */
export function runIdFor(origin: RunOrigin, config: object): string {
  const prefix = origin === 'config-only' ? 'local' : origin.zenodoRecordId;
  return `${prefix}-${configHash(config)}`;
}
