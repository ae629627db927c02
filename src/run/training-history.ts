import { z } from 'zod';

/**
 * history.json of one member: written by the trainer (src/uda/training/member-outputs.ts), read by the
 * report (src/eval/report/training-history.ts) in another process, possibly a Lambda. JSON has no
 * NaN or Infinity, so every number here is finite.
 */

/** End-of-epoch metrics; none uses target labels except targetValAccuracy, on a split the user supplies. */
export const validationMetricsSchema = z.object({
  sourceValLoss: z.number(),
  sourceValAccuracy: z.number().nullable(),
  sourceValMae: z.number().optional(),
  sourceValRmse: z.number().optional(),
  /** Soft neighborhood density on unlabelled target data (monitor 'snd'). */
  snd: z.number().optional(),
  /** Otsu's separability of the target's prediction entropies (monitor 'entropy-bimodality'). */
  entropyBimodality: z.number().optional(),
  /** Share of the target its most predicted class takes (a target monitor); above 0.9 the epoch is not kept. */
  targetLargestClassShare: z.number().min(0).max(1).optional(),
  targetValAccuracy: z.number().optional(),
});
export type ValidationMetrics = Readonly<z.infer<typeof validationMetricsSchema>>;

/** One epoch. Timing fields (seconds, imagesPerSecond) are the only ones a resume may change. */
export const epochRecordSchema = z.object({
  epoch: z.number().int().min(0),
  learningRate: z.number(),
  steps: z.number().int().min(0),
  /** Source plus target images pushed through the model in training. */
  images: z.number().min(0),
  seconds: z.number().min(0),
  imagesPerSecond: z.number().min(0),
  /** Mean over the epoch's steps of the minimized total and of each unweighted term (ce or mse, cluster, …). */
  losses: z.record(z.string(), z.number()),
  /** Mean over steps of each diagnostic, e.g. positivePairShare of adaptive clustering. */
  diagnostics: z.record(z.string(), z.number()),
  /** Source training accuracy (classification) over the epoch. */
  sourceTrainAccuracy: z.number().nullable(),
  validation: validationMetricsSchema,
  /** The early-stopping quantity and its value this epoch. */
  monitor: z.object({ name: z.string(), value: z.number(), improved: z.boolean() }),
});
export type EpochRecord = Readonly<z.infer<typeof epochRecordSchema>>;

export const trainingHistorySchema = z.object({
  runId: z.string(),
  member: z.number().int().min(0),
  method: z.string(),
  backend: z.string(),
  seed: z.number().int(),
  memberSeed: z.string(),
  monitor: z.string(),
  epochs: z.array(epochRecordSchema),
  /** Epoch (0-based) whose weights were kept; -1 when none could be kept (NO_EPOCH_KEPT_REASON): the final weights. */
  bestEpoch: z.number().int().min(-1),
  /** Why training ended: early stopping or the epoch budget. */
  stopReason: z.enum(['early-stopping', 'max-epochs']),
});
export type TrainingHistory = Readonly<z.infer<typeof trainingHistorySchema>>;

/** Why a history's bestEpoch is -1: a target monitor refused every epoch (src/uda/training/target-monitors.ts). */
export const NO_EPOCH_KEPT_REASON = 'every one collapsed onto one class';
