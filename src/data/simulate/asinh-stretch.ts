import type { SurveyModel } from './surveys';

/**
 * Lupton et al. (2004) colour-preserving asinh stretch: every channel is scaled by the same
 * asinh(I / softening) / I of the mean intensity I, so faint outskirts and bright cores both show
 * and hue does not shift with brightness. Channels that would pass white are scaled down together.
 * @param planes [blue band, green band, red band], each [size * size] surface brightness, nmgy/arcsec^2.
 * @param out receives [size, size, 3] uint8 RGB at `offset`.
 */
export function asinhStretchToRgb(
  planes: readonly Float32Array[],
  survey: SurveyModel,
  out: Uint8Array,
  offset: number,
): void {
  const [weightR, weightG, weightB] = survey.channelWeights;
  const softening = survey.stretchSoftening;
  const normaliser = 1 / Math.asinh(survey.stretchMaximum / softening);
  const faintLimit = normaliser / softening;
  const [blue, green, red] = planes;
  for (let i = 0, o = offset; i < blue.length; i++, o += 3) {
    const r = red[i] * weightR;
    const g = green[i] * weightG;
    const b = blue[i] * weightB;
    const intensity = (r + g + b) / 3;
    const x = Math.abs(intensity) / softening;
    // asinh via log and sqrt: several times faster than Math.asinh in V8; even in x, so |I| suffices.
    let factor = x < 1e-6 ? faintLimit : (Math.log(x + Math.sqrt(x * x + 1)) * normaliser) / (x * softening);
    const brightest = Math.max(r, g, b) * factor;
    if (brightest > 1) factor /= brightest;
    out[o] = toByte(r * factor);
    out[o + 1] = toByte(g * factor);
    out[o + 2] = toByte(b * factor);
  }
}

function toByte(value: number): number {
  return value <= 0 ? 0 : value >= 1 ? 255 : (value * 255 + 0.5) | 0;
}
