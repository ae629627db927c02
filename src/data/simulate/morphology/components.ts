import {
  colourFromIndices,
  PHYSICAL_PARAMETERS,
  type BlobComponent,
  type Colour,
  type LightComponent,
  type PhysicalParameters,
  type SersicComponent,
  type SpiralArms,
} from '../galaxy-model';
import type { SeededRandom } from '../seeded-random';
import { halfLightRadiusOfSum } from '../sersic';
import { magnitudeToNanomaggies } from '../surveys';

/** Stellar populations and their colours (g-r, r-i, i-z) with a scatter: red and dead to star-forming. */
const POPULATIONS = {
  old: [0.76, 0.4, 0.3],
  disk: [0.5, 0.27, 0.18],
  young: [0.18, 0.08, 0.02],
  /** A star-forming galaxy at z ~ 1-2 behind a lens: blue in g-r. */
  background: [0.08, 0.12, 0.05],
} as const;
export type Population = keyof typeof POPULATIONS;

export function drawColour(random: SeededRandom, population: Population): Colour {
  const [gr, ri, iz] = POPULATIONS[population];
  return colourFromIndices(random.normal(gr, 0.05), random.normal(ri, 0.03), random.normal(iz, 0.03));
}

/** Total r-band flux of a galaxy between two magnitudes (brighter than Galaxy10's r < 17.8 limit). */
export function drawFlux(random: SeededRandom, brightest = 15.5, faintest = 17.6): number {
  return magnitudeToNanomaggies(random.uniform(brightest, faintest));
}

/** Small offset of the galaxy from the cutout centre, arcsec: cutouts are centred on a catalogue position. */
export function drawCentre(random: SeededRandom): [number, number] {
  return [random.normal(0, 0.15), random.normal(0, 0.15)];
}

/** A point in a disk's own plane (u along the major axis, v along the minor) projected onto the sky. */
export function diskToSky(disk: SersicComponent, u: number, v: number): [number, number] {
  const cos = Math.cos(disk.positionAngle);
  const sin = Math.sin(disk.positionAngle);
  const vProjected = v * disk.axisRatio;
  return [disk.x + u * cos - vProjected * sin, disk.y + u * sin + vProjected * cos];
}

/** Star-forming knots strung along the crests of a disk's arms (positions follow the same log spiral). */
export function knotsAlongArms(
  random: SeededRandom,
  disk: SersicComponent,
  arms: SpiralArms,
  count: number,
  totalFlux: number,
): BlobComponent[] {
  const knots: BlobComponent[] = [];
  for (let i = 0; i < count; i++) {
    const r = random.uniform(arms.startRadius, arms.startRadius + 1.8 * disk.halfLightRadius);
    const arm = random.integer(0, arms.count - 1);
    const theta =
      arms.phase +
      Math.log(r / arms.startRadius) / Math.tan(arms.pitchAngle) +
      (2 * Math.PI * arm) / arms.count;
    const [x, y] = diskToSky(disk, r * Math.cos(theta), r * Math.sin(theta));
    const flux = (totalFlux / count) * random.uniform(0.4, 1.6);
    knots.push({
      kind: 'blob',
      x,
      y,
      flux,
      sigma: random.uniform(0.12, 0.3),
      colour: drawColour(random, 'young'),
    });
  }
  return knots;
}

export interface TailShape {
  readonly x: number;
  readonly y: number;
  /** Direction in which the tail leaves its galaxy, radians. */
  readonly angle: number;
  /** Arcsec. */
  readonly length: number;
  /** Radians turned over the tail's length; the sign sets the sense of rotation. */
  readonly bend: number;
  readonly flux: number;
}

/** A tidal tail: a curved chain of fading, widening blobs of stars pulled out of a galaxy. */
export function tidalTail(random: SeededRandom, shape: TailShape, colour: Colour): BlobComponent[] {
  const count = 14;
  const blobs: BlobComponent[] = [];
  for (let i = 0; i < count; i++) {
    const t = (i + 1) / count;
    const angle = shape.angle + shape.bend * t;
    const distance = shape.length * t;
    blobs.push({
      kind: 'blob',
      x: shape.x + distance * Math.cos(angle) + random.normal(0, 0.05),
      y: shape.y + distance * Math.sin(angle) + random.normal(0, 0.05),
      flux: ((shape.flux * 2 * (1.15 - t)) / count) * random.uniform(0.7, 1.3),
      sigma: 0.25 + 0.45 * t,
      colour,
    });
  }
  return blobs;
}

export interface Summary {
  /** The profiles whose combined half-light radius is the galaxy's size (bulge + disk + bar). */
  readonly body: readonly SersicComponent[];
  readonly bulgeToTotal?: number;
  readonly armPitch?: number;
  readonly einsteinRadius?: number;
  readonly nucleusSeparation?: number;
}

/**
 * The true parameters of a galaxy: sizes and shapes from its main body (the brightest profile gives
 * index, ellipticity and angle), magnitude and colour from every component except lensed light.
 */
export function summarise(components: readonly LightComponent[], summary: Summary): PhysicalParameters {
  const parameters = Object.fromEntries(PHYSICAL_PARAMETERS.map((name) => [name, NaN])) as PhysicalParameters;
  const dominant = summary.body.reduce((best, c) => (c.flux > best.flux ? c : best));
  let flux = 0;
  let fluxG = 0;
  for (const c of components) {
    if (c.kind === 'lensed-source') continue;
    flux += c.flux;
    fluxG += c.flux * c.colour[0];
  }
  parameters.half_light_radius_arcsec = halfLightRadiusOfSum(summary.body);
  parameters.sersic_index = dominant.sersicIndex;
  parameters.ellipticity = 1 - dominant.axisRatio;
  parameters.position_angle_deg = ((((dominant.positionAngle * 180) / Math.PI) % 180) + 180) % 180;
  parameters.magnitude_r = 22.5 - 2.5 * Math.log10(flux);
  parameters.colour_g_r = -2.5 * Math.log10(fluxG / flux);
  parameters.bulge_to_total = summary.bulgeToTotal ?? NaN;
  parameters.arm_pitch_deg = summary.armPitch === undefined ? NaN : (summary.armPitch * 180) / Math.PI;
  parameters.einstein_radius_arcsec = summary.einsteinRadius ?? NaN;
  parameters.nucleus_separation_arcsec = summary.nucleusSeparation ?? NaN;
  return parameters;
}
