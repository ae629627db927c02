import { z } from 'zod';
import { DataFormatError, NotFoundError } from '../errors';
import type { BlobStore } from '../storage/blob-store';
import { runLayout } from '../run/run-layout';

/** `state/releases/<conceptRecordId>.json`: the last release of a concept that was trained, and how. */
export const ReleaseStateSchema = z
  .object({
    conceptRecordId: z.string(),
    recordId: z.string().nullable(),
    runId: z.string(),
    version: z.string().optional(),
    trainedAt: z.string(),
  })
  // The publish step adds fields of its own (e.g. summaryKey); they are kept, not rejected.
  .loose();
export type ReleaseState = z.infer<typeof ReleaseStateSchema>;

/** The stored state for a concept, or undefined when none of its releases has been trained. */
export async function readReleaseState(
  store: BlobStore,
  conceptRecordId: string,
): Promise<ReleaseState | undefined> {
  const key = runLayout.releaseState(conceptRecordId);
  let text: string;
  try {
    text = await store.getText(key);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
  const parsed = ReleaseStateSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new DataFormatError(
      `${store.uriOf(key)}: not a release state file: ${parsed.error.issues[0]?.message}`,
    );
  }
  return parsed.data;
}

/** Records that `runId` trained `recordId`, so the next resolution of this concept reports up to date. */
export async function markReleaseTrained(
  store: BlobStore,
  release: { conceptRecordId: string; recordId: string; runId: string; version?: string },
  trainedAt: Date = new Date(),
): Promise<ReleaseState> {
  const state: ReleaseState = { ...release, trainedAt: trainedAt.toISOString() };
  await store.put(runLayout.releaseState(release.conceptRecordId), JSON.stringify(state, null, 2), {
    contentType: 'application/json',
  });
  return state;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
