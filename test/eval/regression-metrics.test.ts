import { regressionErrors, regressionScatter, regressionSummary } from '../../src/eval/regression-metrics';

const input = {
  domain: ['source', 'source', 'source', 'target', 'target'] as const,
  predicted: Float32Array.from([2, 2, 5, 0, 1]),
  truth: Float32Array.from([1, 2, 3, NaN, 4]),
};

describe('regression metrics', () => {
  it('source: errors +1, 0, +2 give MAE 1, RMSE √(5/3) and bias +1', () => {
    const source = regressionErrors({ ...input, domain: [...input.domain] }, 'source');
    expect(source.n).toBe(3);
    expect(source.mae).toBeCloseTo(1, 10);
    expect(source.rmse).toBeCloseTo(Math.sqrt(5 / 3), 6);
    expect(source.bias).toBeCloseTo(1, 10);
  });

  it('target: the unknown truth is skipped, one error of −3 (an underestimate: bias −3)', () => {
    expect(regressionErrors({ ...input, domain: [...input.domain] }, 'target')).toEqual({
      n: 1,
      mae: 3,
      rmse: 3,
      bias: -3,
    });
  });

  it('is null for a domain without known truth', () => {
    const none = {
      domain: ['target' as const],
      predicted: Float32Array.from([1]),
      truth: Float32Array.from([NaN]),
    };
    expect(regressionErrors(none, 'target')).toEqual({ n: 0, mae: null, rmse: null, bias: null });
  });

  it("summarizes both domains and the target's galaxies of the source's classes only", () => {
    const summary = regressionSummary({
      domain: ['source', 'source', 'target', 'target', 'target', 'target'],
      predicted: Float32Array.from([1, 3, 2, 1.5, 4, 9]),
      truth: Float32Array.from([1, 2, 1, 2, 1, 9]),
      trueClass: ['spiral', 'elliptical', 'spiral', 'elliptical', 'merger', null],
      classNames: ['spiral', 'elliptical'],
    });
    expect(summary.source).toEqual({ n: 2, mae: 0.5, rmse: Math.sqrt(0.5), bias: 0.5 });
    // Every target row: errors +1, −0.5, +3, 0.
    expect(summary.target).toEqual({ n: 4, mae: 1.125, rmse: Math.sqrt(10.25 / 4), bias: 0.875 });
    // The merger (not a source class) and the unlabelled row are left out: errors +1 and −0.5.
    expect(summary.targetKnownClasses).toEqual({ n: 2, mae: 0.75, rmse: Math.sqrt(1.25 / 2), bias: 0.25 });
  });

  it('the scatter keeps known points, thinned to the limit', () => {
    const points = regressionScatter({ ...input, domain: [...input.domain] }, 2);
    expect(points).toEqual([
      { domain: 'source', truth: 1, predicted: 2 },
      { domain: 'source', truth: 3, predicted: 5 },
    ]);
  });
});
