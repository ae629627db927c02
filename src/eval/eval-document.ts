import { z } from 'zod';
import { DataFormatError } from '../errors';
import { UNKNOWN_SCORE_NAMES } from './scored-predictions';

/**
 * The version of eval/<member>.json and eval/ensemble.json this code writes and reads. 3: adds
 * `calibratedMixture` and the knnScore and clusterScore names; 4: the rankScore name.
 */
export const EVAL_SCHEMA_VERSION = 4;

const rate = z.number().min(0).max(1).nullable();
const scoreName = z.enum(UNKNOWN_SCORE_NAMES);

const calibratedDecision = z.object({
  threshold: z.number().nullable(),
  knownAccuracy: rate,
  unknownRecall: rate,
  hScore: rate,
});

const classificationSchema = z.object({
  sourceAccuracy: rate,
  targetClosedSetAccuracy: rate,
  perClassRecall: z.record(z.string(), rate),
  meanPerClassAccuracy: rate,
  knownAccuracy: rate,
  unknownRecall: rate,
  hScore: rate,
  confusion: z.object({ labels: z.array(z.string()), counts: z.array(z.array(z.number().int().min(0))) }),
  unknownScores: z.partialRecord(scoreName, z.object({ auroc: rate, aupr: rate, sourceErrorAuroc: rate })),
  bestScore: z.object({ name: scoreName, sourceErrorAuroc: rate, reason: z.string() }),
  /** Per score: the threshold calibrated on the target's own scores (Otsu) and the decisions it gives. */
  calibrated: z.partialRecord(scoreName, calibratedDecision),
  /** The same with a two-component Gaussian mixture's threshold (schema version 3 on). */
  calibratedMixture: z.partialRecord(scoreName, calibratedDecision),
});

const regressionDomain = z.object({
  n: z.number().int(),
  mae: z.number().nullable(),
  rmse: z.number().nullable(),
  bias: z.number().nullable(),
});

const clusteringSchema = z.object({
  clustered: z.number().int(),
  k: z.number().int(),
  silhouette: z.number().nullable(),
  silhouetteByK: z.record(z.string(), z.number().nullable()),
  sizes: z.array(z.number().int()),
  purity: rate,
  nmi: rate,
  labelledCount: z.number().int(),
});

/** The metrics of one member or ensemble (ALGORITHM.md, "Metrics"). */
export const metricsSchema = z.object({
  /** Member name, "ensemble", or a baseline method's name for that baseline's members. */
  subject: z.string(),
  members: z.array(z.string()),
  method: z.string().nullable(),
  role: z.enum(['adapted', 'baseline']),
  classNames: z.array(z.string()),
  /** The fixed ρ: entropy above it is "unknown" in hScore, unknownRecall and the confusion matrix. */
  unknownThreshold: z.number(),
  counts: z.object({ source: z.number().int(), target: z.number().int(), targetLabelled: z.number().int() }),
  classification: classificationSchema.nullable(),
  regression: z
    .object({
      source: regressionDomain,
      target: regressionDomain,
      /** The target's galaxies of the source's classes (regressionSummary); absent in older documents. */
      targetKnownClasses: regressionDomain.optional(),
    })
    .nullable(),
  clustering: clusteringSchema.nullable(),
});
export type Metrics = z.infer<typeof metricsSchema>;

export const evalDocumentSchema = z.object({
  schemaVersion: z.literal(EVAL_SCHEMA_VERSION),
  runId: z.string(),
  createdAt: z.string(),
  metrics: metricsSchema,
  /** Each baseline method the run trained, on its own (source-only, none), to compare with. */
  baselines: z.array(metricsSchema),
});
export type EvalDocument = z.infer<typeof evalDocumentSchema>;

/** Validates an eval JSON read from storage; `origin` names it in the error. */
export function parseEvalDocument(text: string, origin: string): EvalDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new DataFormatError(`${origin}: not JSON`, { cause });
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== EVAL_SCHEMA_VERSION) {
    throw new DataFormatError(
      `${origin}: written by another version of deepastro-uda (schemaVersion ${version}, this one reads ${EVAL_SCHEMA_VERSION}): run \`deepastro-uda evaluate --run <run>\` again`,
    );
  }
  const parsed = evalDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataFormatError(`${origin}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
