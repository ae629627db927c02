import type { Dataset } from '../../../src/data/dataset';
import {
  pixelScaleColumnOf,
  quantityFromOutputs,
  regressionTargetsFor,
  standardizedTargets,
} from '../../../src/uda/training/regression-targets';

function dataset(extras: Record<string, number[]>): Dataset {
  const n = Object.values(extras)[0].length;
  return {
    images: new Uint8Array(n * 3),
    n,
    height: 1,
    width: 1,
    channels: 3,
    labels: new Int32Array(n),
    classNames: ['a'],
    domain: 'source',
    extras: Object.fromEntries(Object.entries(extras).map(([k, v]) => [k, Float64Array.from(v)])),
    origin: 'test.h5',
  };
}

describe('regression targets', () => {
  it('learns an angular quantity in pixels by default, and a plain one as it is', () => {
    expect(pixelScaleColumnOf({ target: 'half_light_radius_arcsec' })).toBe('pixel_scale_arcsec');
    expect(pixelScaleColumnOf({ target: 'half_light_radius_arcsec', pixelScale: false })).toBeUndefined();
    expect(pixelScaleColumnOf({ target: 'redshift' })).toBeUndefined();
    expect(pixelScaleColumnOf({ target: 'size', pixelScale: 'scale' })).toBe('scale');
  });

  it('standardizes the size in pixels and maps outputs back to arcsec with each image its own scale', () => {
    // radii 1", 2", 3" at 0.5"/px: 2, 4, 6 px; mean 4, population std sqrt(8/3).
    const train = dataset({ r_arcsec: [1, 2, 3], pixel_scale_arcsec: [0.5, 0.5, 0.5] });
    const targets = regressionTargetsFor(train, { target: 'r_arcsec' });
    expect(targets).toEqual({
      name: 'r_arcsec',
      pixelScale: 'pixel_scale_arcsec',
      mean: 4,
      std: expect.closeTo(Math.sqrt(8 / 3), 12),
    });
    const z = standardizedTargets(train, targets, [2, 0]);
    expect(Array.from(z)).toEqual([expect.closeTo(2 / targets.std, 6), expect.closeTo(-2 / targets.std, 6)]);
    // Another survey at 0.25"/px: a standardized output of 0 is 4 px, i.e. 1".
    const target = dataset({ r_arcsec: [9, 9], pixel_scale_arcsec: [0.25, 1] });
    expect(Array.from(quantityFromOutputs(target, targets, [0, 1]))).toEqual([
      1,
      expect.closeTo(4 + targets.std, 12),
    ]);
  });

  it('names the missing pixel-scale column and how to do without it', () => {
    const train = dataset({ r_arcsec: [1, 2] });
    expect(() => regressionTargetsFor(train, { target: 'r_arcsec' })).toThrow(
      /regression\.pixelScale \(false to learn arcsec\): test\.h5 has no per-sample quantity "pixel_scale_arcsec"; it has r_arcsec/,
    );
    expect(regressionTargetsFor(train, { target: 'r_arcsec', pixelScale: false })).toEqual({
      name: 'r_arcsec',
      mean: 1.5,
      std: 0.5,
    });
  });
});
