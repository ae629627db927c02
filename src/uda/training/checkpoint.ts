import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ChecksumMismatchError, DataFormatError, DeepAstroError, NotFoundError } from '../../errors';
import { type Logger, silentLogger } from '../../logger';
import type { BlobStore } from '../../storage/blob-store';
import { RUN_ARTIFACT_TAGS, runLayout } from '../../run/run-layout';
import type { EarlyStoppingState } from '../early-stopping';
import { assertFitsRun, type CheckpointLimits } from './checkpoint-position';
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
  /** The TensorFlow.js backend that trained it. */
  readonly backend?: string;
}

const md5Schema = z.string().regex(/^[0-9a-f]{32}$/);
const sequenceSchema = z.strictObject({
  sequence: z.number().int().nonnegative(),
  /** md5 of each part, computed by the writer: the reader trusts no byte it cannot match. */
  md5: z.strictObject({ [STATE]: md5Schema, [ARRAYS]: md5Schema }),
});
type SequenceRef = z.infer<typeof sequenceSchema>;

/** The pointer names the latest sequence and the one before it, kept as the fallback. */
const pointerSchema = z.strictObject({
  format: z.literal(FORMAT),
  ...sequenceSchema.shape,
  previous: sequenceSchema.optional(),
});

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
  backend: z.string().optional(),
});

const sequencePrefix = (runId: string, member: number, sequence: number) =>
  `${runLayout.checkpointPrefix(runId, member)}/${String(sequence).padStart(6, '0')}`;
const pointerKey = (runId: string, member: number) =>
  `${runLayout.checkpointPrefix(runId, member)}/${POINTER}`;

/**
 * Writes a checkpoint under a fresh sequence folder, then the pointer `latest.json` last (naming the new
 * sequence and the previous one, with the md5 of every part), then deletes the sequence before the
 * previous: a reader always finds a complete checkpoint and a fallback, whenever the writer dies.
 * @returns the key of the new sequence folder
 */
export async function writeCheckpoint(
  store: BlobStore,
  runId: string,
  member: number,
  checkpoint: TrainingCheckpoint,
): Promise<string> {
  const key = pointerKey(runId, member);
  const pointer = await readPointer(store, key).catch(() => undefined); // a torn pointer is replaced
  const sequence = pointer === undefined ? 0 : pointer.sequence + 1;
  const prefix = sequencePrefix(runId, member, sequence);
  const { arrays, ...rest } = checkpoint;
  const { bytes, manifest } = packArrays(arrays);
  const tags = RUN_ARTIFACT_TAGS.checkpoint;
  const arraysInfo = await store.put(`${prefix}/${ARRAYS}`, bytes, {
    contentType: 'application/octet-stream',
    tags,
  });
  const stateInfo = await store.put(
    `${prefix}/${STATE}`,
    JSON.stringify({ format: FORMAT, ...rest, manifest }),
    {
      contentType: 'application/json',
      tags,
    },
  );
  const previous = pointer && { sequence: pointer.sequence, md5: pointer.md5 };
  const md5 = { [STATE]: stateInfo.md5 as string, [ARRAYS]: arraysInfo.md5 as string };
  await store.put(key, JSON.stringify({ format: FORMAT, sequence, md5, ...(previous && { previous }) }), {
    contentType: 'application/json',
    tags,
  });
  if (pointer?.previous !== undefined) {
    await deletePrefix(store, `${sequencePrefix(runId, member, pointer.previous.sequence)}/`);
  }
  return prefix;
}

export interface ReadCheckpointOptions {
  /** Positions a checkpoint of this run can hold; one outside them is refused. */
  readonly limits?: CheckpointLimits;
  /** Warned when the latest checkpoint is unusable and the previous one is read instead. */
  readonly logger?: Logger;
}

/**
 * The latest complete checkpoint of a member, or undefined when it has none. Each part must match the
 * md5 the pointer records and its position must fit the run; when the latest fails, the previous
 * checkpoint is read instead, with a warning.
 * @throws ChecksumMismatchError or DataFormatError when neither is usable
 */
export async function readLatestCheckpoint(
  store: BlobStore,
  runId: string,
  member: number,
  options: ReadCheckpointOptions = {},
): Promise<TrainingCheckpoint | undefined> {
  const key = pointerKey(runId, member);
  if (!(await store.exists(key))) return undefined;
  const pointer = await readPointer(store, key);
  try {
    return await readSequence(store, runId, member, pointer, options.limits);
  } catch (error) {
    if (!(error instanceof DeepAstroError) || pointer.previous === undefined) throw error;
    (options.logger ?? silentLogger).warn(
      {
        runId,
        member,
        sequence: pointer.sequence,
        fallback: pointer.previous.sequence,
        reason: error.message,
      },
      'latest checkpoint unusable; resuming from the previous one',
    );
    return readSequence(store, runId, member, pointer.previous, options.limits);
  }
}

async function readSequence(
  store: BlobStore,
  runId: string,
  member: number,
  ref: SequenceRef,
  limits: CheckpointLimits | undefined,
): Promise<TrainingCheckpoint> {
  const prefix = sequencePrefix(runId, member, ref.sequence);
  const stateBytes = await readVerified(store, `${prefix}/${STATE}`, ref.md5[STATE]);
  const stateUri = store.uriOf(`${prefix}/${STATE}`);
  const state = parseJson(stateSchema, Buffer.from(stateBytes).toString('utf8'), stateUri);
  const { manifest, format: _format, ...rest } = state;
  const arraysKey = `${prefix}/${ARRAYS}`;
  const arrays = unpackArrays(
    await readVerified(store, arraysKey, ref.md5[ARRAYS]),
    manifest,
    store.uriOf(arraysKey),
  );
  // The loose parts (epoch records, partial sums) were written by writeCheckpoint from these very types.
  const checkpoint = { ...(rest as unknown as Omit<TrainingCheckpoint, 'arrays'>), arrays };
  if (limits) assertFitsRun(checkpoint, limits, stateUri);
  return checkpoint;
}

async function readVerified(store: BlobStore, key: string, expectedMd5: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(key);
  } catch (error) {
    if (error instanceof NotFoundError) throw new DataFormatError(`${store.uriOf(key)}: missing`);
    throw error;
  }
  const md5 = createHash('md5').update(bytes).digest('hex');
  if (md5 !== expectedMd5) {
    throw new ChecksumMismatchError(
      `${store.uriOf(key)}: md5 ${md5}, but the checkpoint pointer recorded ${expectedMd5} when it was written`,
    );
  }
  return bytes;
}

async function readPointer(store: BlobStore, key: string): Promise<z.infer<typeof pointerSchema>> {
  return parseJson(pointerSchema, await store.getText(key), store.uriOf(key));
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
