import { calibratedDecisions } from '../../src/eval/calibrated-decisions';
import { otsuSeparability, otsuThreshold } from '../../src/eval/calibrated-threshold';
import { scoredFromRows, type Row } from './scored-rows';

describe("Otsu's threshold", () => {
  it('cuts a bimodal sample in the gap between its modes', () => {
    // Modes {0, 1} and {10, 11}: the cut between 1 and 10 leaves within-group variance 0.25 on each
    // side, every other cut mixes the modes.
    expect(otsuThreshold([0, 1, 10, 11, 0, 1, 10, 11, 0, 1, 10, 11])).toBe(5.5);
  });

  it('maximizes w0·w1·(mu0 − mu1)² over the cuts, as computed by hand for an unequal split', () => {
    // Values 0, 0, 0, 3, 4. Cut after 0: w 3/5·2/5, means 0 and 3.5: 0.24·12.25 = 2.94.
    // Cut after 3: w 4/5·1/5, means 0.75 and 4: 0.16·10.5625 = 1.69. So the cut is (0 + 3) / 2.
    expect(otsuThreshold([4, 0, 3, 0, 0])).toBe(1.5);
  });

  it('ignores non-finite values and returns null when nothing can be split', () => {
    expect(otsuThreshold([NaN, 2, Infinity, 2])).toBeNull();
    expect(otsuThreshold([])).toBeNull();
    expect(otsuThreshold([NaN, 0, 1])).toBe(0.5);
  });
});

describe("Otsu's separability", () => {
  it('is the best cut’s between-group variance over the variance, as computed by hand', () => {
    // Values 0, 0, 0, 3, 4: the best cut (after the zeros) has between-group variance 2.94
    // (calibrated-threshold.test.ts); the variance is ((3·1.4² + 1.6² + 2.6²) / 5) = 3.04.
    expect(otsuSeparability([4, 0, 3, 0, 0])).toBeCloseTo(2.94 / 3.04, 12);
  });

  it('is 1 for two point masses, 0 for a constant sample, and ignores non-finite values', () => {
    expect(otsuSeparability([0.1, 0.1, 0.6, 0.6, 0.6])).toBeCloseTo(1, 12);
    expect(otsuSeparability([0.3, 0.3, 0.3])).toBe(0);
    expect(otsuSeparability([NaN, 2])).toBe(0);
    expect(otsuSeparability([NaN, 0, 1, Infinity])).toBeCloseTo(1, 12);
  });

  it('is lower for a unimodal sample than for a bimodal one of the same spread', () => {
    const uniform = Array.from({ length: 101 }, (_, i) => i / 100);
    const bimodal = uniform.map((v) => (v < 0.5 ? v / 10 : 0.95 + v / 20));
    expect(otsuSeparability(uniform)).toBeCloseTo(0.75, 2);
    expect(otsuSeparability(bimodal)).toBeGreaterThan(0.99);
  });
});

describe('calibrated decisions', () => {
  const A = [0.9, 0.1];
  const B = [0.1, 0.9];
  // Target entropies: known ones low (0.1, 0.2, 0.15), unknown ones high (0.6, 0.65) and one unknown at
  // 0.12 that no threshold on entropy rejects. The source row's 5.0 must not move the threshold.
  const rows: Row[] = [
    { domain: 'source', truth: 'a', probabilities: A, entropy: 5 },
    { domain: 'target', truth: 'a', probabilities: A, entropy: 0.1 },
    { domain: 'target', truth: 'b', probabilities: B, entropy: 0.2 },
    { domain: 'target', truth: 'a', probabilities: B, entropy: 0.15 }, // a → b
    { domain: 'target', truth: 'm', probabilities: A, entropy: 0.6 },
    { domain: 'target', truth: 'm', probabilities: B, entropy: 0.65 },
    { domain: 'target', truth: 'm', probabilities: A, entropy: 0.12 },
    { domain: 'target', truth: null, probabilities: A, entropy: 0.62 },
  ];

  it('thresholds each score at Otsu of its target values and scores the decisions by hand', () => {
    const decision = calibratedDecisions(scoredFromRows(['a', 'b'], 0.9, rows)).entropy!;
    // Sorted target entropies 0.1 0.12 0.15 0.2 | 0.6 0.62 0.65: the cut is (0.2 + 0.6) / 2.
    expect(decision.threshold).toBeCloseTo(0.4, 6);
    // Known: a recall 1/2, b recall 1/1 → 0.75; unknown recall 2/3; H = 2·0.75·(2/3)/(0.75 + 2/3).
    expect(decision.knownAccuracy).toBeCloseTo(0.75, 10);
    expect(decision.unknownRecall).toBeCloseTo(2 / 3, 6);
    expect(decision.hScore).toBeCloseTo((2 * 0.75 * (2 / 3)) / (0.75 + 2 / 3), 6);
  });
});
