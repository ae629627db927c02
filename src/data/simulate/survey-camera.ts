import type { GalaxyModel } from './galaxy-model';
import { convolveGaussianPsf, FWHM_PER_SIGMA } from './psf';
import type { SeededRandom } from './seeded-random';
import { SkyRenderer } from './sky-renderer';
import { asinhStretchToRgb } from './asinh-stretch';
import { GaussianNoisePool } from './gaussian-noise-pool';
import { linearStretchToRgb } from './linear-stretch';
import { convolveMoffatPsf } from './moffat-psf';
import { BANDS, magnitudeToNanomaggies, type SurveyModel } from './surveys';

/** What one exposure was like, beyond the galaxy itself. */
export interface ObservingConditions {
  /** The r-band seeing FWHM of this image, arcsec. */
  readonly psfFwhm: number;
}

/**
 * One survey's camera at one cutout size: renders a galaxy on its pixels, blurs it with the seeing,
 * adds the residual background and the photon noise of sky and source, and stretches to 8-bit RGB.
 * Owns its scratch buffers, so observing allocates nothing per image.
 */
export class SurveyCamera {
  private readonly renderer: SkyRenderer;
  private readonly planes: Float32Array[];
  private readonly scratch: Float32Array;
  private readonly noise: GaussianNoisePool;
  private readonly colourIndex: readonly number[];
  /** Arcsec per image pixel: the survey's own, or its cutout field over the image size. */
  readonly pixelScale: number;
  private readonly pixelArea: number;
  /** Sky per pixel in nmgy, per band. */
  private readonly skyPerPixel: readonly number[];

  constructor(
    readonly survey: SurveyModel,
    readonly imageSize: number,
    noiseSeed: string,
  ) {
    this.pixelScale = survey.fieldOfView === undefined ? survey.pixelScale : survey.fieldOfView / imageSize;
    this.renderer = new SkyRenderer({ width: imageSize, height: imageSize, pixelScale: this.pixelScale });
    const pixels = imageSize * imageSize;
    this.planes = survey.bands.map(() => new Float32Array(pixels));
    this.scratch = new Float32Array(pixels);
    this.noise = new GaussianNoisePool(`${noiseSeed}/noise-pool/${survey.name}`);
    this.colourIndex = survey.bands.map((b) => BANDS.indexOf(b.band));
    this.pixelArea = this.pixelScale * this.pixelScale;
    this.skyPerPixel = survey.bands.map((b) => magnitudeToNanomaggies(b.skyMagPerArcsec2) * this.pixelArea);
  }

  /**
   * Observes `model`, writing [imageSize, imageSize, 3] uint8 RGB into `out` at `offset`.
   * @param random the observation's own stream: seeing, background and noise.
   */
  observe(model: GalaxyModel, random: SeededRandom, out: Uint8Array, offset: number): ObservingConditions {
    const conditions = this.observeLinear(model, random);
    if (this.survey.stretch === 'linear') linearStretchToRgb(this.planes, this.survey, out, offset);
    else asinhStretchToRgb(this.planes, this.survey, out, offset);
    return conditions;
  }

  /**
   * The calibrated image before the colour stretch: [blue, green, red] band planes, each
   * [imageSize * imageSize] surface brightness in nmgy/arcsec^2, sky-subtracted, noisy.
   * The planes are the camera's own buffers, overwritten by the next observation.
   */
  observeLinear(
    model: GalaxyModel,
    random: SeededRandom,
  ): ObservingConditions & { planes: readonly Float32Array[] } {
    for (const plane of this.planes) plane.fill(0);
    this.renderer.render(model, this.colourIndex, this.planes);
    const { survey } = this;
    const seeing = survey.psfFwhm * Math.min(1.5, Math.max(0.7, 1 + survey.psfFwhmScatter * random.normal()));
    const background = [random.normal(), random.normal(), random.normal()];
    this.planes.forEach((plane, b) => {
      this.blur(plane, seeing * survey.bands[b].psfScale);
      this.addBackgroundAndNoise(plane, b, background, random);
    });
    return { psfFwhm: seeing, planes: this.planes };
  }

  /** Convolves one band with the survey's PSF profile of this FWHM (arcsec). */
  private blur(plane: Float32Array, fwhm: number): void {
    const profile = this.survey.psfProfile;
    const size = this.imageSize;
    if (profile?.kind === 'moffat') {
      convolveMoffatPsf(plane, this.scratch, size, size, fwhm / this.pixelScale, profile.beta);
    } else {
      convolveGaussianPsf(plane, this.scratch, size, size, fwhm / FWHM_PER_SIGMA / this.pixelScale);
    }
  }

  /**
   * Adds a residual sky pedestal and gradient (sky subtraction is never perfect), then Poisson noise of
   * sky plus source in its Gaussian limit (hundreds to thousands of electrons per pixel), and converts
   * the band to surface brightness (nmgy/arcsec^2) so the stretch treats both pixel scales alike.
   */
  private addBackgroundAndNoise(
    plane: Float32Array,
    b: number,
    background: number[],
    random: SeededRandom,
  ): void {
    const size = this.imageSize;
    const residual = this.survey.backgroundResidual * this.pixelArea;
    const pedestal = residual * background[0];
    const slopeX = (residual * background[1]) / size;
    const slopeY = (residual * background[2]) / size;
    const sky = this.skyPerPixel[b];
    const inverseGain = 1 / this.survey.bands[b].electronsPerNanomaggy;
    const inverseArea = 1 / this.pixelArea;
    // A full well: no pixel holds more than the saturation level (sky-subtracted, per pixel).
    const saturation = (this.survey.saturation ?? Infinity) * this.pixelArea;
    this.noise.restart(random);
    for (let y = 0; y < size; y++) {
      const rowBackground = pedestal + slopeY * (y - size / 2);
      for (let x = 0; x < size; x++) {
        const i = y * size + x;
        const signal = plane[i];
        const sigma = Math.sqrt((Math.max(signal, 0) + sky) * inverseGain);
        const value = signal + rowBackground + slopeX * (x - size / 2) + sigma * this.noise.next();
        plane[i] = (value < saturation ? value : saturation) * inverseArea;
      }
    }
  }
}
