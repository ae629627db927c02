import { z } from 'zod';

/** Run ids are key segments: letters, digits, dot, dash, underscore. */
const runId = z.string().regex(/^[A-Za-z0-9._-]+$/, 'runId may hold only letters, digits, ".", "-" and "_"');

/** A Zenodo record id as events carry it: digits, as a string or a number; always a string after parsing. */
export const zenodoRecordIdSchema = z
  .union([z.string().regex(/^\d+$/, 'must be a Zenodo record id (digits)'), z.number().int().positive()])
  .transform(String);

/**
 * The event of the evaluate and anomaly-report handlers: a run in a store, optionally one member (the
 * workflow's per-member Map passes the member index as a number).
 */
export const runEventSchema = z.object({
  runId,
  store: z.string().min(1),
  member: z
    .union([z.string().regex(/^[A-Za-z0-9._-]+$/), z.number().int().min(0)])
    .transform(String)
    .optional(),
});
export type RunEvent = z.infer<typeof runEventSchema>;
