import { calibratedDecisions } from '../../src/eval/calibrated-decisions';
import { fitTwoGaussians, mixtureThreshold } from '../../src/eval/mixture-threshold';
import { scoredFromRows, type Row } from './scored-rows';

/** n evenly spaced normal quantiles of N(mean, std²): a deterministic "sample" of that Gaussian. */
function gaussianSample(n: number, mean: number, std: number): number[] {
  // The quantiles (i + ½)/n of the standard normal, read off its CDF integrated on a 0.001 grid.
  const grid: number[] = [];
  const cdf: number[] = [];
  let total = 0;
  for (let x = -6; x <= 6; x += 0.001) {
    total += Math.exp(-(x * x) / 2);
    grid.push(x);
    cdf.push(total);
  }
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const p = ((i + 0.5) / n) * total;
    while (cdf[j] < p) j++;
    out.push(mean + std * grid[j]);
  }
  return out;
}

describe('two-Gaussian mixture threshold', () => {
  it('recovers two well-separated Gaussians and cuts where their weighted densities are equal', () => {
    // 300 from N(0, 0.1²) and 100 from N(1, 0.2²).
    const values = [...gaussianSample(300, 0, 0.1), ...gaussianSample(100, 1, 0.2)];
    const [low, high] = fitTwoGaussians(values)!;
    expect(low.weight).toBeCloseTo(0.75, 2);
    expect(low.mean).toBeCloseTo(0, 2);
    expect(low.std).toBeCloseTo(0.1, 2);
    expect(high.mean).toBeCloseTo(1, 2);
    expect(high.std).toBeCloseTo(0.2, 2);
    // By hand for the true components: 0.75·N(x; 0, 0.1) = 0.25·N(x; 1, 0.2) where
    // ln(0.75/0.1) − x²/0.02 = ln(0.25/0.2) − (x − 1)²/0.08, i.e. 37.5 x² + 25 x − (12.5 + ln 6) = 0,
    // whose root in [0, 1] is x = (−25 + √(625 + 150·(12.5 + ln 6))) / 75 = 0.3683.
    const expected = (-25 + Math.sqrt(625 + 150 * (12.5 + Math.log(6)))) / 75;
    expect(expected).toBeCloseTo(0.3683, 4);
    expect(mixtureThreshold(values)).toBeCloseTo(expected, 2);
  });

  it('cuts two equal, equally wide groups at the midpoint, as Otsu does', () => {
    const values = [...gaussianSample(200, 2, 0.3), ...gaussianSample(200, 4, 0.3)];
    expect(mixtureThreshold(values)).toBeCloseTo(3, 3);
  });

  it('is a fixed point of EM: each component is the posterior-weighted mean and spread', () => {
    const values = [0, 0.1, 0.2, 0.3, 1.5, 1.7, 2.1, 0.25, 0.05, 1.9];
    const [low, high] = fitTwoGaussians(values)!;
    const density = (x: number, c: typeof low) =>
      (c.weight / c.std) * Math.exp(-(((x - c.mean) / c.std) ** 2) / 2);
    const share = values.map((x) => density(x, low) / (density(x, low) + density(x, high)));
    const weight = share.reduce((a, b) => a + b, 0);
    const mean = values.reduce((sum, x, i) => sum + share[i] * x, 0) / weight;
    const variance = values.reduce((sum, x, i) => sum + share[i] * (x - mean) ** 2, 0) / weight;
    expect(low.weight).toBeCloseTo(weight / values.length, 6);
    expect(low.mean).toBeCloseTo(mean, 6);
    expect(low.std).toBeCloseTo(Math.sqrt(variance), 6);
  });

  it('returns null when nothing can be split', () => {
    expect(mixtureThreshold([1, 1, 1])).toBeNull();
    expect(mixtureThreshold([NaN])).toBeNull();
  });

  it("decides per score at the mixture's cut when asked", () => {
    const A = [0.9, 0.1];
    const rows: Row[] = [
      ...gaussianSample(30, 0.1, 0.02).map((e): Row => ({
        domain: 'target',
        truth: 'a',
        probabilities: A,
        entropy: e,
      })),
      ...gaussianSample(10, 0.6, 0.02).map((e): Row => ({
        domain: 'target',
        truth: 'm',
        probabilities: A,
        entropy: e,
      })),
    ];
    const decision = calibratedDecisions(scoredFromRows(['a', 'b'], 0.9, rows), 'mixture').entropy!;
    expect(decision.threshold).toBeGreaterThan(0.2);
    expect(decision.threshold).toBeLessThan(0.5);
    expect(decision.knownAccuracy).toBe(1);
    expect(decision.unknownRecall).toBe(1);
    expect(decision.hScore).toBe(1);
  });
});
