/**
 * A galaxy as the sky shows it, before any instrument: light components in arcsec on the sky plane,
 * fluxes in r-band nanomaggies, colours as flux ratios. Positions are offsets from the field centre.
 */

/** Flux ratio to the r band in [g, r, i, z]. */
export type Colour = readonly [number, number, number, number];

/** Colour from the indices g-r, r-i, i-z (magnitudes). */
export function colourFromIndices(gMinusR: number, rMinusI: number, iMinusZ: number): Colour {
  const g = Math.pow(10, -0.4 * gMinusR);
  const i = Math.pow(10, 0.4 * rMinusI);
  const z = i * Math.pow(10, 0.4 * iMinusZ);
  return [g, 1, i, z];
}

/** Logarithmic spiral arms that modulate a disk: bright where cos(m(theta - phase) - ln(r/r0)/tan(pitch)) peaks. */
export interface SpiralArms {
  readonly count: number;
  /** Pitch angle, radians: small is tightly wound. */
  readonly pitchAngle: number;
  /** Fraction of the disk light in the arm modulation, 0..1. */
  readonly amplitude: number;
  /** Exponent that narrows the arms (integer 1..4). */
  readonly sharpness: number;
  /** Angle (disk plane, radians) at which an arm starts at startRadius. */
  readonly phase: number;
  /** Radius (arcsec) inside which the arms fade out, e.g. the bar's end. */
  readonly startRadius: number;
}

/** An elliptical Sersic profile, optionally with spiral arms. */
export interface SersicComponent {
  readonly kind: 'sersic';
  readonly x: number;
  readonly y: number;
  /** Total r-band flux, nmgy. */
  readonly flux: number;
  /** Half-light semi-major axis, arcsec. */
  readonly halfLightRadius: number;
  readonly sersicIndex: number;
  /** Minor over major axis, (0, 1]. */
  readonly axisRatio: number;
  /** Major-axis angle from +x towards +y, radians. */
  readonly positionAngle: number;
  readonly colour: Colour;
  readonly arms?: SpiralArms;
}

/** A small round Gaussian: star-forming knots, tidal debris. */
export interface BlobComponent {
  readonly kind: 'blob';
  readonly x: number;
  readonly y: number;
  readonly flux: number;
  /** Gaussian sigma, arcsec. */
  readonly sigma: number;
  readonly colour: Colour;
}

/**
 * A Gaussian background source behind a singular isothermal sphere lens: its images form an arc,
 * or an Einstein ring when the source sits close behind the lens. Surface brightness is conserved.
 */
export interface LensedSourceComponent {
  readonly kind: 'lensed-source';
  /** Lens centre, arcsec. */
  readonly x: number;
  readonly y: number;
  readonly einsteinRadius: number;
  /** Source position relative to the lens, source plane, arcsec. */
  readonly sourceX: number;
  readonly sourceY: number;
  readonly sourceSigma: number;
  /** Unlensed source flux (r band, nmgy); the lens magnifies it. */
  readonly flux: number;
  readonly colour: Colour;
}

export type LightComponent = SersicComponent | BlobComponent | LensedSourceComponent;

/**
 * The true physical parameters stored beside every image. NaN where a parameter does not apply
 * (an Einstein radius for a spiral). None depends on the survey.
 */
export const PHYSICAL_PARAMETERS = [
  'half_light_radius_arcsec',
  'sersic_index',
  'ellipticity',
  'position_angle_deg',
  'magnitude_r',
  'colour_g_r',
  'bulge_to_total',
  'arm_pitch_deg',
  'einstein_radius_arcsec',
  'nucleus_separation_arcsec',
] as const;
export type PhysicalParameter = (typeof PHYSICAL_PARAMETERS)[number];
export type PhysicalParameters = Record<PhysicalParameter, number>;

export interface GalaxyModel {
  readonly components: readonly LightComponent[];
  readonly parameters: PhysicalParameters;
}
