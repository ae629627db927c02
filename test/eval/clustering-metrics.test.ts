import { clusterAgreement } from '../../src/eval/cluster-agreement';
import { meanSilhouette, pairwiseDistances } from '../../src/eval/silhouette';

describe('silhouette', () => {
  it('1-D points 0, 1 | 4, 6: s = 0.8, 0.75, 1.5/3.5, 3.5/5.5, mean 0.653734', () => {
    const distances = pairwiseDistances([[0], [1], [4], [6]]);
    expect(meanSilhouette(distances, [0, 0, 1, 1])).toBeCloseTo((0.8 + 0.75 + 1.5 / 3.5 + 3.5 / 5.5) / 4, 10);
  });

  it('a point alone in its cluster counts 0: (0.9 + 8/9 + 0) / 3', () => {
    const distances = pairwiseDistances([[0], [1], [10]]);
    expect(meanSilhouette(distances, [0, 0, 1])).toBeCloseTo((0.9 + 8 / 9) / 3, 10);
  });

  it('is null for one cluster', () => {
    expect(meanSilhouette(pairwiseDistances([[0], [1]]), [0, 0])).toBeNull();
  });
});

describe('cluster agreement', () => {
  it('purity 5/6 and NMI 0.318257 / ((ln 2 + 0.636514) / 2) = 0.478704', () => {
    // joint counts (0,x)=2 (0,y)=1 (1,y)=3; I = ⅓ln2 − ⅙ln2 + ½ln1.5
    const agreement = clusterAgreement([0, 0, 0, 1, 1, 1], ['x', 'x', 'y', 'y', 'y', 'y']);
    expect(agreement.purity).toBeCloseTo(5 / 6, 10);
    const mutual = Math.LN2 / 3 - Math.LN2 / 6 + 0.5 * Math.log(1.5);
    const hLabels = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3));
    expect(mutual).toBeCloseTo(0.318257, 5);
    expect(agreement.nmi).toBeCloseTo(mutual / ((Math.LN2 + hLabels) / 2), 10);
    expect(agreement.nmi).toBeCloseTo(0.478704, 5);
  });

  it('a relabelled perfect clustering has purity and NMI 1', () => {
    expect(clusterAgreement([1, 1, 0, 0], ['a', 'a', 'b', 'b'])).toEqual({
      purity: 1,
      nmi: expect.closeTo(1, 10),
    });
  });

  it('one cluster against two labels has NMI 0; one against one has NMI 1', () => {
    expect(clusterAgreement([0, 0], ['a', 'b'])).toEqual({ purity: 0.5, nmi: 0 });
    expect(clusterAgreement([0, 0], ['a', 'a'])).toEqual({ purity: 1, nmi: 1 });
  });
});
