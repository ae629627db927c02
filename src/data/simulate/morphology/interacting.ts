import type { BlobComponent, GalaxyModel, LightComponent, SersicComponent } from '../galaxy-model';
import type { SeededRandom } from '../seeded-random';
import { drawCentre, drawColour, drawFlux, summarise, tidalTail } from './components';

/** One partner of an interaction: a compact red nucleus in a bluer envelope. Returns [nucleus, envelope]. */
function partner(
  random: SeededRandom,
  x: number,
  y: number,
  flux: number,
): [SersicComponent, SersicComponent] {
  const nucleusShare = random.uniform(0.35, 0.55);
  const nucleus: SersicComponent = {
    kind: 'sersic',
    x,
    y,
    flux: flux * nucleusShare,
    halfLightRadius: random.uniform(0.25, 0.5),
    sersicIndex: random.uniform(2.5, 4),
    axisRatio: random.uniform(0.7, 1),
    positionAngle: random.uniform(0, Math.PI),
    colour: drawColour(random, 'old'),
  };
  const envelope: SersicComponent = {
    kind: 'sersic',
    x,
    y,
    flux: flux * (1 - nucleusShare),
    halfLightRadius: random.uniform(0.8, 1.4),
    sersicIndex: 1,
    axisRatio: random.uniform(0.5, 1),
    positionAngle: random.uniform(0, Math.PI),
    colour: drawColour(random, 'disk'),
  };
  return [nucleus, envelope];
}

/**
 * Two galaxies `separation` arcsec apart with a tidal tail each, flung out in opposite senses as the
 * pair orbits: two distinct nuclei. `envelopeShare` adds a common halo for pairs already coalescing.
 */
function interactingPair(
  random: SeededRandom,
  separation: readonly [number, number],
  envelopeShare: number,
): GalaxyModel {
  const [cx, cy] = drawCentre(random);
  const total = drawFlux(random);
  const s = random.uniform(separation[0], separation[1]);
  const axis = random.uniform(0, 2 * Math.PI);
  const ratio = random.uniform(0.45, 1);
  const tailShare = random.uniform(0.1, 0.2);
  const pairFlux = total * (1 - tailShare - envelopeShare);
  const [dx, dy] = [(s / 2) * Math.cos(axis), (s / 2) * Math.sin(axis)];
  const primary = partner(random, cx + dx, cy + dy, pairFlux / (1 + ratio));
  const secondary = partner(random, cx - dx, cy - dy, (pairFlux * ratio) / (1 + ratio));
  const sense = random.chance(0.5) ? 1 : -1;
  const tailColour = drawColour(random, 'disk');
  const tails: BlobComponent[] = [primary[0], secondary[0]].flatMap((nucleus, i) =>
    tidalTail(
      random,
      {
        x: nucleus.x,
        y: nucleus.y,
        angle: axis + (i === 0 ? 0 : Math.PI) + sense * random.uniform(0.3, 0.8),
        length: random.uniform(2, 3.5),
        bend: sense * random.uniform(0.8, 1.6),
        flux: (total * tailShare) / 2,
      },
      tailColour,
    ),
  );
  const components: LightComponent[] = [...primary, ...secondary, ...tails];
  if (envelopeShare > 0) components.push(commonEnvelope(random, cx, cy, s, total * envelopeShare, axis));
  return { components, parameters: summarise(components, { body: primary, nucleusSeparation: s }) };
}

function commonEnvelope(
  random: SeededRandom,
  x: number,
  y: number,
  size: number,
  flux: number,
  axis: number,
): SersicComponent {
  return {
    kind: 'sersic',
    x,
    y,
    flux,
    halfLightRadius: size,
    sersicIndex: 1,
    axisRatio: random.uniform(0.5, 0.8),
    positionAngle: axis,
    colour: drawColour(random, 'disk'),
  };
}

/** The 3-class task's merger (the unknown class of the target survey). */
export const drawMerger = (random: SeededRandom): GalaxyModel => interactingPair(random, [2.2, 3.6], 0);

/** Galaxy10 "merging": closer pairs, already sharing a diffuse envelope. */
export const drawMerging = (random: SeededRandom): GalaxyModel => interactingPair(random, [1.8, 2.8], 0.12);

/**
 * Galaxy10 "disturbed": one galaxy, one nucleus, but lopsided: the nucleus off the disk's centre,
 * star-forming clumps on one side and a short plume.
 */
export function drawDisturbed(random: SeededRandom): GalaxyModel {
  const [cx, cy] = drawCentre(random);
  const total = drawFlux(random);
  const side = random.uniform(0, 2 * Math.PI);
  const [nucleus, envelope] = partner(random, cx, cy, total * 0.62);
  const disk: SersicComponent = { ...envelope, x: cx + 0.6 * Math.cos(side), y: cy + 0.6 * Math.sin(side) };
  const clumps: BlobComponent[] = [];
  const clumpCount = random.integer(3, 6);
  for (let i = 0; i < clumpCount; i++) {
    const angle = side + random.normal(0, 0.6);
    const distance = random.uniform(0.8, 2.2);
    clumps.push({
      kind: 'blob',
      x: cx + distance * Math.cos(angle),
      y: cy + distance * Math.sin(angle),
      flux: (total * 0.22) / clumpCount,
      sigma: random.uniform(0.2, 0.45),
      colour: drawColour(random, 'young'),
    });
  }
  const plume = tidalTail(
    random,
    {
      x: cx,
      y: cy,
      angle: side + Math.PI,
      length: random.uniform(1.5, 2.5),
      bend: random.normal(0, 0.8),
      flux: total * 0.16,
    },
    drawColour(random, 'disk'),
  );
  const components: LightComponent[] = [nucleus, disk, ...clumps, ...plume];
  return { components, parameters: summarise(components, { body: [nucleus, disk] }) };
}
