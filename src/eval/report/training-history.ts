import { z } from 'zod';
import { DataFormatError } from '../../errors';

/** One epoch of history.json: the epoch number and any numeric losses or metrics beside it. */
const epochSchema = z.looseObject({ epoch: z.number() });
/** history.json is an array of epochs, or an object holding one under `epochs`. */
const historySchema = z.union([z.array(epochSchema), z.looseObject({ epochs: z.array(epochSchema) })]);

/** One value of one series at one epoch, in the long form the training-curve chart plots. */
export interface HistoryPoint {
  readonly epoch: number;
  readonly series: string;
  readonly value: number;
}

/** Parses a member's history.json into finite numeric points; other fields are ignored. */
export function parseTrainingHistory(text: string, origin: string): HistoryPoint[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new DataFormatError(`${origin}: not JSON`, { cause });
  }
  const parsed = historySchema.safeParse(json);
  if (!parsed.success) {
    throw new DataFormatError(`${origin}: expected an array of {epoch, ...numbers} (or {epochs: [...]})`);
  }
  const epochs = Array.isArray(parsed.data) ? parsed.data : parsed.data.epochs;
  return epochs.flatMap((row) =>
    Object.entries(row)
      .filter(([name, value]) => name !== 'epoch' && typeof value === 'number' && Number.isFinite(value))
      .map(([series, value]) => ({ epoch: row.epoch, series, value: value as number })),
  );
}
