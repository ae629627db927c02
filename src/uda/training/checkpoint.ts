import { z } from 'zod';
import { DataFormatError } from '../../errors';
import type { BlobStore } from '../../storage/blob-store';
import { RUN_ARTIFACT_TAGS, runLayout } from '../../run/run-layout';
import type { EarlyStoppingState } from '../early-stopping';
import type { EpochTotals } from './epoch-totals';
import { packArrays, packEntrySchema, unpackArrays, type NamedArrays } from './tensor-pack';
import type { EpochRecord, TrainingPosition } from './types';

const FORMAT = 'deepastro-uda-checkpoint/1';
const POINTER = 'latest.json';
const STATE = 'state.json';
const ARRAYS = 'arrays.bin';

/**
 * Everything needed to continue training exactly where it stopped. Arrays are grouped by name prefix:
 * `model/…` (weights and BN running statistics), `best/…` (the best epoch's weights), `optimizer/…`
 * (momentum buffers), `bank/source`, `bank/target`. No generator state: randomness derives from
 * (seed, member, epoch, step).
 */
export interface TrainingCheckpoint {
  /** The next step to run. */
  readonly position: TrainingPosition;
  readonly arrays: NamedArrays;
  readonly optimizer: { readonly learningRate: number; readonly step: number };
  readonly bankMomentum: Readonly<Record<string, number>>;
  readonly earlyStopping: EarlyStoppingState;
  readonly epochs: readonly EpochRecord[];
  /** Sums of the epoch in progress (a checkpoint written mid-epoch). */
  readonly partialEpoch?: EpochTotals;
  /** Set once training has ended; only the outputs remain to be written. */
  readonly stopReason?: 'early-stopping' | 'max-epochs';
}

const pointerSchema = z.strictObject({ format: z.literal(FORMAT), sequence: z.number().int().nonnegative() });

const stateSchema = z.strictObject({
  format: z.literal(FORMAT),
  position: z.strictObject({ epoch: z.number().int().min(0), step: z.number().int().min(0) }),
  manifest: z.array(packEntrySchema),
  optimizer: z.strictObject({ learningRate: z.number(), step: z.number().int() }),
  bankMomentum: z.record(z.string(), z.number()),
  earlyStopping: z.strictObject({
    mode: z.enum(['min', 'max']),
    patience: z.number().int(),
    minDelta: z.number(),
    bestEpoch: z.number().int(),
    bestValue: z.number().nullable(),
    lastEpoch: z.number().int(),
  }),
  epochs: z.array(z.looseObject({ epoch: z.number().int() })),
  partialEpoch: z.looseObject({ steps: z.number().int() }).optional(),
  stopReason: z.enum(['early-stopping', 'max-epochs']).optional(),
});

const sequencePrefix = (runId: string, member: number, sequence: number) =>
  `${runLayout.checkpointPrefix(runId, member)}/${String(sequence).padStart(6, '0')}`;

/**
 * Writes a checkpoint under a fresh sequence folder, then the pointer `latest.json` last, then deletes the
 * previous sequence: a reader always finds a complete checkpoint, whenever the writer dies.
 * @returns the key of the new sequence folder
 */
export async function writeCheckpoint(
  store: BlobStore,
  runId: string,
  member: number,
  checkpoint: TrainingCheckpoint,
): Promise<string> {
  const pointerKey = `${runLayout.checkpointPrefix(runId, member)}/${POINTER}`;
  const previous = await readPointer(store, pointerKey);
  const sequence = previous === undefined ? 0 : previous + 1;
  const prefix = sequencePrefix(runId, member, sequence);
  const { arrays, ...rest } = checkpoint;
  const { bytes, manifest } = packArrays(arrays);
  const tags = RUN_ARTIFACT_TAGS.checkpoint;
  await store.put(`${prefix}/${ARRAYS}`, bytes, { contentType: 'application/octet-stream', tags });
  await store.put(`${prefix}/${STATE}`, JSON.stringify({ format: FORMAT, ...rest, manifest }), {
    contentType: 'application/json',
    tags,
  });
  await store.put(pointerKey, JSON.stringify({ format: FORMAT, sequence }), {
    contentType: 'application/json',
    tags,
  });
  if (previous !== undefined) await deletePrefix(store, `${sequencePrefix(runId, member, previous)}/`);
  return prefix;
}

/** The latest complete checkpoint of a member, or undefined when it has none. */
export async function readLatestCheckpoint(
  store: BlobStore,
  runId: string,
  member: number,
): Promise<TrainingCheckpoint | undefined> {
  const sequence = await readPointer(store, `${runLayout.checkpointPrefix(runId, member)}/${POINTER}`);
  if (sequence === undefined) return undefined;
  const prefix = sequencePrefix(runId, member, sequence);
  const state = parseJson(
    stateSchema,
    await store.getText(`${prefix}/${STATE}`),
    store.uriOf(`${prefix}/${STATE}`),
  );
  const { manifest, format: _format, ...rest } = state;
  const arrays = unpackArrays(
    await store.get(`${prefix}/${ARRAYS}`),
    manifest,
    store.uriOf(`${prefix}/${ARRAYS}`),
  );
  // The loose parts (epoch records, partial sums) were written by writeCheckpoint from these very types.
  return { ...(rest as unknown as Omit<TrainingCheckpoint, 'arrays'>), arrays };
}

async function readPointer(store: BlobStore, key: string): Promise<number | undefined> {
  if (!(await store.exists(key))) return undefined;
  return parseJson(pointerSchema, await store.getText(key), store.uriOf(key)).sequence;
}

function parseJson<T>(schema: z.ZodType<T>, text: string, origin: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataFormatError(`${origin}: not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataFormatError(
      `${origin}: not a checkpoint written by this version: ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data;
}

async function deletePrefix(store: BlobStore, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  await Promise.all(keys.map((key) => store.delete(key)));
}
