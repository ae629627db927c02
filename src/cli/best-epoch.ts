import { NO_EPOCH_KEPT_REASON } from '../run/training-history';

/**
 * A member's kept epoch as the CLI prints it: 1-based, or, where a target monitor refused every epoch
 * as collapsed (bestEpoch -1), that the final weights were kept.
 */
export function bestEpochText(bestEpoch: number): string {
  return bestEpoch >= 0
    ? `best epoch ${bestEpoch + 1}`
    : `no epoch kept (${NO_EPOCH_KEPT_REASON}): the final weights`;
}
