import { configHash } from '../config/config-hash';

/**
 * The run id of training `config` on a Zenodo record: `<recordId>-<configHash(config)>` (12 hex digits of
 * the sha256 of its canonical JSON). Deterministic, so a scheduled start for a release and config that
 * were already trained lands on the same run.
 */
export function runIdFor(recordId: string, config: object): string {
  return `${recordId}-${configHash(config)}`;
}
