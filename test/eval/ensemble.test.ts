import { combineMembers } from '../../src/eval/ensemble';
import type { PredictionSet } from '../../src/eval/prediction-file';
import { DataFormatError } from '../../src/errors';

function member(probabilities: number[], entropy: number, ova?: number): PredictionSet {
  return {
    classNames: ['a', 'b'],
    unknownThreshold: 0.35,
    meta: {},
    domain: ['target'],
    index: Int32Array.from([7]),
    trueClass: ['x'],
    probabilities: Float32Array.from(probabilities),
    entropy: Float32Array.from([entropy]),
    maxSoftmaxScore: Float32Array.from([1 - Math.max(...probabilities)]),
    prototypeScore: Float32Array.from([0.2]),
    ovaScore: ova === undefined ? undefined : Float32Array.from([ova]),
    embedding: Float32Array.from([1, 0]),
    embeddingSize: 2,
  };
}

describe('ensemble of members', () => {
  // Members predict [1, 0] (entropy 0) and [0.5, 0.5] (entropy ln 2); the mean is [0.75, 0.25].
  const ensemble = combineMembers([member([1, 0], 0, 0.2), member([0.5, 0.5], Math.LN2, 0.6)], ['0', '1']);

  it('averages probabilities', () => {
    expect(Array.from(ensemble.probabilities)).toEqual([0.75, 0.25]);
  });

  it('entropy of the mean: −(0.75 ln 0.75 + 0.25 ln 0.25) = 0.562335', () => {
    expect(ensemble.scores.entropy[0]).toBeCloseTo(0.562335, 5);
  });

  it('mean entropy (ln 2)/2 and mutual information 0.562335 − 0.346574 = 0.215762', () => {
    expect(ensemble.scores.meanEntropy?.[0]).toBeCloseTo(0.346574, 5);
    expect(ensemble.scores.mutualInformation?.[0]).toBeCloseTo(0.215762, 5);
  });

  it('max-softmax score of the mean 0.25, mean OVA score 0.4', () => {
    expect(ensemble.scores.maxSoftmaxScore?.[0]).toBeCloseTo(0.25, 6);
    expect(ensemble.scores.ovaScore?.[0]).toBeCloseTo(0.4, 6);
  });

  it('drops the OVA score when a member lacks it', () => {
    const mixed = combineMembers([member([1, 0], 0, 0.2), member([1, 0], 0)], ['0', '1']);
    expect(mixed.scores.ovaScore).toBeUndefined();
  });

  it('refuses members that predict different samples, naming them', () => {
    const other = { ...member([1, 0], 0), index: Int32Array.from([8]) };
    expect(() => combineMembers([member([1, 0], 0), other], ['m0', 'm1'])).toThrow(DataFormatError);
    expect(() => combineMembers([member([1, 0], 0), other], ['m0', 'm1'])).toThrow(
      /m1 does not match member m0/,
    );
  });
});
