import { TrainingError } from '../errors';

/** Whether a smaller or a larger monitored value is better. */
export type MonitorMode = 'min' | 'max';

/** Early stopping as plain numbers, for a checkpoint. */
export interface EarlyStoppingState {
  readonly mode: MonitorMode;
  readonly patience: number;
  readonly minDelta: number;
  /** -1 before the first epoch. */
  readonly bestEpoch: number;
  /** null before the first finite value. */
  readonly bestValue: number | null;
  readonly lastEpoch: number;
}

export interface EarlyStoppingDecision {
  /** This epoch is the best so far: save its weights as the best model. */
  readonly improved: boolean;
  /** Patience ran out: stop and restore the best weights. */
  readonly stop: boolean;
}

/**
 * Stops after `patience` epochs without improvement of a monitored value (ALGORITHM.md: 12 epochs;
 * source validation loss, min, by default; SND, max, as an unsupervised option). A non-finite value
 * never counts as an improvement.
 */
export class EarlyStopping {
  private state: EarlyStoppingState;

  constructor(options: { mode: MonitorMode; patience?: number; minDelta?: number }) {
    const patience = options.patience ?? 12;
    const minDelta = options.minDelta ?? 0;
    if (!Number.isInteger(patience) || patience < 1) {
      throw new TrainingError(`patience must be an integer ≥ 1, got ${patience}`);
    }
    if (!(minDelta >= 0)) throw new TrainingError(`minDelta must be ≥ 0, got ${minDelta}`);
    this.state = { mode: options.mode, patience, minDelta, bestEpoch: -1, bestValue: null, lastEpoch: -1 };
  }

  static fromState(state: EarlyStoppingState): EarlyStopping {
    const stopping = new EarlyStopping(state);
    stopping.state = { ...state };
    return stopping;
  }

  get bestEpoch(): number {
    return this.state.bestEpoch;
  }

  get bestValue(): number | undefined {
    return this.state.bestValue ?? undefined;
  }

  /** Epochs since the best one (or since the start when none was finite). */
  get epochsWithoutImprovement(): number {
    return this.state.lastEpoch - this.state.bestEpoch;
  }

  /** Records the monitored value of a finished epoch (0-based, increasing). */
  update(epoch: number, value: number): EarlyStoppingDecision {
    if (!(epoch > this.state.lastEpoch)) {
      throw new TrainingError(`early stopping got epoch ${epoch} after epoch ${this.state.lastEpoch}`);
    }
    const improved = Number.isFinite(value) && this.isBetter(value);
    this.state = improved
      ? { ...this.state, bestEpoch: epoch, bestValue: value, lastEpoch: epoch }
      : { ...this.state, lastEpoch: epoch };
    return { improved, stop: this.epochsWithoutImprovement >= this.state.patience };
  }

  getState(): EarlyStoppingState {
    return { ...this.state };
  }

  private isBetter(value: number): boolean {
    const best = this.state.bestValue;
    if (best === null) return true;
    return this.state.mode === 'min'
      ? value < best - this.state.minDelta
      : value > best + this.state.minDelta;
  }
}
