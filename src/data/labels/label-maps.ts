/**
 * Named label maps for files that do not name their classes. The two public Galaxy10 files number
 * different class lists in different orders, so a file's labels are read through one of these, chosen
 * by the data source's `labels` field or detected from the file's layout (detect-label-map.ts), never
 * guessed from the number of labels.
 */

/** One class of a label map: the project's class id and the name the file's authors published. */
export interface LabelClass {
  /** The class id used in configs and class maps (snake case; shared ids mean the same morphology). */
  readonly id: string;
  /** The published name, exactly as the dataset's authors list it. */
  readonly name: string;
}

export interface LabelMap {
  /** Where the list comes from. */
  readonly title: string;
  /** Index i is label i in the file. */
  readonly classes: readonly LabelClass[];
}

/**
 * Galaxy10 DECaLS (Zenodo record 10845026, `Galaxy10_DECals.h5`), labels 0..9 in the published order.
 * The simulator's 10-class task uses these ids in this order, so simulated and real files agree.
 */
const GALAXY10_DECALS: LabelMap = {
  title: 'Galaxy10 DECaLS (Zenodo 10845026, Galaxy10_DECals.h5)',
  classes: [
    { id: 'disturbed', name: 'Disturbed' },
    { id: 'merging', name: 'Merging' },
    { id: 'round_smooth', name: 'Round Smooth' },
    { id: 'in_between_smooth', name: 'In-between Round Smooth' },
    { id: 'cigar', name: 'Cigar Shaped Smooth' },
    { id: 'barred_spiral', name: 'Barred Spiral' },
    { id: 'unbarred_tight_spiral', name: 'Unbarred Tight Spiral' },
    { id: 'unbarred_loose_spiral', name: 'Unbarred Loose Spiral' },
    { id: 'edge_on_no_bulge', name: 'Edge-on without Bulge' },
    { id: 'edge_on_bulge', name: 'Edge-on with Bulge' },
  ],
};

/**
 * Galaxy10 SDSS (Zenodo record 10844811, `Galaxy10.h5`), labels 0..9 in the published order. Classes
 * that are the same morphology as a DECaLS class share its id; the face-on spirals do not, because
 * SDSS grades them by arm tightness only, with barred and unbarred discs together.
 */
const GALAXY10_SDSS: LabelMap = {
  title: 'Galaxy10 SDSS (Zenodo 10844811, Galaxy10.h5)',
  classes: [
    { id: 'face_on_no_spiral', name: 'Disk, Face-on, No Spiral' },
    { id: 'round_smooth', name: 'Smooth, Completely round' },
    { id: 'in_between_smooth', name: 'Smooth, in-between round' },
    { id: 'cigar', name: 'Smooth, Cigar shaped' },
    { id: 'edge_on_bulge', name: 'Disk, Edge-on, Rounded Bulge' },
    { id: 'edge_on_boxy_bulge', name: 'Disk, Edge-on, Boxy Bulge' },
    { id: 'edge_on_no_bulge', name: 'Disk, Edge-on, No Bulge' },
    { id: 'face_on_tight_spiral', name: 'Disk, Face-on, Tight Spiral' },
    { id: 'face_on_medium_spiral', name: 'Disk, Face-on, Medium Spiral' },
    { id: 'face_on_loose_spiral', name: 'Disk, Face-on, Loose Spiral' },
  ],
};

export const LABEL_MAPS = {
  'galaxy10-decals': GALAXY10_DECALS,
  'galaxy10-sdss': GALAXY10_SDSS,
} as const satisfies Record<string, LabelMap>;

export type LabelMapName = keyof typeof LABEL_MAPS;
export const LABEL_MAP_NAMES = Object.keys(LABEL_MAPS) as [LabelMapName, ...LabelMapName[]];

/** The class ids of a label map, in label order. */
export function labelMapIds(name: LabelMapName): string[] {
  return LABEL_MAPS[name].classes.map((entry) => entry.id);
}
