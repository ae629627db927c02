/**
 * The two instruments. One galaxy population is observed through either of them; everything that
 * differs between the surveys (pixel scale, seeing, depth, bands, colour response, stretch) lives here,
 * so the domain shift of the benchmark is exactly this table.
 */

/** Photometric bands the simulator knows. Component colours are given in all four. */
export const BANDS = ['g', 'r', 'i', 'z'] as const;
export type Band = (typeof BANDS)[number];

export interface SurveyBand {
  readonly band: Band;
  /** Photo-electrons per nanomaggy of source flux (sets the Poisson noise of the source). */
  readonly electronsPerNanomaggy: number;
  /** Sky surface brightness, mag/arcsec^2. */
  readonly skyMagPerArcsec2: number;
  /** Seeing relative to the r band (atmospheric seeing scales roughly as wavelength^-0.2). */
  readonly psfScale: number;
}

export interface SurveyModel {
  readonly name: SurveyName;
  /** Arcsec per pixel. */
  readonly pixelScale: number;
  /** Median r-band PSF FWHM in arcsec; each image draws its seeing around it. */
  readonly psfFwhm: number;
  /** Fractional spread of the per-image seeing. */
  readonly psfFwhmScatter: number;
  /** The three bands, in the order they become the B, G, R channels' inputs: [blue, green, red]. */
  readonly bands: readonly [SurveyBand, SurveyBand, SurveyBand];
  /** Multipliers of the [R, G, B] channels: the survey's colour response of its public colour images. */
  readonly channelWeights: readonly [number, number, number];
  /** Residual background after sky subtraction, nmgy/arcsec^2: a pedestal and a gradient across the field. */
  readonly backgroundResidual: number;
  /** Asinh softening, nmgy/arcsec^2: below it the stretch is linear, above it logarithmic. */
  readonly stretchSoftening: number;
  /** Surface brightness mapped to full white, nmgy/arcsec^2. */
  readonly stretchMaximum: number;
}

export const SURVEY_NAMES = ['sdss', 'decals'] as const;
export type SurveyName = (typeof SURVEY_NAMES)[number];

/**
 * SDSS: 2.5 m telescope, 54 s drift scans, 0.396"/px, g r i. DECaLS: DECam on the 4 m Blanco,
 * about 3x90 s, 0.262"/px, g r z: about 14x more photons per source, so roughly 1.5 mag deeper.
 */
export const SURVEYS: Readonly<Record<SurveyName, SurveyModel>> = {
  sdss: {
    name: 'sdss',
    pixelScale: 0.396,
    psfFwhm: 1.4,
    psfFwhmScatter: 0.1,
    bands: [
      { band: 'g', electronsPerNanomaggy: 700, skyMagPerArcsec2: 22.0, psfScale: 1.08 },
      { band: 'r', electronsPerNanomaggy: 940, skyMagPerArcsec2: 20.9, psfScale: 1.0 },
      { band: 'i', electronsPerNanomaggy: 720, skyMagPerArcsec2: 20.2, psfScale: 0.96 },
    ],
    channelWeights: [1.0, 1.15, 1.6],
    backgroundResidual: 0.04,
    stretchSoftening: 0.35,
    stretchMaximum: 100,
  },
  decals: {
    name: 'decals',
    pixelScale: 0.262,
    psfFwhm: 1.2,
    psfFwhmScatter: 0.12,
    bands: [
      { band: 'g', electronsPerNanomaggy: 10000, skyMagPerArcsec2: 22.0, psfScale: 1.08 },
      { band: 'r', electronsPerNanomaggy: 13000, skyMagPerArcsec2: 21.0, psfScale: 1.0 },
      { band: 'z', electronsPerNanomaggy: 20000, skyMagPerArcsec2: 18.8, psfScale: 0.93 },
    ],
    channelWeights: [0.8, 1.25, 2.2],
    backgroundResidual: 0.01,
    stretchSoftening: 0.3,
    stretchMaximum: 120,
  },
};

/** Flux in nanomaggies of an AB magnitude (22.5 mag = 1 nmgy). */
export function magnitudeToNanomaggies(magnitude: number): number {
  return Math.pow(10, -0.4 * (magnitude - 22.5));
}
