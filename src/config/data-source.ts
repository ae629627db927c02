import { z } from 'zod';
import { PROPORTIONS } from '../data/simulate/class-counts';
import { SURVEY_NAMES } from '../data/simulate/surveys';
import { LABEL_MAP_NAMES } from '../data/labels/label-maps';

/** How a file's images reach the model input (src/data/harmonize/harmonization.ts). */
const harmonizeSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('angular'),
    /** The crop's side on the sky, in arcsec. */
    fieldArcsec: z.number().positive(),
    /** Arcsec per pixel of every image; without it, the file's per-image `pxscale` dataset. */
    pixelScale: z.number().positive().optional(),
  }),
  z.strictObject({
    mode: z.literal('frame'),
    /** The crop's side as a fraction of the frame's shorter side. */
    fraction: z.number().gt(0).max(4),
  }),
]);

/** What a file source may say about its labels and its images. */
const fileFields = {
  /** The label map of a file that does not name its classes; detected from the layout where unambiguous. */
  labels: z.enum(LABEL_MAP_NAMES).optional(),
  /** File class → task class; unmapped file classes are dropped. A galaxy10-* task supplies its own. */
  classMap: z.record(z.string().min(1), z.string().min(1)).optional(),
  /** Crop and resample to the model input; a Galaxy10 label map supplies a preset. */
  harmonize: harmonizeSchema.optional(),
};

const uriSource = z.strictObject({
  kind: z.literal('uri'),
  /** A Galaxy10-style HDF5 file, .npy pair or image folder: `file://…`, `s3://…` or a local path. */
  uri: z.string().min(1),
  ...fileFields,
});

const simulatedSource = z.strictObject({
  kind: z.literal('simulate'),
  survey: z.enum(SURVEY_NAMES),
  /** Number of galaxies. */
  n: z.number().int().min(10),
  /** Image side in pixels; defaults to model.imageSize and must equal it. */
  size: z.number().int().min(16).max(256).optional(),
  /** Defaults to the run seed plus a per-role offset, so source and target differ. */
  seed: z.number().int().min(0).optional(),
  /** Class counts: equal, or in Galaxy10's proportions. */
  proportions: z.enum(PROPORTIONS).default('balanced'),
});

const zenodoSource = z.strictObject({
  kind: z.literal('zenodo'),
  /** A Zenodo record id, or a concept record id (the newest version is used). */
  record: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).transform(String),
  /** File name inside the record. */
  file: z.string().min(1),
  ...fileFields,
});

/** The fields every file source (uri, zenodo) may carry about its labels and images. */
export type FileSourceFields = Partial<z.output<z.ZodObject<typeof fileFields>>>;

/** Where one domain's images come from. */
export const dataSourceSchema = z.discriminatedUnion('kind', [uriSource, simulatedSource, zenodoSource]);
export type DataSourceInput = z.input<typeof dataSourceSchema>;

/** A data source after defaults: simulated sources carry their size and seed. */
export type DataSource =
  | z.output<typeof uriSource>
  | z.output<typeof zenodoSource>
  | (Omit<z.output<typeof simulatedSource>, 'size' | 'seed'> & {
      readonly size: number;
      readonly seed: number;
    });
