import type { GalaxyModel, LightComponent, SersicComponent, SpiralArms } from '../galaxy-model';
import type { SeededRandom } from '../seeded-random';
import { drawCentre, drawColour, drawFlux, knotsAlongArms, summarise } from './components';

const DEG = Math.PI / 180;

interface DiskShape {
  readonly bulgeToTotal: readonly [number, number];
  readonly axisRatio: readonly [number, number];
  /** Arm pitch range in degrees; absent for a disk without arms. */
  readonly pitchDeg?: readonly [number, number];
  readonly bar?: boolean;
  /** Share of the light in star-forming knots. */
  readonly knotShare?: number;
}

function bulge(
  random: SeededRandom,
  x: number,
  y: number,
  flux: number,
  diskRadius: number,
): SersicComponent {
  return {
    kind: 'sersic',
    x,
    y,
    flux,
    halfLightRadius: diskRadius * random.uniform(0.15, 0.3),
    sersicIndex: random.uniform(2, 4),
    axisRatio: random.uniform(0.7, 1),
    positionAngle: random.uniform(0, Math.PI),
    colour: drawColour(random, 'old'),
  };
}

/** Exponential disk + bulge, optionally a bar, logarithmic arms and star-forming knots along them. */
function diskGalaxy(random: SeededRandom, shape: DiskShape): GalaxyModel {
  const [x, y] = drawCentre(random);
  const total = drawFlux(random);
  const bulgeToTotal = random.uniform(shape.bulgeToTotal[0], shape.bulgeToTotal[1]);
  const knotShare = shape.knotShare ?? 0;
  const diskRadius = random.logUniform(1.1, 2.6);
  const positionAngle = random.uniform(0, Math.PI);
  const barAngle = random.uniform(0, Math.PI);
  const barLength = diskRadius * random.uniform(0.5, 0.8);
  const barShare = shape.bar ? random.uniform(0.08, 0.15) : 0;
  const pitch = shape.pitchDeg ? random.uniform(shape.pitchDeg[0], shape.pitchDeg[1]) * DEG : undefined;
  const arms: SpiralArms | undefined = pitch
    ? {
        count: random.chance(0.8) ? 2 : 3,
        pitchAngle: pitch,
        amplitude: random.uniform(0.55, 0.85),
        sharpness: random.integer(2, 3),
        phase: shape.bar ? barAngle : random.uniform(0, 2 * Math.PI),
        startRadius: shape.bar ? barLength : diskRadius * random.uniform(0.3, 0.5),
      }
    : undefined;
  const disk: SersicComponent = {
    kind: 'sersic',
    x,
    y,
    flux: total * (1 - bulgeToTotal - barShare - knotShare),
    halfLightRadius: diskRadius,
    sersicIndex: 1,
    axisRatio: random.uniform(shape.axisRatio[0], shape.axisRatio[1]),
    positionAngle,
    colour: drawColour(random, 'disk'),
    arms,
  };
  const body: SersicComponent[] = [disk];
  if (bulgeToTotal > 0) body.push(bulge(random, x, y, total * bulgeToTotal, diskRadius));
  if (shape.bar) body.push(barComponent(random, disk, total * barShare, barAngle, barLength));
  const components: LightComponent[] = [...body];
  if (arms && knotShare > 0)
    components.push(...knotsAlongArms(random, disk, arms, random.integer(6, 14), total * knotShare));
  return { components, parameters: summarise(components, { body, bulgeToTotal, armPitch: pitch }) };
}

/** A bar: a flat, shallow (n = 0.5) elongated profile along angle barAngle of the disk plane. */
function barComponent(
  random: SeededRandom,
  disk: SersicComponent,
  flux: number,
  barAngle: number,
  barLength: number,
): SersicComponent {
  return {
    kind: 'sersic',
    x: disk.x,
    y: disk.y,
    flux,
    halfLightRadius: barLength * 0.6,
    sersicIndex: 0.5,
    axisRatio: random.uniform(0.2, 0.32),
    positionAngle: disk.positionAngle + Math.atan2(Math.sin(barAngle) * disk.axisRatio, Math.cos(barAngle)),
    colour: drawColour(random, 'old'),
  };
}

/** The 3-class task's spiral: any pitch, any bulge, bluer than an elliptical. */
export const drawSpiral = (random: SeededRandom): GalaxyModel =>
  diskGalaxy(random, { bulgeToTotal: [0.08, 0.3], axisRatio: [0.5, 1], pitchDeg: [10, 32], knotShare: 0.1 });

export const drawBarredSpiral = (random: SeededRandom): GalaxyModel =>
  diskGalaxy(random, {
    bulgeToTotal: [0.1, 0.25],
    axisRatio: [0.75, 1],
    pitchDeg: [12, 28],
    bar: true,
    knotShare: 0.06,
  });

export const drawUnbarredTightSpiral = (random: SeededRandom): GalaxyModel =>
  diskGalaxy(random, { bulgeToTotal: [0.15, 0.35], axisRatio: [0.6, 1], pitchDeg: [7, 13], knotShare: 0.05 });

export const drawUnbarredLooseSpiral = (random: SeededRandom): GalaxyModel =>
  diskGalaxy(random, {
    bulgeToTotal: [0.03, 0.15],
    axisRatio: [0.6, 1],
    pitchDeg: [24, 38],
    knotShare: 0.12,
  });

export const drawEdgeOnNoBulge = (random: SeededRandom): GalaxyModel =>
  diskGalaxy(random, { bulgeToTotal: [0, 0], axisRatio: [0.08, 0.18] });

export const drawEdgeOnBulge = (random: SeededRandom): GalaxyModel =>
  diskGalaxy(random, { bulgeToTotal: [0.25, 0.5], axisRatio: [0.08, 0.18] });
