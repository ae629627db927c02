import { probabilityScores } from '../../src/eval/entropy';

describe('probability-only unknown scores', () => {
  it('gives each row its entropy (natural log) and 1 − max probability, by hand', () => {
    const { entropy, maxSoftmaxScore } = probabilityScores(
      Float32Array.from([1, 0, 0.5, 0.5, 0.25, 0.75]),
      3,
      2,
    );
    expect(entropy[0]).toBe(0);
    expect(entropy[1]).toBeCloseTo(Math.log(2), 6);
    expect(entropy[2]).toBeCloseTo(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 6);
    expect(Array.from(maxSoftmaxScore)).toEqual([0, 0.5, 0.25]);
  });
});
