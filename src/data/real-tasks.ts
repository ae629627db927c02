import type { ClassMap } from './labels/class-map';
import { labelMapIds, type LabelMapName } from './labels/label-maps';

/**
 * The built-in tasks on the two public Galaxy10 files (README, "Training on the real surveys"): their
 * class lists, and each file's class map into them. Why each class goes where it does is written out
 * in the README; the short reasons are below.
 */
export const REAL_TASKS = {
  /**
   * The study's 3-class task: source {elliptical, spiral}; the target adds merger, the unknown.
   * Elliptical: the round and in-between smooth classes (cigar-shaped smooth galaxies are left out:
   * many are edge-on discs). Spiral: every face-on spiral class (SDSS grades arms, DECaLS bars).
   * Merger: DECaLS's Merging only (Disturbed galaxies are not all mergers).
   */
  'galaxy10-3class': {
    source: ['elliptical', 'spiral'],
    target: ['elliptical', 'spiral', 'merger'],
    classMaps: {
      'galaxy10-sdss': {
        round_smooth: 'elliptical',
        in_between_smooth: 'elliptical',
        face_on_tight_spiral: 'spiral',
        face_on_medium_spiral: 'spiral',
        face_on_loose_spiral: 'spiral',
      },
      'galaxy10-decals': {
        round_smooth: 'elliptical',
        in_between_smooth: 'elliptical',
        barred_spiral: 'spiral',
        unbarred_tight_spiral: 'spiral',
        unbarred_loose_spiral: 'spiral',
        merging: 'merger',
      },
    },
  },
  /**
   * Open-partial 10-class: every class of each file. The five morphologies both files define alike
   * share an id (label-maps.ts); SDSS's face-on spirals (graded by arms, barred or not), face-on
   * discs without spiral and boxy bulges are source-private; DECaLS's disturbed, merging and its
   * barred/unbarred spirals are target-private (the unknowns).
   */
  'galaxy10-10class': {
    source: labelMapIds('galaxy10-sdss'),
    target: labelMapIds('galaxy10-decals'),
    classMaps: {
      'galaxy10-sdss': identity('galaxy10-sdss'),
      'galaxy10-decals': identity('galaxy10-decals'),
    },
  },
} as const satisfies Record<
  string,
  {
    source: readonly string[];
    target: readonly string[];
    classMaps: Readonly<Record<LabelMapName, ClassMap>>;
  }
>;

export type RealTaskName = keyof typeof REAL_TASKS;

function identity(name: LabelMapName): ClassMap {
  return Object.fromEntries(labelMapIds(name).map((id) => [id, id]));
}
