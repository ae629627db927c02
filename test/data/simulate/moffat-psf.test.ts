import { convolveGaussianPsf, FWHM_PER_SIGMA } from '../../../src/data/simulate/psf';
import { convolveMoffatPsf, moffatAlpha, moffatKernel } from '../../../src/data/simulate/moffat-psf';

const SIZE = 65;
const CENTRE = 32;

/** A unit point source at the centre of a SIZE x SIZE plane, blurred by `blur`. */
function pointSpread(blur: (plane: Float32Array, scratch: Float32Array) => void): Float32Array {
  const plane = new Float32Array(SIZE * SIZE);
  plane[CENTRE * SIZE + CENTRE] = 1;
  blur(plane, new Float32Array(SIZE * SIZE));
  return plane;
}

/** Full width at half maximum along the centre row, by linear interpolation between pixels. */
function measuredFwhm(plane: Float32Array): number {
  const rowAt = (x: number) => plane[CENTRE * SIZE + x];
  const half = rowAt(CENTRE) / 2;
  let x = CENTRE;
  while (rowAt(x + 1) > half) x++;
  const crossing = x + (rowAt(x) - half) / (rowAt(x) - rowAt(x + 1));
  return 2 * (crossing - CENTRE);
}

const sum = (plane: Float32Array): number => plane.reduce((a, b) => a + b, 0);
/** Flux beyond `radius` pixels of the centre. */
function wingFlux(plane: Float32Array, radius: number): number {
  let flux = 0;
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++)
      if (Math.hypot(x - CENTRE, y - CENTRE) > radius) flux += plane[y * SIZE + x];
  return flux;
}

describe('Moffat PSF', () => {
  it('has the analytic FWHM 2 alpha sqrt(2^(1/beta) - 1) and a kernel that sums to 1', () => {
    for (const [fwhm, beta] of [
      [8, 2.5],
      [6, 3.5],
      [10, 4.765],
    ]) {
      const { kernel } = moffatKernel(fwhm, beta, 40);
      expect(sum(kernel)).toBeCloseTo(1, 5);
      const spread = pointSpread((plane, scratch) =>
        convolveMoffatPsf(plane, scratch, SIZE, SIZE, fwhm, beta),
      );
      expect(sum(spread)).toBeCloseTo(1, 4);
      // Pixel integration widens the core a little: within 3 % at these widths.
      expect(Math.abs(measuredFwhm(spread) / fwhm - 1)).toBeLessThan(0.03);
      // alpha from the formula: the profile is at half its peak at r = FWHM / 2.
      expect(Math.pow(1 + (fwhm / 2 / moffatAlpha(fwhm, beta)) ** 2, -beta)).toBeCloseTo(0.5, 10);
    }
  });

  it('puts more light in the wings than a Gaussian of the same FWHM, more for smaller beta', () => {
    const fwhm = 6;
    const gaussian = pointSpread((plane, scratch) =>
      convolveGaussianPsf(plane, scratch, SIZE, SIZE, fwhm / FWHM_PER_SIGMA),
    );
    const moffat = (beta: number) =>
      pointSpread((plane, scratch) => convolveMoffatPsf(plane, scratch, SIZE, SIZE, fwhm, beta));
    const beyond = 1.5 * fwhm;
    expect(wingFlux(moffat(3.5), beyond)).toBeGreaterThan(5 * wingFlux(gaussian, beyond));
    expect(wingFlux(moffat(2.5), beyond)).toBeGreaterThan(wingFlux(moffat(3.5), beyond));
  });
});
