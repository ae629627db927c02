import { z } from 'zod';
import { INTENSITY_MATCHES } from '../data/harmonize/histogram-match';
import { COMMON_FIELDS } from '../data/harmonize/common-field';
import { RUN_TASK_NAMES } from '../data/tasks';
import { ARCHITECTURES, type Architecture } from '../model/types';
import { BACKEND_PREFERENCES } from '../runtime/backend-preferences';
import { dataSourceSchema } from './data-source';

export const METHOD_NAMES = ['none', 'source-only', 'deepastro', 'dance', 'ovanet', 'mmd'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** Methods that apply to a regression task (entropy separation and clustering do not). */
export const REGRESSION_METHODS: readonly MethodName[] = ['none', 'source-only', 'mmd'];

export { ARCHITECTURES, type Architecture };

/** Feature dimension d of each backbone (the input of the classifier and of rank statistics). */
export const FEATURE_DIMS: Readonly<Record<Architecture, number>> = {
  'resnet-mini': 64,
  resnet18: 512,
  resnet50: 2048,
};

/** The backends of src/runtime; backend-preferences.ts does not load TensorFlow.js. */
export const BACKENDS = BACKEND_PREFERENCES;

export const MONITORS = ['source-val-loss', 'snd', 'entropy-bimodality', 'target-val-accuracy'] as const;
export type Monitor = (typeof MONITORS)[number];

/** The monitors computed on the unlabelled target set (src/uda/training/target-monitors.ts). */
export const TARGET_MONITORS = ['snd', 'entropy-bimodality'] as const satisfies readonly Monitor[];
export type TargetMonitor = (typeof TARGET_MONITORS)[number];

export function isTargetMonitor(monitor: string): monitor is TargetMonitor {
  return (TARGET_MONITORS as readonly string[]).includes(monitor);
}

const className = z.string().min(1);
const positive = z.number().positive();
const weight = z.number().min(0);

const hyperparametersSchema = z.strictObject({
  learningRate: positive.default(0.001),
  momentum: z.number().min(0).lt(1).default(0.9),
  weightDecay: weight.default(5e-4),
  batchSize: z.number().int().min(2).default(32),
  maxEpochs: z.number().int().min(1).default(60),
  /** Step decay every this many epochs; 7 for 3class, 10 for 10class. */
  lrStepEpochs: z.number().int().min(1).optional(),
  lrGamma: z.number().positive().max(1).default(0.1),
  patience: z.number().int().min(1).default(12),
  /**
   * What picks the kept epoch. The target monitors (no labels): `snd`, the soft neighborhood density,
   * and `entropy-bimodality`, Otsu's separability of the prediction entropies (how cleanly the target
   * splits into confident and uncertain galaxies). Neither keeps an epoch that puts more than 90 % of
   * the target in one class. SND prefers near-uniform early epochs on the benchmark (run 15b);
   * `entropy-bimodality` suits the 3-class tasks, not the 10-class ones (runs 15c, 15d, 16). Default:
   * `entropy-bimodality` for `deepastro` on the 3-class tasks, `source-val-loss` otherwise
   * (run-config.ts).
   */
  monitor: z.enum(MONITORS).optional(),
  lambda: weight.default(0.005),
  /** Weight of entropy separation in `deepastro`; λ unless set (ALGORITHM.md: all weights are options). */
  separationWeight: weight.optional(),
  eta: weight.default(0.05),
  temperature: positive.default(0.05),
  /** Entropy threshold ρ; ln(K)/2 by default. */
  rho: positive.optional(),
  /** Entropy-separation margin m < ρ; ρ/2 by default. */
  margin: z.number().min(0).optional(),
  /** k of the rank statistics; 3 for 3class, 7 for 10class. */
  topK: z.number().int().min(1).optional(),
  /** μ of the memory-bank update M[i] ← normalize(μ·M[i] + (1−μ)·f_i). */
  memoryMomentum: z.number().min(0).lt(1).default(0.5),
  clustering: z.enum(['adaptive', 'neighborhood']).default('adaptive'),
  classBalancedSampling: z.boolean().default(false),
  ovaSourceWeight: weight.default(0.5),
  openEntropyWeight: weight.default(0.1),
  mmdBandwidths: z.array(positive).min(1).default([0.125, 0.25, 0.5, 1, 2]),
  augment: z.boolean().default(true),
  /**
   * Target self-supervision: an NT-Xent contrastive loss between two augmented views of each image, on
   * both domains, weighted by `weight`, at similarity temperature `temperature`; `false` for none. On by
   * default for `deepastro` on the 3-class tasks (the science benchmark's best), off on the 10-class
   * tasks and for every other method unless given.
   * `projectionHead: true`: the loss compares the outputs of a projection head (SimCLR's d → d → 128
   * MLP, trained with it and used nowhere else) instead of the backbone features themselves.
   */
  selfSupervision: z
    .union([
      z.strictObject({
        weight: weight.default(1),
        temperature: positive.default(0.1),
        projectionHead: z.boolean().optional(),
      }),
      z.literal(false),
    ])
    .optional(),
});

/** The run config as a user writes it: everything but the data has a default. */
export const runConfigSchema = z.strictObject({
  /** Supplies the class lists and per-task defaults. */
  task: z.enum(RUN_TASK_NAMES).default('3class'),
  data: z.strictObject({
    source: dataSourceSchema,
    target: dataSourceSchema,
    /** A labelled target validation split, only where the user has one (monitor target-val-accuracy). */
    targetValidation: dataSourceSchema.optional(),
    /**
     * Both simulated domains image one galaxy population (same galaxies, same order), so source and
     * target differ in instrument only. Needs simulated source and target.
     */
    paired: z.boolean().optional(),
    /**
     * `histogram`: each target channel's pixel values are mapped to the source's distribution
     * (histogram matching, from pixels only) before training and prediction, which undoes a stretch
     * difference (linear against asinh, white level, sky offset) between the surveys. `none`: as read.
     * `auto` (default): `histogram` where the two surveys' pixel distributions are far apart
     * (src/data/harmonize/histogram-match.ts, AUTO_MATCH_DISTANCE), else `none`.
     */
    intensityMatch: z.enum(INTENSITY_MATCHES).default('auto'),
    /**
     * `target`: where both surveys know each image's arcsec per pixel and the target's field on the sky
     * differs from the source's by more than 10 %, the target is brought to the source's field (a wider
     * one cropped, a narrower one shrunk and framed by its mirrored border), so a model pixel spans the
     * same arcsec in both (src/data/harmonize/common-field.ts). `none`: as read. Default: `target` with
     * a regression head (a size in pixels is what another pixel scale breaks), `none` for
     * classification (measured mixed there, bench/science.md).
     */
    commonField: z.enum(COMMON_FIELDS).optional(),
    /** Fractions of the source set held out for validation (early stopping) and test. */
    validationFraction: z.number().gt(0).lt(0.5).default(0.15),
    testFraction: z.number().gt(0).lt(0.5).default(0.15),
  }),
  classes: z
    .strictObject({ source: z.array(className).min(2), target: z.array(className).min(1) })
    .optional(),
  model: z
    .strictObject({
      architecture: z.enum(ARCHITECTURES).optional(),
      imageSize: z.number().int().min(16).max(256).optional(),
      /** Initial weights (a saved model's URI); random init otherwise, as in the study. */
      init: z.string().min(1).optional(),
    })
    .prefault({}),
  method: z.enum(METHOD_NAMES).optional(),
  hyperparameters: hyperparametersSchema.prefault({}),
  ensemble: z
    .strictObject({
      members: z.number().int().min(1).max(64).optional(),
      /**
       * Baselines trained beside the method with the same data, seed and budget (ALGORITHM.md), one
       * extra array child each; `source-only` by default, none when the method is itself a baseline.
       */
      baselines: z.array(z.enum(METHOD_NAMES)).max(4).optional(),
    })
    .prefault({}),
  seed: z.number().int().min(0).default(42),
  backend: z.enum(BACKENDS).default('auto'),
  /** Train a regression head on this per-sample quantity (e.g. the simulator's half-light radius in arcsec). */
  regression: z
    .strictObject({
      target: z.string().min(1),
      /**
       * The per-sample arcsec-per-pixel column the quantity is divided by while it is learned (a size
       * in pixels, what the network sees), and multiplied back by for each image's prediction; false to
       * learn the quantity as it is. Default: `pixel_scale_arcsec` for a target named `*_arcsec`.
       */
      pixelScale: z.union([z.string().min(1), z.literal(false)]).optional(),
    })
    .optional(),
});

export type RunConfigInput = z.input<typeof runConfigSchema>;
export type ParsedRunConfig = z.output<typeof runConfigSchema>;
