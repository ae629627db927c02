import { z } from 'zod';
import { PROPORTIONS } from '../data/simulate/class-counts';
import { STRETCH_KINDS, SURVEY_NAMES } from '../data/simulate/surveys';
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

/** Changes to a named survey's instrument (src/data/simulate/instrument.ts), one shift at a time. */
export const instrumentChangesSchema = z.strictObject({
  /** Arcsec per pixel. */
  pixelScale: z.number().positive().optional(),
  /** Cutout side on the sky, arcsec, resampled to the image size. */
  fieldOfView: z.number().positive().optional(),
  /** Median r-band PSF FWHM, arcsec. */
  psfFwhm: z.number().positive().optional(),
  psfProfile: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('gaussian') }),
      /** beta > 1, or the profile holds infinite flux. */
      z.strictObject({ kind: z.literal('moffat'), beta: z.number().gt(1).max(20) }),
    ])
    .optional(),
  /** Factor on every band's photons per nanomaggy: 4 halves the sky noise relative to the signal. */
  depth: z.number().positive().optional(),
  stretch: z.enum(STRETCH_KINDS).optional(),
  /** Surface brightness mapped to full white, nmgy/arcsec^2. */
  stretchMaximum: z.number().positive().optional(),
  /** Surface brightness at which pixels saturate, nmgy/arcsec^2. */
  saturation: z.number().positive().optional(),
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
  /** Changes to the named survey's instrument. */
  instrument: instrumentChangesSchema.optional(),
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
