import type { RunConfig } from '../../config/run-config';
import type { Dataset } from '../../data/dataset';
import { stratifiedSplit } from '../../data/split';
import { classCounts, subset } from '../../data/subset';
import { DataFormatError } from '../../errors';
import type { Logger } from '../../logger';
import type { BlobStore } from '../../storage/blob-store';
import { datasetFingerprint } from '../../data/dataset-fingerprint';
import { intensityMatchOf, withMatchedIntensities } from '../../data/harmonize/histogram-match';
import { commonFieldOf, withCommonField } from '../../data/harmonize/common-field';
import { loadDataSource, pairedPopulationOf } from '../../data/load-data-source';
import {
  learnedQuantity,
  pixelScaleColumnOf,
  regressionColumn,
  regressionTargetsFor,
  type RegressionTargets,
} from './regression-targets';

export type { RegressionTargets } from './regression-targets';

/** The data of one training run, split and ready for batching. */
export interface TrainingData {
  /** The classifier's outputs: the source class list. */
  readonly classNames: readonly string[];
  /** Train, validation and test parts of the source set; `index` maps each part's rows back to the source set. */
  readonly sourceTrain: Dataset;
  readonly sourceValidation: Dataset;
  readonly sourceTest: Dataset;
  readonly sourceTestIndex: Int32Array;
  /** Every target sample (labels follow the target class list and are used for reporting only). */
  readonly target: Dataset;
  /** A labelled target split the user supplies (monitor 'target-val-accuracy'). */
  readonly targetValidation?: Dataset;
  /** n_k of the source training split, for the class weights of the cross-entropy. */
  readonly sourceClassCounts: readonly number[];
  readonly regression?: RegressionTargets;
  /** datasetFingerprint of source and target as loaded, recorded in the predictions. */
  readonly fingerprints: { readonly source: string; readonly target: string };
}

/**
 * Loads source and target as the config says, applies the class lists (target classes outside the
 * source list are the unknowns), and splits the source stratified by class under the run seed, so
 * every ensemble member sees the same test set.
 */
export async function loadTrainingData(
  config: RunConfig,
  store: BlobStore,
  logger: Logger,
): Promise<TrainingData> {
  const paired = pairedPopulationOf(config);
  const load = (role: 'source' | 'target' | 'targetValidation', classes: readonly string[]) =>
    loadDataSource(config.data[role]!, {
      domain: role === 'source' ? 'source' : 'target',
      // A target validation split draws galaxies of its own.
      ...(paired && role !== 'targetValidation' && { paired }),
      classes,
      store,
      logger,
      imageSize: config.model.imageSize,
      sourceName: `data.${role}`,
    });
  const regressionName = config.regression?.target;
  let source = await load('source', config.classes.source);
  const sourceFingerprint = datasetFingerprint(source);
  if (regressionName !== undefined) source = withFiniteTarget(source, regressionName);
  const asRead = await load('target', config.classes.target);
  if (asRead.channels !== source.channels) {
    throw new DataFormatError(
      `data.target (${asRead.origin}): images have ${asRead.channels} channels, data.source (${source.origin}) has ${source.channels}: every source must have the same channels`,
    );
  }
  const field = commonFieldOf(config.data.commonField, source, asRead);
  const { fieldForTarget } = field;
  const onField = (dataset: Dataset): Promise<Dataset> | Dataset =>
    fieldForTarget === undefined ? dataset : withCommonField(dataset, fieldForTarget);
  const fielded = await onField(asRead);
  const intensity = intensityMatchOf(config.data.intensityMatch, fielded, source);
  const { tables } = intensity;
  const matched = (dataset: Dataset) => (tables ? withMatchedIntensities(dataset, tables) : dataset);
  const target = matched(fielded);
  if (config.regression) {
    learnedQuantity(target, {
      name: config.regression.target,
      pixelScale: pixelScaleColumnOf(config.regression),
    });
  }
  const targetValidation =
    config.data.targetValidation &&
    matched(await onField(await load('targetValidation', config.classes.target)));
  const split = stratifiedSplit(source.labels, {
    validation: config.data.validationFraction,
    test: config.data.testFraction,
    seed: `${config.seed}/split`,
  });
  const sourceTrain = subset(source, split.train);
  logger.info(
    {
      source: source.origin,
      target: target.origin,
      train: split.train.length,
      validation: split.validation.length,
      test: split.test.length,
      targetSamples: target.n,
      intensityMatch: config.data.intensityMatch,
      intensityDistance: Number(intensity.distance.toFixed(3)),
      targetMatched: tables !== undefined,
      commonField: config.data.commonField,
      sourceFieldArcsec: field.sourceField && Number(field.sourceField.toFixed(2)),
      targetFieldArcsec: field.targetField && Number(field.targetField.toFixed(2)),
      targetBroughtTo: fieldForTarget === undefined ? 'no' : `${fieldForTarget.toFixed(2)}"`,
    },
    'training data loaded',
  );
  return {
    classNames: config.classes.source,
    sourceTrain,
    sourceValidation: subset(source, split.validation),
    sourceTest: subset(source, split.test),
    sourceTestIndex: split.test,
    target,
    ...(targetValidation && { targetValidation }),
    sourceClassCounts: Array.from(classCounts(sourceTrain.labels, config.classes.source.length)),
    fingerprints: { source: sourceFingerprint, target: datasetFingerprint(asRead) },
    ...(config.regression && { regression: regressionTargetsFor(sourceTrain, config.regression) }),
  };
}

/** Source samples without a finite regression target cannot be trained or tested on. */
function withFiniteTarget(dataset: Dataset, name: string): Dataset {
  const column = regressionColumn(dataset, name);
  const kept: number[] = [];
  column.forEach((value, index) => {
    if (Number.isFinite(value)) kept.push(index);
  });
  return kept.length === dataset.n ? dataset : subset(dataset, kept);
}
