import { rankScore } from '../../src/eval/rank-score';
import { defaultScoreName, type ScoredPredictions } from '../../src/eval/scored-predictions';
import { auroc } from '../../src/eval/ranking-metrics';
import { seededRng } from '../../src/data/rng';

const f32 = (values: number[]) => Float32Array.from(values);

describe('the rank score', () => {
  it("averages each part's mid-rank among the target values (hand-computed)", () => {
    // Target rows 0-3, one source row (4). entropy ranks: 0.1 0.4 0.2 0.3 → ranks 1/8 7/8 3/8 5/8.
    // knnScore 5 5 1 9: the two fives tie (2 below... 1 below, 3 not above → 2/4); 1 → 1/8; 9 → 7/8.
    const domain: ScoredPredictions['domain'] = ['target', 'target', 'target', 'target', 'source'];
    const scores = {
      entropy: f32([0.1, 0.4, 0.2, 0.3, 0.25]),
      knnScore: f32([5, 5, 1, 9, 100]),
    } as ScoredPredictions['scores'];
    const ranked = Array.from(rankScore({ scores, domain }, defaultScoreName({ scores }))!);
    // Source row: entropy 0.25 has 2 target values below → 2/4; knn 100 is above all four → 1.
    const expected = [
      (1 / 8 + 2 / 4) / 2,
      (7 / 8 + 2 / 4) / 2,
      (3 / 8 + 1 / 8) / 2,
      (5 / 8 + 7 / 8) / 2,
      0.75,
    ];
    ranked.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 6));
  });

  it("uses an ensemble's mean entropy, not the entropy of its mean; needs two parts and a target", () => {
    const domain: ScoredPredictions['domain'] = ['target', 'target'];
    const one = { entropy: f32([0, 1]), clusterScore: f32([1, 0]) } as ScoredPredictions['scores'];
    expect(Array.from(rankScore({ scores: one, domain }, defaultScoreName({ scores: one }))!)).toEqual([
      0.5, 0.5,
    ]);
    const ensemble = { ...one, meanEntropy: f32([1, 0]) } as ScoredPredictions['scores'];
    expect(
      Array.from(rankScore({ scores: ensemble, domain }, defaultScoreName({ scores: ensemble }))!),
    ).toEqual([0.75, 0.25]);
    expect(rankScore({ scores: { entropy: f32([0, 1]) } as never, domain }, 'entropy')).toBeUndefined();
    expect(rankScore({ scores: one, domain: ['source', 'source'] }, 'entropy')).toBeUndefined();
  });

  it('ranks the unknowns better than any one part when each part flags them with its own noise', () => {
    // 200 knowns, 100 unknowns; each part is an independent uniform value, 0.4 higher for unknowns
    // (alone: AUROC 1 − 0.6² / 2 = 0.82), on its own scale.
    const unknown = Array.from({ length: 300 }, (_, i) => i >= 200);
    const part = (name: string, scale: number) => {
      const noise = seededRng(name);
      return f32(unknown.map((u) => scale * (noise() + (u ? 0.4 : 0))));
    };
    const scores = {
      entropy: part('entropy', 1),
      knnScore: part('knn', 0.01),
      clusterScore: part('cluster', 30),
    } as ScoredPredictions['scores'];
    const domain = unknown.map(() => 'target' as const);
    const area = (values: Float32Array) => auroc({ scores: Array.from(values), positive: unknown })!;
    const ranked = rankScore({ scores, domain }, defaultScoreName({ scores }))!;
    for (const name of ['entropy', 'knnScore', 'clusterScore'] as const) {
      expect(area(ranked)).toBeGreaterThan(area(scores[name]!) + 0.05);
    }
  });
});
