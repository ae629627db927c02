import type { DataSourceInput, MethodName, RunConfig, RunConfigInput } from '../../src/config/run-config';
import type { TaskName } from '../../src/data/tasks';
import type { SurveyPair } from './pairs';

/**
 * One configuration the benchmark trains: a method plus the hyperparameters that differ from the
 * defaults. No method: the config's default, whatever it is now.
 */
export interface ScienceVariant {
  readonly method?: MethodName;
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  /** Data options that differ from the defaults. */
  readonly data?: Partial<Pick<RunConfig['data'], 'intensityMatch' | 'commonField'>>;
  /** What it is, for the report. */
  readonly description: string;
}

/** Both surveys as they are read: no intensity matching, no common field (as every run's baseline reads them). */
const AS_READ = { intensityMatch: 'none', commonField: 'none' } as const;

/**
 * The baselines, the methods as ALGORITHM.md writes them, and the candidate best configurations. Every
 * choice here is made from the spec and from source-side/unlabelled diagnostics, never from target labels.
 */
export const SCIENCE_VARIANTS = {
  default: {
    hyperparameters: {},
    description: 'the run config as a user gets it: the default method and hyperparameters',
  },
  none: {
    method: 'none',
    hyperparameters: {},
    data: AS_READ,
    description: 'one shared BN, source images only',
  },
  'source-only': {
    method: 'source-only',
    hyperparameters: {},
    data: AS_READ,
    description: "λ = 0 with domain-specific BN (AdaBN-like), the target as read (as a run's baseline)",
  },
  deepastro: {
    method: 'deepastro',
    hyperparameters: { selfSupervision: false, monitor: 'source-val-loss' },
    data: AS_READ,
    description:
      "the study's recipe: λ = 0.005, adaptive clustering with top-k rank statistics (k = 3 / 7), entropy separation (ρ = ln(K)/2; m = ρ/2, since the study's m ≥ ρ is refused as inert), the kept epoch by source validation loss",
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
    hyperparameters: { topK: 1, selfSupervision: false, monitor: 'source-val-loss' },
    description:
      'candidate: deepastro with m = ρ/2 and top-1 rank statistics (k = 1 gives the largest positive-pair share)',
  },
  'source-only-ssl': {
    method: 'source-only',
    hyperparameters: { selfSupervision: {} },
    description:
      'candidate: source-only plus target self-supervision (NT-Xent over two augmented views per domain, weight 1, T = 0.1)',
  },
  'deepastro-ssl': {
    method: 'deepastro',
    hyperparameters: { selfSupervision: {}, monitor: 'source-val-loss' },
    description:
      'deepastro plus target self-supervision (NT-Xent, weight 1, T = 0.1), the kept epoch by source validation loss: the 3-class default from issue 14 to run 16',
  },
  'default-histogram': {
    hyperparameters: {},
    data: { intensityMatch: 'histogram' },
    description:
      "the default with the target's pixel values always histogram-matched to the source's (data.intensityMatch)",
  },
  'default-unmatched': {
    hyperparameters: {},
    data: { intensityMatch: 'none' },
    description: 'the default with the target as read (the default before intensity matching)',
  },
  'default-target-field': {
    hyperparameters: {},
    data: { commonField: 'target' },
    description:
      "the default with the target brought to the source's field (data.commonField: a wider one cropped, a narrower one shrunk)",
  },
  'default-snd': {
    hyperparameters: { monitor: 'snd' },
    description:
      "the default with the kept epoch chosen by soft neighborhood density on the unlabelled target (hyperparameters.monitor 'snd') instead of the source validation loss",
  },
  'default-bimodality': {
    hyperparameters: { monitor: 'entropy-bimodality' },
    description:
      "the default with the kept epoch chosen by how cleanly the unlabelled target's prediction entropies split in two (Otsu's separability; hyperparameters.monitor 'entropy-bimodality'; the 3-class default since run 16)",
  },
  'default-val-loss': {
    hyperparameters: { monitor: 'source-val-loss' },
    description:
      'the default with the kept epoch chosen by the source validation loss (hyperparameters.monitor; the 3-class default before run 16, the 10-class default)',
  },
  'source-only-histogram': {
    method: 'source-only',
    hyperparameters: {},
    data: { intensityMatch: 'histogram' },
    description: "source-only with the target's pixel values histogram-matched to the source's",
  },
} as const satisfies Record<string, ScienceVariant>;
export type ScienceVariantName = keyof typeof SCIENCE_VARIANTS;
export const SCIENCE_VARIANT_NAMES = Object.keys(SCIENCE_VARIANTS) as ScienceVariantName[];

