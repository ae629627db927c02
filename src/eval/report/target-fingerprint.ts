import type { Dataset } from '../../data/dataset';
import { datasetFingerprint } from '../../data/dataset-fingerprint';
import { ChecksumMismatchError } from '../../errors';
import type { MemberPredictions } from '../run-members';

/**
 * Refuses a target dataset other than the one the run was trained on: its fingerprint must equal the
 * one every member recorded in its predictions. Returns a note when the run recorded none (runs
 * trained before fingerprints existed), since then nothing can be checked.
 */
export function checkTargetFingerprint(
  members: readonly MemberPredictions[],
  dataset: Dataset,
): { note?: string } {
  const recorded = [...new Set(members.map((m) => m.set.meta.targetFingerprint).filter(Boolean))];
  if (recorded.length === 0) {
    return { note: `the run recorded no target fingerprint, so ${dataset.origin} could not be checked` };
  }
  const actual = datasetFingerprint(dataset);
  if (!recorded.includes(actual)) {
    throw new ChecksumMismatchError(
      `--target: ${dataset.origin} is not the target data this run was trained on ` +
        `(fingerprint ${actual}, the run recorded ${recorded.join(', ')})`,
    );
  }
  return {};
}
