import { combineMembers } from '../../src/eval/ensemble';
import type { PredictionSet } from '../../src/eval/prediction-file';
import { DataFormatError } from '../../src/errors';
import { UNKNOWN, fixedRule, targetDecision } from '../../src/eval/classification-metrics';
import { defaultScoreName, memberScoredPredictions } from '../../src/eval/scored-predictions';

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

  it('averages the nearest-neighbour and cluster scores, and drops one a member lacks', () => {
    const withScores = (knn: number, cluster?: number): PredictionSet => ({
      ...member([1, 0], 0),
      knnScore: Float32Array.from([knn]),
      clusterScore: cluster === undefined ? undefined : Float32Array.from([cluster]),
    });
    const both = combineMembers([withScores(0.1, 0.5), withScores(0.3, 0.1)], ['0', '1']);
    expect(both.scores.knnScore?.[0]).toBeCloseTo(0.2, 6);
    expect(both.scores.clusterScore?.[0]).toBeCloseTo(0.3, 6);
    const partial = combineMembers([withScores(0.1, 0.5), withScores(0.3)], ['0', '1']);
    expect(partial.scores.knnScore?.[0]).toBeCloseTo(0.2, 6);
    expect(partial.scores.clusterScore).toBeUndefined();
  });

  it("decides at ρ on the members' mean entropy, which is also its default score", () => {
    // Mean entropy 0.346574 is below ρ = 0.35 and the ensemble entropy 0.562335 above it: at ρ the
    // ensemble keeps the sample as its argmax class "a", not "unknown".
    expect(defaultScoreName(ensemble)).toBe('meanEntropy');
    expect(fixedRule(ensemble).scores).toBe(ensemble.scores.meanEntropy);
    expect(targetDecision(ensemble, 0)).toBe('a');
    const single = memberScoredPredictions(member([0.5, 0.5], Math.LN2));
    expect(defaultScoreName(single)).toBe('entropy');
    expect(targetDecision(single, 0)).toBe(UNKNOWN);
  });

  it('refuses members that predict different samples, naming them', () => {
    const other = { ...member([1, 0], 0), index: Int32Array.from([8]) };
    expect(() => combineMembers([member([1, 0], 0), other], ['m0', 'm1'])).toThrow(DataFormatError);
    expect(() => combineMembers([member([1, 0], 0), other], ['m0', 'm1'])).toThrow(
      /m1 does not match member m0/,
    );
  });
});
