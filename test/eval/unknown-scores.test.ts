import { chooseBestScore, unknownScoreMetrics } from '../../src/eval/unknown-scores';
import { scoredFromRows, type Row } from './scored-rows';

const P = [0.9, 0.1];
// Source: two wrong predictions (truth b, argmax a). Entropy ranks them above the correct ones perfectly,
// maxSoftmaxScore only half the time. On target it is the other way round: the choice must follow source.
const rows: Row[] = [
  { domain: 'source', truth: 'a', probabilities: P, entropy: 0.1, scores: { maxSoftmaxScore: 0.5 } },
  { domain: 'source', truth: 'a', probabilities: P, entropy: 0.2, scores: { maxSoftmaxScore: 0.1 } },
  { domain: 'source', truth: 'b', probabilities: P, entropy: 0.6, scores: { maxSoftmaxScore: 0.4 } },
  { domain: 'source', truth: 'b', probabilities: P, entropy: 0.7, scores: { maxSoftmaxScore: 0.05 } },
  { domain: 'target', truth: 'a', probabilities: P, entropy: 0.9, scores: { maxSoftmaxScore: 0.1 } },
  { domain: 'target', truth: 'x', probabilities: P, entropy: 0.2, scores: { maxSoftmaxScore: 0.3 } },
  { domain: 'target', truth: 'x', probabilities: P, entropy: 0.3, scores: { maxSoftmaxScore: 0.2 } },
  { domain: 'target', truth: null, probabilities: P, entropy: 5, scores: { maxSoftmaxScore: 5 } },
];
const predictions = scoredFromRows(['a', 'b'], 0.5, rows);

describe('unknown scores', () => {
  const metrics = unknownScoreMetrics(predictions);

  it('AUROC and AUPR of each score on target: unknown (x) vs shared (a), unlabelled ignored', () => {
    // entropy: both unknowns (0.2, 0.3) below the shared 0.9 → AUROC 0; AP: ranks 2, 3 → (1/2·1/2 + 1/2·2/3)
    expect(metrics.entropy?.auroc).toBe(0);
    expect(metrics.entropy?.aupr).toBeCloseTo(0.5 * 0.5 + 0.5 * (2 / 3), 10);
    // maxSoftmaxScore: unknowns 0.3, 0.2 above the shared 0.1 → AUROC 1, AP 1
    expect(metrics.maxSoftmaxScore?.auroc).toBe(1);
    expect(metrics.maxSoftmaxScore?.aupr).toBe(1);
  });

  it('measures how each score separates wrong from correct source predictions', () => {
    expect(metrics.entropy?.sourceErrorAuroc).toBe(1);
    // wrong 0.4, 0.05 vs correct 0.5, 0.1: pairs won 0.4>0.1 only → 1/4
    expect(metrics.maxSoftmaxScore?.sourceErrorAuroc).toBeCloseTo(0.25, 10);
  });

  it('chooses the best score on source data, not on target labels', () => {
    const choice = chooseBestScore(metrics);
    expect(choice.name).toBe('entropy');
    expect(choice.reason).toMatch(/source-test/);
  });

  it('keeps entropy and says why when the source test has no wrong prediction', () => {
    const allCorrect = scoredFromRows(['a', 'b'], 0.5, [
      { domain: 'source', truth: 'a', probabilities: P, entropy: 0.1, scores: { ovaScore: 0.9 } },
      { domain: 'target', truth: 'x', probabilities: P, entropy: 0.1, scores: { ovaScore: 0.9 } },
    ]);
    const choice = chooseBestScore(unknownScoreMetrics(allCorrect));
    expect(choice).toEqual({
      name: 'entropy',
      sourceErrorAuroc: null,
      reason: expect.stringMatching(/no wrong/),
    });
  });

  it('prefers the earlier score on a tie', () => {
    const tie = {
      ovaScore: { auroc: 1, aupr: 1, sourceErrorAuroc: 0.8 },
      prototypeScore: { auroc: 0, aupr: 0, sourceErrorAuroc: 0.8 },
    };
    expect(chooseBestScore(tie).name).toBe('prototypeScore');
  });

  it("an ensemble's default: mean entropy, then mutual information, win ties and stand in when nothing can be told apart", () => {
    const tie = {
      entropy: { auroc: 0.5, aupr: 0.5, sourceErrorAuroc: 0.8 },
      mutualInformation: { auroc: 0.5, aupr: 0.5, sourceErrorAuroc: 0.8 },
      meanEntropy: { auroc: 0.5, aupr: 0.5, sourceErrorAuroc: 0.7 },
    };
    expect(chooseBestScore(tie).name).toBe('entropy');
    expect(chooseBestScore(tie, 'meanEntropy').name).toBe('mutualInformation');
    const even = { ...tie, meanEntropy: { auroc: 0.5, aupr: 0.5, sourceErrorAuroc: 0.8 } };
    expect(chooseBestScore(even, 'meanEntropy').name).toBe('meanEntropy');
    expect(chooseBestScore({}, 'meanEntropy')).toEqual({
      name: 'meanEntropy',
      sourceErrorAuroc: null,
      reason: expect.stringMatching(/kept the default, meanEntropy/),
    });
  });
});
