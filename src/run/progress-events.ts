import { z } from 'zod';
import { TARGET_MONITORS } from '../config/run-config-schema';

/*
 * Progress of a run as typed events. A trainer child writes its events, one JSON line each, to the file
 * descriptor its parent names in PROGRESS_FD_VARIABLE (the local executor does; Batch does not, and the
 * cloud trainer only logs); the parent parses each line with trainerProgressEventSchema.
 */

/** The environment variable naming the trainer's progress file descriptor (e.g. "3"). */
export const PROGRESS_FD_VARIABLE = 'DEEPASTRO_PROGRESS_FD';

const member = z.number().int().min(0);

/** What a trainer child reports: each finished epoch, and the end of the member. */
export const trainerProgressEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('epoch'),
    member,
    /** 0-based. */
    epoch: z.number().int().min(0),
    maxEpochs: z.number().int().min(1),
    /** Mean of each loss term over the epoch, and `total`. */
    losses: z.record(z.string(), z.number()),
    sourceValLoss: z.number(),
    sourceValAccuracy: z.number().nullable(),
    /**
     * Where a monitor of the unlabelled target keeps the epoch: its value (null where it could not be
     * computed) and whether the epoch is the best so far (never one it refuses as collapsed).
     */
    targetMonitor: z
      .object({ name: z.enum(TARGET_MONITORS), value: z.number().nullable(), best: z.boolean() })
      .optional(),
    imagesPerSecond: z.number(),
  }),
  z.object({
    kind: z.literal('member-finished'),
    member,
    status: z.enum(['finished', 'already-finished']),
    /** 0-based; -1 when a finished member is only reported done. */
    bestEpoch: z.number().int().min(-1),
  }),
]);
export type TrainerProgressEvent = z.infer<typeof trainerProgressEventSchema>;

/** Everything the local workflow reports to a person watching: states entered, and the trainers' events. */
export type WorkflowProgressEvent =
  | { readonly kind: 'state-entered'; readonly state: string }
  | {
      readonly kind: 'state-failed';
      readonly state: string;
      readonly event: 'StateRetried' | 'StateCaught' | 'StateFailed';
      readonly error?: string;
    }
  | TrainerProgressEvent;

/** One event as the line a trainer writes. */
export function encodeProgressEvent(event: TrainerProgressEvent): string {
  return `${JSON.stringify(trainerProgressEventSchema.parse(event))}\n`;
}

/** The event of one line, or undefined for a line that is not one (never thrown: progress is advisory). */
export function decodeProgressEvent(line: string): TrainerProgressEvent | undefined {
  try {
    const parsed = trainerProgressEventSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
