/** Share of a Moffat profile's flux the kernel keeps before it is renormalised. */
const ENCLOSED_FLUX = 0.985;
/** Sub-samples per pixel side when the kernel is integrated over its pixels. */
const KERNEL_OVERSAMPLE = 3;

/** The Moffat scale alpha of a profile (1 + (r/alpha)^2)^-beta with this FWHM: FWHM = 2 alpha sqrt(2^(1/beta) - 1). */
export function moffatAlpha(fwhm: number, beta: number): number {
  return fwhm / (2 * Math.sqrt(Math.pow(2, 1 / beta) - 1));
}

/**
 * A Moffat PSF kernel integrated over its pixels and normalised to sum 1, reaching the radius that
 * holds 98.5 % of the flux (the enclosed flux is 1 - (1 + (r/alpha)^2)^(1-beta)), at most `maxRadius`.
 * @returns the kernel [(2 radius + 1)^2] row-major and its radius in pixels.
 */
export function moffatKernel(
  fwhmPx: number,
  beta: number,
  maxRadius: number,
): { kernel: Float32Array; radius: number } {
  const alpha = moffatAlpha(fwhmPx, beta);
  const reach = alpha * Math.sqrt(Math.pow(1 - ENCLOSED_FLUX, 1 / (1 - beta)) - 1);
  const radius = Math.max(1, Math.min(maxRadius, Math.ceil(reach)));
  const side = 2 * radius + 1;
  const kernel = new Float32Array(side * side);
  const inverseAlpha2 = 1 / (alpha * alpha);
  let total = 0;
  for (let ky = 0; ky < side; ky++) {
    for (let kx = 0; kx < side; kx++) {
      let sum = 0;
      for (let j = 0; j < KERNEL_OVERSAMPLE; j++) {
        const dy = ky - radius - 0.5 + (j + 0.5) / KERNEL_OVERSAMPLE;
        for (let i = 0; i < KERNEL_OVERSAMPLE; i++) {
          const dx = kx - radius - 0.5 + (i + 0.5) / KERNEL_OVERSAMPLE;
          sum += Math.pow(1 + (dx * dx + dy * dy) * inverseAlpha2, -beta);
        }
      }
      kernel[ky * side + kx] = sum;
      total += sum;
    }
  }
  for (let k = 0; k < kernel.length; k++) kernel[k] /= total;
  return { kernel, radius };
}

/**
 * Blurs one band with a circular Moffat PSF by direct convolution (the profile is not separable, and a
 * cutout is small). Flux beyond the edges is zero, as in a cutout.
 * @param plane [height * width] row-major, blurred in place.
 * @param scratch same size as plane; overwritten.
 * @param fwhmPx PSF FWHM in pixels.
 */
export function convolveMoffatPsf(
  plane: Float32Array,
  scratch: Float32Array,
  width: number,
  height: number,
  fwhmPx: number,
  beta: number,
): void {
  const { kernel, radius } = moffatKernel(fwhmPx, beta, Math.max(width, height) - 1);
  const side = 2 * radius + 1;
  scratch.set(plane);
  plane.fill(0);
  // Scatter each source pixel into its neighbourhood: most pixels of a cutout are faint sky-free zeros.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = scratch[y * width + x];
      if (value === 0) continue;
      const y0 = Math.max(0, y - radius);
      const y1 = Math.min(height - 1, y + radius);
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(width - 1, x + radius);
      for (let ty = y0; ty <= y1; ty++) {
        const kernelRow = (ty - y + radius) * side - x + radius;
        const row = ty * width;
        for (let tx = x0; tx <= x1; tx++) plane[row + tx] += value * kernel[kernelRow + tx];
      }
    }
  }
}
