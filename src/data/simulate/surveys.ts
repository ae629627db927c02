/**
 * The instruments. One galaxy population is observed through any of them; everything that differs
 * between the surveys (pixel scale and field, PSF shape and seeing, depth, bands, colour response,
 * stretch, saturation) lives here, so the domain shift of the benchmark is exactly this table.
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
  /** PSF profile. @default gaussian */
  readonly psfProfile?: PsfProfile;
  /**
   * Side of the cutout on the sky, arcsec: the cutout is resampled to the image size, so the image's
   * pixels are fieldOfView / imageSize wide whatever the native pixel scale. @default imageSize * pixelScale
   */
  readonly fieldOfView?: number;
  /** How calibrated flux becomes 8-bit RGB. @default asinh */
  readonly stretch?: StretchKind;
  /**
   * Surface brightness, nmgy/arcsec^2 (sky-subtracted), at which a pixel saturates (its full well):
   * brighter cores come out flat at this level. @default none
   */
  readonly saturation?: number;
}

/** A circular Gaussian, or a Moffat profile (1 + (r/alpha)^2)^-beta with its broader wings. */
export type PsfProfile = { readonly kind: 'gaussian' } | { readonly kind: 'moffat'; readonly beta: number };

export const STRETCH_KINDS = ['asinh', 'linear'] as const;
export type StretchKind = (typeof STRETCH_KINDS)[number];

export const SURVEY_NAMES = ['sdss', 'decals', 'hsc', 'ps1'] as const;
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
  /*
   * HSC-SSP Wide-like (Aihara et al. 2018, PASJ 70, S4): Subaru 8.2 m, 0.168"/px, median i seeing 0.6"
   * (r 0.7"), so the sharpest PSF here, modelled as a Moffat profile with beta = 3.5 (wings broader than
   * a Gaussian, narrower than beta = 2.5; Kolmogorov seeing alone gives 4.77, Trujillo et al. 2001).
   * 10 min in r, 20 min in i and z: (8.2/2.5)^2 ~ 11x SDSS's collecting area and 11x (r) to 22x (i, z)
   * its exposure, about 120x to 240x the photons per source, some 3 mag deeper (r ~ 26 at 5 sigma).
   * Mauna Kea's sky, red bands only: the colour composites here are r, i, z, so no g band at all.
   * Cutouts of a fixed 10.75" field (64 native pixels, resampled to the image size), shown with a linear
   * stretch (as HSC's linear-scaled quick-look images are) whose bright cores saturate: the level is
   * set so that about a quarter of galaxy cores clip, a stronger effect than HSC's own (point sources
   * saturate near i ~ 18 in its 200 s exposures), so that it shows in the benchmark, at a grey below
   * full white (45 of 60).
   */
  hsc: {
    name: 'hsc',
    pixelScale: 0.168,
    fieldOfView: 10.75,
    psfFwhm: 0.7,
    psfFwhmScatter: 0.15,
    psfProfile: { kind: 'moffat', beta: 3.5 },
    bands: [
      { band: 'r', electronsPerNanomaggy: 110000, skyMagPerArcsec2: 21.0, psfScale: 1.0 },
      { band: 'i', electronsPerNanomaggy: 200000, skyMagPerArcsec2: 20.3, psfScale: 0.9 },
      { band: 'z', electronsPerNanomaggy: 150000, skyMagPerArcsec2: 19.2, psfScale: 0.88 },
    ],
    channelWeights: [1.0, 1.0, 1.1],
    backgroundResidual: 0.02,
    stretchSoftening: 1,
    stretchMaximum: 60,
    stretch: 'linear',
    saturation: 45,
  },
  /*
   * Pan-STARRS1 3pi-like (Chambers et al. 2016, arXiv:1612.05560): 1.8 m, 0.25"/px, median stack seeing
   * r 1.19" (g 1.31", i 1.11", z 1.07"), the widest Moffat wings here (beta = 2.5: PS1's PSF model
   * carries a power-law wing). About 12 visits of 40-45 s per band: (1.8/2.5)^2 x 10 ~ 5x SDSS's photons,
   * about a magnitude deeper (r ~ 23.2 at 5 sigma). Haleakala's sky. PS1's cutout service composes colour
   * from g, i and y; the simulator has no y band, so z stands in: the band set g, i, z differs from both
   * SDSS's g r i and DECaLS's g r z. Stack background subtraction is known to leave structure, so the
   * largest residual background here; a softer asinh stretch.
   */
  ps1: {
    name: 'ps1',
    pixelScale: 0.25,
    psfFwhm: 1.19,
    psfFwhmScatter: 0.15,
    psfProfile: { kind: 'moffat', beta: 2.5 },
    bands: [
      { band: 'g', electronsPerNanomaggy: 3300, skyMagPerArcsec2: 21.9, psfScale: 1.1 },
      { band: 'i', electronsPerNanomaggy: 5000, skyMagPerArcsec2: 20.1, psfScale: 0.93 },
      { band: 'z', electronsPerNanomaggy: 3500, skyMagPerArcsec2: 19.4, psfScale: 0.9 },
    ],
    channelWeights: [1.0, 1.1, 1.5],
    backgroundResidual: 0.06,
    stretchSoftening: 1.0,
    stretchMaximum: 150,
  },
};

/** Flux in nanomaggies of an AB magnitude (22.5 mag = 1 nmgy). */
export function magnitudeToNanomaggies(magnitude: number): number {
  return Math.pow(10, -0.4 * (magnitude - 22.5));
}
