import { aupr, auroc, rocCurve } from '../../src/eval/ranking-metrics';

// Positives score 0.9, 0.5, 0.3; negatives 0.5, 0.2 (one tie at 0.5 across the classes).
const input = { scores: [0.9, 0.5, 0.5, 0.3, 0.2], positive: [true, true, false, true, false] };

describe('ranking metrics', () => {
  it('AUROC counts a tied pair as one half: (1 + 1 + ½ + 1 + 0 + 1) / 6 = 0.75', () => {
    expect(auroc(input)).toBeCloseTo(0.75, 10);
  });

  it('AUROC does not depend on the order of tied samples', () => {
    const swapped = { scores: [0.9, 0.5, 0.5, 0.3, 0.2], positive: [true, false, true, true, false] };
    expect(auroc(swapped)).toBeCloseTo(0.75, 10);
    expect(aupr(swapped)).toBeCloseTo(aupr(input) as number, 10);
  });

  it('average precision steps over a tied group at once: 1/3·1 + 1/3·2/3 + 1/3·3/4 = 29/36', () => {
    expect(aupr(input)).toBeCloseTo(29 / 36, 10);
  });

  it('a constant score has AUROC ½ and AP equal to the positive rate', () => {
    const constant = { scores: [1, 1, 1, 1], positive: [true, false, false, false] };
    expect(auroc(constant)).toBeCloseTo(0.5, 10);
    expect(aupr(constant)).toBeCloseTo(0.25, 10);
  });

  it('perfect and inverted rankings give 1 and 0', () => {
    expect(auroc({ scores: [3, 2, 1], positive: [true, false, false] })).toBe(1);
    expect(auroc({ scores: [3, 2, 1], positive: [false, false, true] })).toBe(0);
    expect(aupr({ scores: [3, 2, 1], positive: [true, false, false] })).toBe(1);
  });

  it('is null without positives or negatives', () => {
    expect(auroc({ scores: [1, 2], positive: [true, true] })).toBeNull();
    expect(aupr({ scores: [1, 2], positive: [false, false] })).toBeNull();
    expect(rocCurve({ scores: [1], positive: [true] })).toEqual([]);
  });

  it('the ROC curve has one point per distinct threshold', () => {
    const points = rocCurve(input).map((p) => [p.falsePositiveRate, p.truePositiveRate]);
    expect(points).toEqual([
      [0, 0],
      [0, 1 / 3],
      [0.5, 2 / 3],
      [0.5, 1],
      [1, 1],
    ]);
  });
  it('AUPR of a perfect ranking is exactly 1, not 1 + rounding (nine positives, each 1/9 of recall)', () => {
    const scores = [...Array.from({ length: 9 }, (_, i) => 10 + i), 1, 2, 3];
    const positive = scores.map((s) => s >= 10);
    expect(aupr({ scores, positive })).toBe(1);
  });
});
