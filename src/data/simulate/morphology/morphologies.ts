import type { GalaxyModel } from '../galaxy-model';
import type { SeededRandom } from '../seeded-random';
import type { SimulatedClass } from '../../tasks';
import { drawCigar, drawElliptical, drawInBetweenSmooth, drawRoundSmooth } from './smooth';
import {
  drawBarredSpiral,
  drawEdgeOnBulge,
  drawEdgeOnNoBulge,
  drawSpiral,
  drawUnbarredLooseSpiral,
  drawUnbarredTightSpiral,
} from './disks';
import { drawDisturbed, drawMerger, drawMerging } from './interacting';
import { drawLens } from './lens';

/** Draws one random galaxy of a morphological class: the class label is what is drawn, by construction. */
export const MORPHOLOGIES: Readonly<Record<SimulatedClass, (random: SeededRandom) => GalaxyModel>> = {
  elliptical: drawElliptical,
  spiral: drawSpiral,
  merger: drawMerger,
  lens: drawLens,
  round_smooth: drawRoundSmooth,
  in_between_smooth: drawInBetweenSmooth,
  cigar: drawCigar,
  edge_on_bulge: drawEdgeOnBulge,
  edge_on_no_bulge: drawEdgeOnNoBulge,
  barred_spiral: drawBarredSpiral,
  unbarred_tight_spiral: drawUnbarredTightSpiral,
  unbarred_loose_spiral: drawUnbarredLooseSpiral,
  disturbed: drawDisturbed,
  merging: drawMerging,
};
