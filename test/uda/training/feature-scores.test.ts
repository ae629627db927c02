import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { classMeanFeatures, clusterScores } from '../../../src/uda/training/cluster-score';
import { centred, columnMeans } from '../../../src/uda/training/feature-scores';
import { nearestNeighbourDistances } from '../../../src/uda/training/nearest-neighbour-score';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Unit vector at `degrees` in the plane. */
const at = (degrees: number) => [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];
const rows = (...points: number[][]) => Float32Array.from(points.flat());

describe('deep nearest-neighbour score', () => {
  // Bank: unit vectors at 0°, 10°, 20° and 90°. Query at 5°: cosines to them cos 5°, cos 5°, cos 15°,
  // cos 85°; the 1st nearest is at 1 − cos 5°, the 3rd at 1 − cos 15°.
  const bank = rows(at(0), at(10), at(20), at(90));

  it('is 1 − cosine to the k-th nearest bank row, computed by hand on 2-d points', () => {
    const query = rows(at(5), at(90));
    const k1 = nearestNeighbourDistances(query, bank, 2, 1);
    expect(k1[0]).toBeCloseTo(1 - Math.cos((5 * Math.PI) / 180), 6);
    expect(k1[1]).toBeCloseTo(0, 6);
    const k3 = nearestNeighbourDistances(query, bank, 2, 3);
    expect(k3[0]).toBeCloseTo(1 - Math.cos((15 * Math.PI) / 180), 6);
    // From 90°, the 3rd nearest of {90°, 20°, 10°, 0°} is 10°: 1 − cos 80°.
    expect(k3[1]).toBeCloseTo(1 - Math.cos((80 * Math.PI) / 180), 6);
  });

  it('normalizes rows first and clips k to the bank size', () => {
    const scaled = Float32Array.from(bank, (v) => v * 7);
    const query = rows([3 * at(5)[0], 3 * at(5)[1]]);
    // k = 10 > 4 rows: the farthest, 90°, at 1 − cos 85°.
    expect(nearestNeighbourDistances(query, scaled, 2, 10)[0]).toBeCloseTo(
      1 - Math.cos((85 * Math.PI) / 180),
      6,
    );
  });

  it('gives the same distances however many query rows share one matrix product', () => {
    const many = Float32Array.from({ length: 1200 * 2 }, (_, i) => Math.sin(i * 0.37));
    const all = nearestNeighbourDistances(many, bank, 2, 2);
    const tail = nearestNeighbourDistances(many.subarray(1100 * 2), bank, 2, 2);
    expect(Array.from(all.subarray(1100))).toEqual(Array.from(tail));
  });
});

describe('cluster-level score', () => {
  // Source classes: mean features along 0° and 90°. Target: three tight groups of 20, at 0°, 90° and
  // a far one at 225° (opposite both classes: its cosine to them is cos 135° = −0.7071).
  const jitter = (degrees: number, i: number) => at(degrees + ((i % 5) - 2) * 0.5);
  const group = (degrees: number) => Array.from({ length: 20 }, (_, i) => jitter(degrees, i));
  const target = rows(...group(0), ...group(90), ...group(225));
  const references = classMeanFeatures(
    rows(at(-5), at(5), at(85), at(95)),
    Int32Array.from([0, 0, 1, 1]),
    2,
    2,
  );

  it('means and normalizes each class feature', () => {
    expect(Array.from(references)).toEqual([
      expect.closeTo(1, 6),
      expect.closeTo(0, 6),
      expect.closeTo(0, 6),
      expect.closeTo(1, 6),
    ]);
  });

  it('scores a far target cluster by its distance to the nearest class, the near ones near 0', () => {
    const result = clusterScores({
      target,
      sourceTest: rows(at(1), at(224)),
      classReferences: references,
      dim: 2,
      numClasses: 2,
      seed: 3,
    })!;
    expect(result.k).toBeGreaterThanOrEqual(3);
    const far = 1 - Math.cos((135 * Math.PI) / 180);
    // Every sample of the far group carries 1 − cos 135° (its centroid lies at 225°, up to the jitter).
    for (let i = 40; i < 60; i++) expect(result.target[i]).toBeCloseTo(far, 3);
    for (let i = 0; i < 40; i++) expect(result.target[i]).toBeLessThan(0.01);
    // Source-test rows join their nearest target cluster and carry its distance.
    expect(result.sourceTest[0]).toBeLessThan(0.01);
    expect(result.sourceTest[1]).toBeCloseTo(far, 3);
  });

  it('is deterministic for a seed, and null when no k > K fits', () => {
    const input = {
      target,
      sourceTest: rows(),
      classReferences: references,
      dim: 2,
      numClasses: 2,
      seed: 'x',
    };
    expect(clusterScores(input)!.target).toEqual(clusterScores(input)!.target);
    expect(clusterScores({ ...input, target: rows(at(0), at(1), at(2)) })).toBeNull();
  });
});

describe('centring on the source features', () => {
  it('removes the direction every feature shares, so the cosines compare what differs', () => {
    // Bank (10, 11) and (11, 10): mean (10.5, 10.5). Uncentred, the query (10, 12) is within
    // 1 − cos ≈ 0.0085 of (11, 10); centred, (−0.5, 1.5) against (0.5, −0.5) is 1 − cos = 1.8944.
    const bank = rows([10, 11], [11, 10]);
    const mean = columnMeans(bank, 2);
    expect(Array.from(mean)).toEqual([10.5, 10.5]);
    const query = rows([10, 12]);
    const uncentred = nearestNeighbourDistances(query, bank, 2, 2)[0];
    const cosine = (10 * 11 + 12 * 10) / (Math.hypot(10, 12) * Math.hypot(11, 10));
    expect(uncentred).toBeCloseTo(1 - cosine, 5);
    const far = nearestNeighbourDistances(centred(query, mean), centred(bank, mean), 2, 2)[0];
    expect(far).toBeCloseTo(1 - (-0.5 * 0.5 + 1.5 * -0.5) / (Math.hypot(0.5, 1.5) * Math.hypot(0.5, 0.5)), 5);
    expect(far).toBeCloseTo(1.8944, 4);
  });
});
