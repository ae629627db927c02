import { z } from 'zod';
import { RUN_ID_PATTERN, runIdSchema } from './run-id';

/*
 * The payloads between the workflow's states, defined once: the handlers parse them, the state graph
 * (workflows/definition.ts) builds them from these keys, the CLI and the local executor send and read
 * them. They carry URIs, never data (Step Functions limits a payload to 256 KB).
 */

/** A Zenodo record id as events carry it: digits, as a string or a number; always a string after parsing. */
export const zenodoRecordIdSchema = z
  .union([z.string().regex(/^\d+$/, 'must be a Zenodo record id (digits)'), z.number().int().positive()])
  .transform(String);

/** A store URI: `s3://bucket/prefix`, `file:///path` or a local folder. */
const storeUriSchema = z.string().min(1);

/** The execution input: what `cloud start`, the schedule, `npm start` and `run --config` send. */
export const executionInputSchema = z.object({
  /**
   * Zenodo record or concept record id; a concept resolves to its newest version. Absent for a run on
   * data the config names itself (simulated, or URIs).
   */
  recordId: zenodoRecordIdSchema.optional(),
  store: storeUriSchema,
  /**
   * The run config as the user wrote it; resolved once by ResolveRelease, hashed into the run id and
   * written to runs/<runId>/config.json. Absent or empty: the stack's default config, where set.
   */
  config: z.record(z.string(), z.unknown()).default({}),
  /** @default ZENODO_URL, else https://zenodo.org */
  zenodoUrl: z.string().url().optional(),
});
export type ExecutionInput = z.input<typeof executionInputSchema>;

/** One file of a release: everything ingest-file needs to fetch and verify it. */
export const releaseFileSchema = z.object({
  recordId: zenodoRecordIdSchema,
  key: z.string().min(1),
  size: z.number().int().nonnegative(),
  md5: z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex digits'),
  url: z.string().url(),
});
export type ReleaseFile = z.infer<typeof releaseFileSchema>;

/**
 * ResolveRelease's result, kept at `$.release`: the AlreadyTrained choice reads `upToDate`, Ingest its
 * `files` and `zenodoUrl`, Train `runId`, `store` and `members`, Publish all of it.
 */
export const releaseSchema = z.object({
  recordId: z.string().nullable(),
  conceptRecordId: z.string().nullable(),
  version: z.string().nullable(),
  runId: runIdSchema,
  upToDate: z.boolean(),
  store: storeUriSchema,
  /** Array children to train: ensemble members plus baselines (src/config/member-plan.ts). */
  members: z.number().int().positive(),
  files: z.array(releaseFileSchema),
  /** The Zenodo API the release was resolved from; Ingest downloads from the same one. */
  zenodoUrl: z.string().url(),
});
export type Release = z.infer<typeof releaseSchema>;

/** One item of the Ingest Map. */
export const ingestItemSchema = z.object({
  store: storeUriSchema,
  file: releaseFileSchema,
  zenodoUrl: z.string().url(),
});
export type IngestItem = z.input<typeof ingestItemSchema>;

/** One Ingest iteration's result, an element of `$.ingested`. */
export const ingestResultSchema = z.object({
  /** `raw/zenodo/<recordId>/<file key>` */
  key: z.string(),
  uri: z.string(),
  size: z.number().int().nonnegative(),
  md5: z.string(),
  /** `skipped`: the store already held these bytes (same md5), nothing was downloaded. */
  status: z.enum(['ingested', 'skipped']),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

/** What the Train state keeps of the finished Batch job, at `$.training`. */
export const trainingResultSchema = z.object({
  jobId: z.string(),
  jobName: z.string(),
  status: z.string(),
});

/**
 * The event of the evaluate and anomaly-report handlers: a run in a store, optionally one member (the
 * per-member Map passes the member index as a number) or `ensemble`.
 */
export const runEventSchema = z.object({
  runId: runIdSchema,
  store: storeUriSchema,
  // A member name is a key segment too (runs/<runId>/members/<m>), so it follows the run-id rule.
  member: z
    .union([z.string().regex(RUN_ID_PATTERN), z.number().int().min(0)])
    .transform(String)
    .optional(),
});
export type RunEvent = z.input<typeof runEventSchema>;

/** The evaluate handler's result: an element of `$.evaluation.members`, or `$.evaluation.ensemble`. */
export const evaluationResultSchema = z.object({
  runId: runIdSchema,
  member: z.string().nullable(),
  /** URIs of the eval documents written. */
  evalUris: z.array(z.string()),
  /** Headline numbers of the ensemble, for the notification; null for a single member. */
  hScore: z.number().nullable(),
  baselineHScore: z.number().nullable(),
});
export type EvaluationResult = z.infer<typeof evaluationResultSchema>;

/** The anomaly-report handler's result, at `$.report`. */
export const reportResultSchema = z.object({
  runId: runIdSchema,
  reportUri: z.string(),
  /** What the page says the reader should know, e.g. why there are no thumbnails. */
  notes: z.array(z.string()),
});
export type ReportResult = z.infer<typeof reportResultSchema>;

/** The Publish state's payload: what the run did, as the states reported it. */
export const publishEventSchema = z.object({
  release: releaseSchema,
  ingested: z.array(ingestResultSchema).default([]),
  training: trainingResultSchema,
  evaluation: z.object({ members: z.array(evaluationResultSchema), ensemble: evaluationResultSchema }),
  report: reportResultSchema,
  execution: z.object({ name: z.string(), startTime: z.string() }),
});
export type PublishEvent = z.infer<typeof publishEventSchema>;

/** The Publish handler's result, at `$.published`: the success notification's message. */
export const publishResultSchema = z.object({
  runId: runIdSchema,
  summaryUri: z.string(),
  /** Where the release marker went; absent when the run was not for a Zenodo concept record. */
  releaseStateUri: z.string().optional(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;
