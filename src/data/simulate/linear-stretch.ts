import type { SurveyModel } from './surveys';

/**
 * A linear display stretch: each channel's weighted surface brightness over the stretch maximum, clipped
 * to [0, 1]. Faint outskirts fade into the sky and bright cores clip, unlike the asinh stretch.
 * @param planes [blue band, green band, red band], each [size * size] surface brightness, nmgy/arcsec^2.
 * @param out receives [size, size, 3] uint8 RGB at `offset`.
 */
export function linearStretchToRgb(
  planes: readonly Float32Array[],
  survey: SurveyModel,
  out: Uint8Array,
  offset: number,
): void {
  const scale = 1 / survey.stretchMaximum;
  const [weightR, weightG, weightB] = survey.channelWeights.map((w) => w * scale);
  const [blue, green, red] = planes;
  for (let i = 0, o = offset; i < blue.length; i++, o += 3) {
    out[o] = toByte(red[i] * weightR);
    out[o + 1] = toByte(green[i] * weightG);
    out[o + 2] = toByte(blue[i] * weightB);
  }
}

function toByte(value: number): number {
  return value <= 0 ? 0 : value >= 1 ? 255 : (value * 255 + 0.5) | 0;
}
