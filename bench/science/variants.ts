import type { MethodName, RunConfigInput } from '../../src/config/run-config';
import type { TaskName } from '../../src/data/tasks';

/** One configuration the benchmark trains: a method plus the hyperparameters that differ from the defaults. */
export interface ScienceVariant {
  readonly method: MethodName;
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  /** What it is, for the report. */
  readonly description: string;
}

/**
 * The baselines, the methods as ALGORITHM.md writes them, and the candidate best configurations. Every
 * choice here is made from the spec and from source-side/unlabelled diagnostics, never from target labels.
 */
export const SCIENCE_VARIANTS = {
  none: { method: 'none', hyperparameters: {}, description: 'one shared BN, source images only' },
  'source-only': {
    method: 'source-only',
    hyperparameters: {},
    description: 'λ = 0 with domain-specific BN (AdaBN-like)',
  },
  deepastro: {
    method: 'deepastro',
    hyperparameters: {},
    description:
      "the study's recipe: λ = 0.005, adaptive clustering with top-k rank statistics (k = 3 / 7), entropy separation (ρ = ln(K)/2; m = ρ/2, since the study's m ≥ ρ is refused as inert)",
  },
  dance: {
    method: 'dance',
    hyperparameters: { clustering: 'neighborhood' },
    description: 'DANCE: neighborhood clustering + entropy separation, each weighted η = 0.05',
  },
  ovanet: {
    method: 'ovanet',
    hyperparameters: {},
    description: 'OVANet: one-vs-all head, threshold-free OVA unknown score (candidate)',
  },
  'deepastro-k1': {
    method: 'deepastro',
    hyperparameters: { topK: 1 },
    description:
      'candidate: deepastro with m = ρ/2 and top-1 rank statistics (k = 1 gives the largest positive-pair share)',
  },
} as const satisfies Record<string, ScienceVariant>;
export type ScienceVariantName = keyof typeof SCIENCE_VARIANTS;
export const SCIENCE_VARIANT_NAMES = Object.keys(SCIENCE_VARIANTS) as ScienceVariantName[];

/** Candidate "best configurations", compared against source-only in the report. */
export const CANDIDATE_VARIANTS: readonly ScienceVariantName[] = ['ovanet', 'deepastro-k1'];

/** Sizes of one benchmark case, all CPU-sized. */
export interface ScienceSizes {
  /** Galaxies per domain (source and target each). */
  readonly n: number;
  readonly maxEpochs: number;
  readonly batchSize: number;
  /** Initial learning rate, the same for every method. @default 0.001 (ALGORITHM.md) */
  readonly learningRate?: number;
}

export interface ScienceCase {
  readonly task: TaskName;
  readonly variant: ScienceVariantName;
  readonly seed: number;
  readonly sizes: ScienceSizes;
}

/** The run config of one case: simulated sdss → decals, resnet-mini at 32 px on wasm, one member. */
export function caseConfig(scienceCase: ScienceCase): RunConfigInput {
  const variant: ScienceVariant = SCIENCE_VARIANTS[scienceCase.variant];
  const { n, maxEpochs, batchSize, learningRate } = scienceCase.sizes;
  return {
    task: scienceCase.task,
    data: {
      source: { kind: 'simulate', survey: 'sdss', n },
      target: { kind: 'simulate', survey: 'decals', n },
    },
    model: { architecture: 'resnet-mini', imageSize: 32 },
    method: variant.method,
    hyperparameters: {
      batchSize,
      maxEpochs,
      ...(learningRate !== undefined && { learningRate }),
      ...variant.hyperparameters,
    },
    ensemble: { members: 1, baselines: [] },
    seed: scienceCase.seed,
    backend: 'wasm',
  } as RunConfigInput;
}
