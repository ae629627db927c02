import type { GalaxyModel, SersicComponent } from '../galaxy-model';
import type { SeededRandom } from '../seeded-random';
import { drawCentre, drawColour, drawFlux, summarise } from './components';

interface SmoothShape {
  /** Sersic index range. */
  readonly index: readonly [number, number];
  /** Axis-ratio range. */
  readonly axisRatio: readonly [number, number];
  /** Half-light radius range, arcsec (log-uniform). */
  readonly radius: readonly [number, number];
}

/** One red Sersic profile: the smooth, featureless early types differ only in index and flattening. */
function smoothGalaxy(random: SeededRandom, shape: SmoothShape): GalaxyModel {
  const [x, y] = drawCentre(random);
  const body: SersicComponent = {
    kind: 'sersic',
    x,
    y,
    flux: drawFlux(random),
    halfLightRadius: random.logUniform(shape.radius[0], shape.radius[1]),
    sersicIndex: random.uniform(shape.index[0], shape.index[1]),
    axisRatio: random.uniform(shape.axisRatio[0], shape.axisRatio[1]),
    positionAngle: random.uniform(0, Math.PI),
    colour: drawColour(random, 'old'),
  };
  return { components: [body], parameters: summarise([body], { body: [body] }) };
}

/** de Vaucouleurs-like elliptical (n about 4), round to moderately flattened. */
export const drawElliptical = (random: SeededRandom): GalaxyModel =>
  smoothGalaxy(random, { index: [3.3, 4.8], axisRatio: [0.6, 1], radius: [0.7, 2.2] });

export const drawRoundSmooth = (random: SeededRandom): GalaxyModel =>
  smoothGalaxy(random, { index: [3, 5], axisRatio: [0.82, 1], radius: [0.7, 2.2] });

export const drawInBetweenSmooth = (random: SeededRandom): GalaxyModel =>
  smoothGalaxy(random, { index: [2.5, 4.5], axisRatio: [0.5, 0.75], radius: [0.8, 2.4] });

/** Cigar-shaped: a strongly flattened smooth body with a shallower profile. */
export const drawCigar = (random: SeededRandom): GalaxyModel =>
  smoothGalaxy(random, { index: [1.5, 3], axisRatio: [0.2, 0.36], radius: [1, 2.6] });
