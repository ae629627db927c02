import { classificationMetrics } from '../../src/eval/classification-metrics';
import { scoredFromRows, type Row } from './scored-rows';

// Classes a, b, c; c is source-private (no target sample). Target-private m and l are "unknown".
// Threshold 0.5: entropy above it rejects the sample as unknown.
const A = [0.8, 0.1, 0.1];
const B = [0.1, 0.8, 0.1];
const C = [0.1, 0.1, 0.8];
const rows: Row[] = [
  { domain: 'source', truth: 'a', probabilities: A, entropy: 0.1 },
  { domain: 'source', truth: 'b', probabilities: A, entropy: 0.1 }, // wrong
  { domain: 'source', truth: 'c', probabilities: C, entropy: 0.1 },
  { domain: 'source', truth: 'c', probabilities: C, entropy: 0.1 },
  { domain: 'target', truth: 'a', probabilities: A, entropy: 0.1 }, // a → a
  { domain: 'target', truth: 'a', probabilities: B, entropy: 0.2 }, // a → b
  { domain: 'target', truth: 'a', probabilities: A, entropy: 0.9 }, // a → unknown (argmax still a)
  { domain: 'target', truth: 'b', probabilities: B, entropy: 0.1 }, // b → b
  { domain: 'target', truth: 'm', probabilities: A, entropy: 0.8 }, // unknown → unknown
  { domain: 'target', truth: 'm', probabilities: B, entropy: 0.3 }, // unknown → b
  { domain: 'target', truth: 'l', probabilities: A, entropy: 0.7 }, // unknown → unknown
  { domain: 'target', truth: null, probabilities: A, entropy: 0.9 }, // unlabelled: ignored
];
const metrics = classificationMetrics(scoredFromRows(['a', 'b', 'c'], 0.5, rows));

describe('classification metrics', () => {
  it('source accuracy counts argmax hits on labelled source samples: 3 of 4', () => {
    expect(metrics.sourceAccuracy).toBeCloseTo(0.75, 10);
  });

  it('closed-set target accuracy is argmax accuracy on shared-class samples, without rejection: 3 of 4', () => {
    expect(metrics.targetClosedSetAccuracy).toBeCloseTo(0.75, 10);
  });

  it('per-class recall includes unknown and is null for the source-private class', () => {
    expect(metrics.perClassRecall.a).toBeCloseTo(1 / 3, 10);
    expect(metrics.perClassRecall.b).toBeCloseTo(1, 10);
    expect(metrics.perClassRecall.c).toBeNull();
    expect(metrics.perClassRecall.unknown).toBeCloseTo(2 / 3, 10);
  });

  it('mean per-class accuracy averages a, b and unknown: (1/3 + 1 + 2/3) / 3', () => {
    expect(metrics.meanPerClassAccuracy).toBeCloseTo(2 / 3, 10);
  });

  it('H-score uses shared classes only: a_known = (1/3 + 1)/2, not (1/3 + 1 + 0)/3', () => {
    expect(metrics.knownAccuracy).toBeCloseTo(2 / 3, 10);
    expect(metrics.unknownRecall).toBeCloseTo(2 / 3, 10);
    // 2 · (2/3) · (2/3) / (4/3) = 2/3; the published bug would give 2·(4/9)·(2/3)/(10/9) = 0.5333
    expect(metrics.hScore).toBeCloseTo(2 / 3, 10);
  });

  it('the confusion matrix has true rows and predicted columns, unknown last', () => {
    expect(metrics.confusion).toEqual({
      labels: ['a', 'b', 'c', 'unknown'],
      counts: [
        [1, 1, 0, 1],
        [0, 1, 0, 0],
        [0, 0, 0, 0],
        [0, 1, 0, 2],
      ],
    });
  });

  it('H-score is 0 when no unknown is found and null without unknown truth', () => {
    const missed = classificationMetrics(
      scoredFromRows(['a'], 0.5, [
        { domain: 'target', truth: 'a', probabilities: [1], entropy: 0 },
        { domain: 'target', truth: 'x', probabilities: [1], entropy: 0 },
      ]),
    );
    expect(missed.knownAccuracy).toBe(1);
    expect(missed.unknownRecall).toBe(0);
    expect(missed.hScore).toBe(0);
    const closed = classificationMetrics(
      scoredFromRows(['a'], 0.5, [{ domain: 'target', truth: 'a', probabilities: [1], entropy: 0 }]),
    );
    expect(closed.hScore).toBeNull();
    expect(closed.sourceAccuracy).toBeNull();
  });

  it('H-score of unequal parts: a_known 1/2, a_unknown 1 gives 2·0.5·1/1.5 = 2/3', () => {
    const m = classificationMetrics(
      scoredFromRows(['a'], 0.5, [
        { domain: 'target', truth: 'a', probabilities: [1], entropy: 0 },
        { domain: 'target', truth: 'a', probabilities: [1], entropy: 0.9 },
        { domain: 'target', truth: 'x', probabilities: [1], entropy: 0.9 },
      ]),
    );
    expect(m.hScore).toBeCloseTo(2 / 3, 10);
  });
});
