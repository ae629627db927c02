import type { RunTaskName } from '../data/tasks';
import type { DataSource } from './data-source';
import type { ParsedRunConfig } from './run-config-schema';
import type { IntensityMatch } from '../data/harmonize/histogram-match';
import type { CommonField } from '../data/harmonize/common-field';
import type { Architecture, MethodName, Monitor } from './run-config-schema';

type Hyperparameters = ParsedRunConfig['hyperparameters'];

/** Hyperparameters after defaults: the task- and class-dependent ones are numbers now. */
export interface ResolvedHyperparameters extends Omit<
  Hyperparameters,
  'lrStepEpochs' | 'rho' | 'margin' | 'topK' | 'separationWeight' | 'monitor'
> {
  readonly monitor: Monitor;
  /** λ unless configured. */
  readonly separationWeight: number;
  readonly lrStepEpochs: number;
  /** ln(K)/2 unless configured. */
  readonly rho: number;
  /** ρ/2 unless configured; always < ρ. */
  readonly margin: number;
  readonly topK: number;
}

/**
 * A run config with every default applied and every rule checked: what resolveConfig returns, what is
 * written to runs/<runId>/config.json, and what configHash hashes. Feeding it to resolveConfig again
 * returns an equal config.
 */
export interface RunConfig {
  readonly task: RunTaskName;
  readonly data: {
    readonly source: DataSource;
    readonly target: DataSource;
    readonly targetValidation?: DataSource;
    /** Source and target image one simulated galaxy population. */
    readonly paired?: true;
    /** How the target's pixel values are brought to the source's (run-config-schema.ts). */
    readonly intensityMatch: IntensityMatch;
    /** Whether a target on another field is brought to the source's (run-config-schema.ts). */
    readonly commonField: CommonField;
    readonly validationFraction: number;
    readonly testFraction: number;
  };
  /** Class lists per domain; K = classes.source.length. The DA setting follows from them (daSetting). */
  readonly classes: { readonly source: readonly string[]; readonly target: readonly string[] };
  readonly model: {
    readonly architecture: Architecture;
    readonly imageSize: number;
    readonly init?: string;
  };
  readonly method: MethodName;
  readonly hyperparameters: ResolvedHyperparameters;
  readonly ensemble: { readonly members: number; readonly baselines: readonly MethodName[] };
  readonly seed: number;
  readonly backend: ParsedRunConfig['backend'];
  /** See the schema: `pixelScale` names the arcsec-per-pixel column an angular quantity is learned in pixels with. */
  readonly regression?: { readonly target: string; readonly pixelScale?: string | false };
}