/** Candidate "best configurations", compared against source-only in the report. */
export const CANDIDATE_VARIANTS: readonly ScienceVariantName[] = [
  'ovanet',
  'deepastro-k1',
  'source-only-ssl',
  'deepastro-ssl',
  'default-histogram',
  'default-unmatched',
  'default-target-field',
  'default-snd',
  'default-bimodality',
  'default-val-loss',
  'source-only-histogram',
];

/** What a default run trains: the baseline and the adapted default, compared pair by pair. */
export const DEFAULT_VARIANTS: readonly ScienceVariantName[] = ['source-only', 'default'];

/** The regression head's comparison: the regression default method against source-only. */
export const REGRESSION_VARIANTS = ['source-only', 'mmd'] as const;
export type RegressionVariantName = (typeof REGRESSION_VARIANTS)[number];
/** The per-sample quantity the benchmark's regression head learns (examples/regression-half-light-radius.json). */
export const REGRESSION_TARGET = 'half_light_radius_arcsec';

/** Sizes of one benchmark case, all CPU-sized. */
export interface ScienceSizes {
  /** Galaxies per domain (source and target each). */
  readonly n: number;
  readonly maxEpochs: number;
  readonly batchSize: number;
  /** Initial learning rate, the same for every method. @default 0.001 (ALGORITHM.md) */
  readonly learningRate?: number;
}

/** A classification case (a science variant on a task) or a regression case (the half-light radius head). */
export type ScienceCase =
  | {
      readonly kind: 'classification';
      readonly pair: SurveyPair;
      readonly task: TaskName;
      readonly variant: ScienceVariantName;
      readonly seed: number;
      readonly sizes: ScienceSizes;
      /** Galaxy10-layout files standing in for the simulated surveys (pairs read through the real path). */
      readonly files?: { readonly source: string; readonly target: string };
    }
  | {
      readonly kind: 'regression';
      readonly pair: SurveyPair;
      readonly task: '3class';
      readonly variant: RegressionVariantName;
      readonly seed: number;
      readonly sizes: ScienceSizes;
      readonly files?: { readonly source: string; readonly target: string };
    };

/** The simulated data of a case, before any file stands in for it. */
export function simulatedData(scienceCase: ScienceCase): RunConfigInput['data'] {
  const { pair, sizes } = scienceCase;
  return {
    source: { kind: 'simulate', survey: pair.source, n: sizes.n },
    target: { kind: 'simulate', survey: pair.target, n: sizes.n },
    ...(pair.paired && { paired: true }),
  };
}

function caseData(scienceCase: ScienceCase): RunConfigInput['data'] {
  if (!scienceCase.files) return simulatedData(scienceCase);
  const file = (uri: string): DataSourceInput => ({ kind: 'uri', uri });
  return { source: file(scienceCase.files.source), target: file(scienceCase.files.target) };
}

/** The run config of one case: the pair's surveys, resnet-mini at 32 px on wasm, one member. */
export function caseConfig(scienceCase: ScienceCase): RunConfigInput {
  const variant: ScienceVariant =
    scienceCase.kind === 'regression'
      ? {
          method: scienceCase.variant,
          hyperparameters: {},
          // The baseline reads both surveys as they are, as a run's baseline does.
          ...(scienceCase.variant === 'source-only' && { data: AS_READ }),
          description: '',
        }
      : SCIENCE_VARIANTS[scienceCase.variant];
  const { maxEpochs, batchSize, learningRate } = scienceCase.sizes;
  return {
    task: scienceCase.task,
    data: { ...caseData(scienceCase), ...('data' in variant && variant.data) },
    model: { architecture: 'resnet-mini', imageSize: 32 },
    ...(variant.method !== undefined && { method: variant.method }),
    ...(scienceCase.kind === 'regression' && { regression: { target: REGRESSION_TARGET } }),
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
