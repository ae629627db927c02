import { trainingHistorySchema, type TrainingHistory as StoredHistory } from '../../run/training-history';
import { DataFormatError } from '../../errors';

/** A member's history.json and the member folder's name. */
export type TrainingHistory = StoredHistory & { readonly name: string };

/** Parses a member's history.json; `name` is the member folder's name, `origin` names the file in errors. */
export function parseTrainingHistory(text: string, name: string, origin: string): TrainingHistory {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new DataFormatError(`${origin}: not JSON`, { cause });
  }
  const parsed = trainingHistorySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataFormatError(`${origin}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { ...parsed.data, name };
}

/** What a reader wants to know about how a member trained, in one table row. */
export interface RunFacts {
  readonly member: string;
  readonly method: string;
  readonly backend: string;
  readonly epochs: number;
  /** 1-based, as the CLI prints it; null when no epoch improved. */
  readonly keptEpoch: number | null;
  readonly stopReason: string;
  /** Training images per second over the whole run. */
  readonly imagesPerSecond: number | null;
  readonly wallSeconds: number;
  readonly learningRates: string;
}

const STOP_REASONS = {
  'early-stopping': 'early stopping',
  'max-epochs': 'epoch budget spent',
} as const;

/** The run-facts row of one member: backend, speed, wall time, kept epoch, why it stopped. */
export function runFacts(history: TrainingHistory): RunFacts {
  const seconds = history.epochs.reduce((sum, e) => sum + e.seconds, 0);
  const images = history.epochs.reduce((sum, e) => sum + e.images, 0);
  const rates = [...new Set(history.epochs.map((e) => e.learningRate))];
  return {
    member: history.name,
    method: history.method,
    backend: history.backend,
    epochs: history.epochs.length,
    keptEpoch: history.bestEpoch >= 0 ? history.bestEpoch + 1 : null,
    stopReason: STOP_REASONS[history.stopReason],
    imagesPerSecond: seconds > 0 ? images / seconds : null,
    wallSeconds: seconds,
    learningRates: rates.map((r) => r.toExponential(0)).join(' → '),
  };
}
