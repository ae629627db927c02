import type { GalaxyModel, LensedSourceComponent, SersicComponent } from '../galaxy-model';
import type { SeededRandom } from '../seeded-random';
import { drawCentre, drawColour, drawFlux, summarise } from './components';
import { magnitudeToNanomaggies } from '../surveys';

/**
 * A strong gravitational lens: a compact red elliptical and, around it at the Einstein radius, the
 * blue arc or ring of a star-forming galaxy far behind. A source close to the optical axis gives a ring.
 */
export function drawLens(random: SeededRandom): GalaxyModel {
  const [x, y] = drawCentre(random);
  const lensGalaxy: SersicComponent = {
    kind: 'sersic',
    x,
    y,
    flux: drawFlux(random, 17.6, 18.8),
    halfLightRadius: random.uniform(0.3, 0.6),
    sersicIndex: random.uniform(3.5, 4.5),
    axisRatio: random.uniform(0.7, 1),
    positionAngle: random.uniform(0, Math.PI),
    colour: drawColour(random, 'old'),
  };
  const einsteinRadius = random.uniform(1.8, 3);
  const offset = einsteinRadius * random.uniform(0, 0.15);
  const direction = random.uniform(0, 2 * Math.PI);
  const source: LensedSourceComponent = {
    kind: 'lensed-source',
    x,
    y,
    einsteinRadius,
    sourceX: offset * Math.cos(direction),
    sourceY: offset * Math.sin(direction),
    sourceSigma: random.uniform(0.15, 0.3),
    flux: magnitudeToNanomaggies(random.uniform(20.6, 21.8)),
    colour: drawColour(random, 'background'),
  };
  const components = [lensGalaxy, source];
  return { components, parameters: summarise(components, { body: [lensGalaxy], einsteinRadius }) };
}
