import { z } from 'zod';
import { PROPORTIONS } from '../data/simulate/class-counts';
import { SURVEY_NAMES } from '../data/simulate/surveys';

const uriSource = z.strictObject({
  kind: z.literal('uri'),
  /** A Galaxy10-style HDF5 file, .npy pair or image folder: `file://…`, `s3://…` or a local path. */
  uri: z.string().min(1),
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
});

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
