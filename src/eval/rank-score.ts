import type { ScoredPredictions, UnknownScoreName } from './scored-predictions';

/**
 * The parts the rank score combines beside the classifier's uncertainty (the caller's default score:
 * one member's entropy, an ensemble's mean entropy, defaultScoreName): the two distances in feature
 * space, to the nearest source-training features and from the sample's target cluster to the source
 * classes. They fail on different galaxies: entropy when an unknown is confidently given a known class,
 * the feature distances when the features of a known class moved under the survey shift.
 */
const FEATURE_PARTS = ['knnScore', 'clusterScore'] as const satisfies readonly UnknownScoreName[];

/** How many of the `sorted` values are below `value` (with `orEqual`, not above it), by bisection. */
function countBelow(sorted: Float64Array, value: number, orEqual: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value || (orEqual && sorted[middle] === value)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Where `value` falls among the `sorted` values, in [0, 1], ties counted half (mid-rank). */
const midRank = (sorted: Float64Array, value: number): number =>
  (countBelow(sorted, value, false) + countBelow(sorted, value, true)) / 2 / sorted.length;

/**
 * The mean, over `uncertainty` and the FEATURE_PARTS the predictions carry, of each sample's rank among the
 * target samples' values of that part: in [0, 1], higher = more likely unknown. Ranks put scores of
 * different units on one scale, and a sample every part ranks high is an unknown with more confidence
 * than one that only one part flags. Source-test samples are ranked against the same target values, so
 * their source error-detection AUROC measures the same score. Reads no label.
 * @returns undefined with fewer than two parts or without target samples
 */
export function rankScore(
  predictions: Pick<ScoredPredictions, 'scores' | 'domain'>,
  uncertainty: 'entropy' | 'meanEntropy',
): Float32Array | undefined {
  const { scores, domain } = predictions;
  const parts = [uncertainty, ...FEATURE_PARTS].flatMap((name) => scores[name] ?? []);
  const targetRows = domain.flatMap((d, i) => (d === 'target' ? [i] : []));
  if (parts.length < 2 || targetRows.length === 0) return undefined;
  const combined = new Float32Array(domain.length);
  for (const values of parts) {
    const sorted = Float64Array.from(targetRows, (i) => values[i]).sort();
    for (let i = 0; i < combined.length; i++) combined[i] += midRank(sorted, values[i]) / parts.length;
  }
  return combined;
}
