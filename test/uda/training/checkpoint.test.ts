import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ChecksumMismatchError, DataFormatError } from '../../../src/errors';
import { openStore } from '../../../src/storage/open-store';
import { runLayout } from '../../../src/run/run-layout';
import {
  readLatestCheckpoint,
  writeCheckpoint,
  type TrainingCheckpoint,
} from '../../../src/uda/training/checkpoint';
import { temporaryFolder } from './train-fixtures';

function checkpointAt(epoch: number, step: number): TrainingCheckpoint {
  return {
    position: { epoch, step },
    arrays: {
      'model/stem/conv/kernel': { shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, epoch]) },
      'bank/target': { shape: [2, 1], values: Float32Array.from([0.5, -0.5]) },
    },
    optimizer: { learningRate: 0.001, step: 4 * epoch + step },
    bankMomentum: { target: 0.5 },
    earlyStopping: {
      mode: 'min',
      patience: 12,
      minDelta: 0,
      bestEpoch: epoch - 1,
      bestValue: 0.25,
      lastEpoch: epoch - 1,
    },
    epochs: [],
    ...(step > 0 && {
      partialEpoch: {
        steps: step,
        images: 32,
        sourceSamples: 16,
        correct: 9,
        seconds: 1.5,
        lossSums: { ce: 0.1 + 0.2 },
        diagnosticSums: {},
      },
    }),
  };
}

async function keysUnder(store: ReturnType<typeof openStore>, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  return keys;
}

test('a member without a checkpoint reads as none', async () => {
  expect(await readLatestCheckpoint(openStore(temporaryFolder()), 'run', 0)).toBeUndefined();
});

test('the latest checkpoint reads back exactly; the previous sequence is kept as the fallback, the one before is deleted', async () => {
  const store = openStore(temporaryFolder());
  await writeCheckpoint(store, 'run', 2, checkpointAt(1, 0));
  const second = await writeCheckpoint(store, 'run', 2, checkpointAt(1, 3));
  const third = await writeCheckpoint(store, 'run', 2, checkpointAt(2, 0));

  expect(await readLatestCheckpoint(store, 'run', 2)).toEqual(checkpointAt(2, 0));
  const prefix = runLayout.checkpointPrefix('run', 2);
  expect((await keysUnder(store, prefix)).sort()).toEqual(
    [
      `${prefix}/latest.json`,
      `${second}/arrays.bin`,
      `${second}/state.json`,
      `${third}/arrays.bin`,
      `${third}/state.json`,
    ].sort(),
  );
});

test('a damaged pointer is a DataFormatError naming the object', async () => {
  const store = openStore(temporaryFolder());
  await writeCheckpoint(store, 'run', 0, checkpointAt(2, 0));
  const pointer = `${runLayout.checkpointPrefix('run', 0)}/latest.json`;
  await store.put(pointer, JSON.stringify({ format: 'something else' }));
  const read = readLatestCheckpoint(store, 'run', 0);
  await expect(read).rejects.toThrow(DataFormatError);
  await expect(read).rejects.toThrow(`${pointer}: not a checkpoint written by this version`);
});

/** A checkpoint whose position and records agree: `epoch` epochs done, `step` steps into the next. */
function consistentAt(epoch: number, step: number): TrainingCheckpoint {
  const base = checkpointAt(epoch, step);
  const records = Array.from(
    { length: epoch },
    (_, i) => ({ epoch: i }) as TrainingCheckpoint['epochs'][number],
  );
  return { ...base, epochs: records };
}

function warnings(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()),
  });
  return { logger: pino({ level: 'warn' }, sink), lines };
}

const limits = { maxEpochs: 3 };

describe('a damaged latest checkpoint, changed behind the store', () => {
  const damage: [string, (bytes: Buffer) => Buffer][] = [
    ['one flipped byte', (bytes) => Buffer.from(bytes.map((b, i) => (i === 5 ? b ^ 0x40 : b)))],
    ['NaNs of the same size', (bytes) => Buffer.from(new Float32Array(bytes.length / 4).fill(NaN).buffer)],
    ['zeros of the same size', (bytes) => Buffer.alloc(bytes.length)],
    ['a truncated file', (bytes) => bytes.subarray(0, bytes.length - 3)],
  ];

  it.each(damage)(
    '%s in arrays.bin: the md5 check refuses it and the previous checkpoint is read, with a warning',
    async (_what, change) => {
      const folder = temporaryFolder();
      const store = openStore(folder);
      await writeCheckpoint(store, 'run', 0, consistentAt(1, 0));
      const latest = await writeCheckpoint(store, 'run', 0, consistentAt(2, 0));
      const file = join(folder, `${latest}/arrays.bin`);
      writeFileSync(file, change(readFileSync(file)));
      const log = warnings();

      const read = await readLatestCheckpoint(store, 'run', 0, { limits, logger: log.logger });

      expect(read).toEqual(consistentAt(1, 0));
      expect(log.lines).toHaveLength(1);
      expect(log.lines[0]).toMatchObject({
        msg: 'latest checkpoint unusable; resuming from the previous one',
        sequence: 1,
        fallback: 0,
      });
      expect(String(log.lines[0].reason)).toMatch(
        /arrays.bin: (md5 [0-9a-f]{32}, but the checkpoint pointer recorded|)/,
      );
    },
  );

  it('with no previous checkpoint, a damaged one is a ChecksumMismatchError naming the object', async () => {
    const folder = temporaryFolder();
    const store = openStore(folder);
    const only = await writeCheckpoint(store, 'run', 0, consistentAt(1, 0));
    const file = join(folder, `${only}/state.json`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"epoch":1', '"epoch":99'));
    const read = readLatestCheckpoint(store, 'run', 0, { limits });
    await expect(read).rejects.toThrow(ChecksumMismatchError);
    await expect(read).rejects.toThrow(`${only}/state.json: md5`);
  });

  it('a position the run cannot reach is refused even with matching md5s', async () => {
    const store = openStore(temporaryFolder());
    await writeCheckpoint(store, 'run', 0, consistentAt(99, 0));
    await expect(readLatestCheckpoint(store, 'run', 0, { limits })).rejects.toThrow(
      /position epoch 99 is past hyperparameters.maxEpochs 3/,
    );
    const other = openStore(temporaryFolder());
    await writeCheckpoint(other, 'run', 0, { ...consistentAt(2, 0), epochs: [] });
    await expect(readLatestCheckpoint(other, 'run', 0, { limits })).rejects.toThrow(
      /0 epoch records for position epoch 2/,
    );
    await expect(readLatestCheckpoint(other, 'run', 0)).resolves.toBeDefined(); // no limits: no check
  });
});
