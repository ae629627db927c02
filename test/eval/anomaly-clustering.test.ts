import { clusterAnomalies } from '../../src/eval/anomaly-clustering';
import { seededRng } from '../../src/data/rng';
import { scoredFromRows, type Row } from './scored-rows';

/** Target rows predicted unknown (entropy 0.9 > 0.5) around given 2-D centres, plus confident known ones. */
function rowsAround(centres: Record<string, [number, number]>, perClass: number): Row[] {
  const random = seededRng(3);
  const rows: Row[] = [];
  for (const [truth, [x, y]] of Object.entries(centres)) {
    for (let i = 0; i < perClass; i++) {
      const embedding = [x + 0.1 * (random() - 0.5), y + 0.1 * (random() - 0.5)];
      rows.push({ domain: 'target', truth, probabilities: [0.5, 0.5], entropy: 0.9, embedding });
    }
  }
  rows.push({ domain: 'target', truth: 'a', probabilities: [1, 0], entropy: 0, embedding: [9, 9] });
  rows.push({ domain: 'source', truth: 'a', probabilities: [0.5, 0.5], entropy: 0.9, embedding: [-9, 9] });
  return rows;
}

describe('clustering the anomalies', () => {
  it('finds the number of separated groups by silhouette and scores them against the truth', () => {
    const predictions = scoredFromRows(
      ['a', 'b'],
      0.5,
      rowsAround({ merger: [0, 0], lens: [5, 0], ring: [0, 5] }, 20),
    );
    const clustering = clusterAnomalies(predictions, { seed: 1 });
    expect(clustering?.k).toBe(3);
    expect(clustering?.rows).toHaveLength(60); // only target rows predicted unknown
    expect(clustering?.agreement).toEqual({ purity: 1, nmi: expect.closeTo(1, 10) });
    expect(clustering?.labelledCount).toBe(60);
    expect(Object.keys(clustering?.silhouetteByK ?? {})).toEqual(['2', '3', '4', '5', '6']);
  });

  it('is deterministic under a seed and fits on a sample when there are many', () => {
    const predictions = scoredFromRows(['a', 'b'], 0.5, rowsAround({ merger: [0, 0], lens: [5, 0] }, 50));
    const first = clusterAnomalies(predictions, { seed: 7, maxFitSamples: 30, maxSilhouetteSamples: 20 });
    const second = clusterAnomalies(predictions, { seed: 7, maxFitSamples: 30, maxSilhouetteSamples: 20 });
    expect(first?.k).toBe(2);
    expect(first?.clusters).toHaveLength(100);
    expect(second).toEqual(first);
  });

  it('is null when too few samples are predicted unknown', () => {
    const predictions = scoredFromRows(['a', 'b'], 0.5, rowsAround({ merger: [0, 0] }, 2));
    expect(clusterAnomalies(predictions)).toBeNull();
  });
});
