import { DataFormatError } from '../errors';
import { probabilityScores } from './entropy';
import type { PredictionSet } from './prediction-file';
import { rankScore } from './rank-score';
import { defaultScoreName, type ScoredPredictions } from './scored-predictions';

function checkAligned(members: readonly PredictionSet[], names: readonly string[]): void {
  const first = members[0];
  members.forEach((member, m) => {
    const n = first.index.length;
    const sameClasses = JSON.stringify(member.classNames) === JSON.stringify(first.classNames);
    const sameRows =
      member.index.length === n &&
      member.embeddingSize === first.embeddingSize &&
      member.index.every((value, i) => value === first.index[i] && member.domain[i] === first.domain[i]);
    if (!sameClasses || !sameRows) {
      throw new DataFormatError(
        `ensemble member ${names[m]} does not match member ${names[0]}: ` +
          'every member must predict the same classes for the same samples in the same order',
      );
    }
  });
}

function meanOf(arrays: readonly Float32Array[]): Float32Array {
  const mean = new Float32Array(arrays[0].length);
  for (const values of arrays) for (let i = 0; i < mean.length; i++) mean[i] += values[i];
  for (let i = 0; i < mean.length; i++) mean[i] /= arrays.length;
  return mean;
}

/** The members' mean of a score only some prediction files carry; nothing unless every member has it. */
function meanOfOptional<Name extends 'ovaScore' | 'knnScore' | 'clusterScore'>(
  members: readonly PredictionSet[],
  name: Name,
): Partial<Record<Name, Float32Array>> {
  const values = members.map((m) => m[name]);
  if (!values.every((v): v is Float32Array => v !== undefined)) return {};
  return { [name]: meanOf(values) } as Partial<Record<Name, Float32Array>>;
}

/**
 * The ensemble of members: mean probabilities, mean embedding and mean of each per-member score; its
 * `entropy` is the entropy of the mean probabilities, `meanEntropy` the mean of the members' entropies and
 * `mutualInformation` their difference (the members' disagreement).
 * @param names member names, for error messages
 */
export function combineMembers(
  members: readonly PredictionSet[],
  names: readonly string[],
): ScoredPredictions {
  if (members.length === 0) throw new DataFormatError('an ensemble needs at least one member');
  checkAligned(members, names);
  const first = members[0];
  const n = first.index.length;
  const k = first.classNames.length;
  const probabilities = meanOf(members.map((m) => m.probabilities));
  const { entropy, maxSoftmaxScore } = probabilityScores(probabilities, n, k);
  const meanEntropy = meanOf(members.map((m) => m.entropy));
  const mutualInformation = entropy.map((h, i) => Math.max(0, h - meanEntropy[i]));
  const scores: ScoredPredictions['scores'] = {
    entropy,
    maxSoftmaxScore,
    prototypeScore: meanOf(members.map((m) => m.prototypeScore)),
    ...meanOfOptional(members, 'ovaScore'),
    ...meanOfOptional(members, 'knnScore'),
    ...meanOfOptional(members, 'clusterScore'),
    meanEntropy,
    mutualInformation,
  };
  const ranked = rankScore({ scores, domain: first.domain }, defaultScoreName({ scores }));
  return {
    classNames: first.classNames,
    unknownThreshold: first.unknownThreshold,
    domain: first.domain,
    index: first.index,
    trueClass: first.trueClass,
    probabilities,
    scores: { ...scores, ...(ranked && { rankScore: ranked }) },
    embedding: meanOf(members.map((m) => m.embedding)),
    embeddingSize: first.embeddingSize,
    regressionPredicted: first.regressionPredicted
      ? meanOf(members.map((m) => m.regressionPredicted ?? new Float32Array(n).fill(NaN)))
      : undefined,
    regressionTrue: first.regressionTrue,
  };
}
