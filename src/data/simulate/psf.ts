/** FWHM of a Gaussian over its sigma. */
export const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.LN2);

const BOX_PASSES = 3;

/**
 * Blurs one band with a circular Gaussian PSF, approximated by three box filters per axis (Kovesi 2010):
 * the cost does not grow with the seeing, which a 13-tap kernel at DECaLS' pixel scale would make the
 * slowest step of the simulator. Flux beyond the edges is zero, as in a cutout.
 * @param plane [height * width] row-major, blurred in place.
 * @param scratch same size as plane; overwritten.
 * @param sigmaPx PSF sigma in pixels.
 */
export function convolveGaussianPsf(
  plane: Float32Array,
  scratch: Float32Array,
  width: number,
  height: number,
  sigmaPx: number,
): void {
  const widths = boxWidthsForGaussian(sigmaPx);
  let from = plane;
  let to = scratch;
  for (const boxWidth of widths) {
    boxBlur(from, to, width, height, 1, width, boxWidth);
    [from, to] = [to, from];
  }
  for (const boxWidth of widths) {
    boxBlur(from, to, height, width, width, 1, boxWidth);
    [from, to] = [to, from];
  }
  // Six passes: the result is back in `plane`.
}

/**
 * Odd box widths whose three passes have variance sigma^2 (up to the rounding of the split).
 * Exported for tests.
 */
export function boxWidthsForGaussian(sigma: number): number[] {
  const n = BOX_PASSES;
  const ideal = Math.sqrt((12 * sigma * sigma) / n + 1);
  let lower = Math.floor(ideal);
  if (lower % 2 === 0) lower--;
  const upper = lower + 2;
  const lowerCount = Math.round(
    (12 * sigma * sigma - n * lower * lower - 4 * n * lower - 3 * n) / (-4 * lower - 4),
  );
  return Array.from({ length: n }, (_, i) => (i < lowerCount ? lower : upper));
}

/**
 * One running-sum box pass along lines. `length` samples per line at `step`, `lines` lines at `lineStep`.
 */
function boxBlur(
  from: Float32Array,
  to: Float32Array,
  length: number,
  lines: number,
  step: number,
  lineStep: number,
  boxWidth: number,
): void {
  const radius = (boxWidth - 1) >> 1;
  const scale = 1 / boxWidth;
  for (let line = 0; line < lines; line++) {
    const start = line * lineStep;
    const end = start + length * step;
    // Running sum over [i - radius, i + radius]; outside the line counts as zero flux.
    let sum = 0;
    let entering = start;
    let leaving = start - (radius + 1) * step;
    for (let k = 0; k < radius && entering < end; k++, entering += step) sum += from[entering];
    for (let i = start; i < end; i += step, entering += step, leaving += step) {
      if (entering < end) sum += from[entering];
      if (leaving >= start) sum -= from[leaving];
      to[i] = sum * scale;
    }
  }
}
