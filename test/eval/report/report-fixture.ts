import type { Dataset } from '../../../src/data/dataset';
import { datasetFingerprint } from '../../../src/data/dataset-fingerprint';
import { encodePredictions, type PredictionSet } from '../../../src/eval/prediction-file';
import type { BlobStore } from '../../../src/storage/blob-store';
import { runLayout } from '../../../src/run/run-layout';
import { syntheticPredictionSet } from '../synthetic-predictions';

export const TASK = {
  sourceClasses: ['elliptical', 'spiral'],
  targetClasses: ['elliptical', 'spiral', 'merger'],
};

/** Small seeded uint8 RGB target images: a bright blob whose colour follows the sample index. */
export function syntheticTargetDataset(n: number, size = 12): Dataset {
  const images = new Uint8Array(n * size * size * 3);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const r2 = (x - size / 2) ** 2 + (y - size / 2) ** 2;
        const brightness = Math.max(0, 255 - r2 * 12);
        const offset = ((i * size + y) * size + x) * 3;
        images.set([brightness, (brightness * (i % 7)) / 7, (brightness * (i % 3)) / 3], offset);
      }
    }
  }
  return {
    images,
    n,
    height: size,
    width: size,
    channels: 3,
    labels: new Int32Array(n),
    classNames: ['elliptical'],
    domain: 'target',
    ra: Float64Array.from({ length: n }, (_, i) => 150 + i / 1000),
    dec: Float64Array.from({ length: n }, (_, i) => 2 - i / 1000),
    origin: 'synthetic target',
  };
}

/**
 * A member's history.json in the trainer's format: `epochs` epochs, the learning rate stepping down
 * ×0.1 at epoch `lrStep` (0-based), validation loss lowest at epoch `best`.
 */
export function syntheticHistory(
  member: number,
  method: string,
  options: { epochs: number; best: number; lrStep: number; stopReason: 'early-stopping' | 'max-epochs' },
) {
  const epochs = Array.from({ length: options.epochs }, (_, epoch) => {
    const sourceValLoss = 0.2 + 0.1 * Math.abs(epoch - options.best) + member / 100;
    return {
      epoch,
      learningRate: epoch < options.lrStep ? 0.001 : 0.0001,
      steps: 10,
      images: 640,
      seconds: 8 + epoch,
      imagesPerSecond: 640 / (8 + epoch),
      losses: { total: 1 / (epoch + 1), ce: 0.9 / (epoch + 1), cluster: 0.5 + epoch / 10 },
      diagnostics: {},
      sourceTrainAccuracy: 0.6 + epoch * 0.04,
      validation: { sourceValLoss, sourceValAccuracy: 0.6 + epoch * 0.03 },
      monitor: { name: 'source-val-loss', value: sourceValLoss, improved: epoch <= options.best },
    };
  });
  return {
    runId: 'r',
    member,
    method,
    backend: 'wasm',
    seed: 1,
    memberSeed: `1/member/${member}`,
    monitor: 'source-val-loss',
    epochs,
    bestEpoch: options.best,
    stopReason: options.stopReason,
    final: {},
  };
}

/** A run with two adapted members, the source-only and none baselines, and training histories. */
export async function writeSyntheticRun(
  store: BlobStore,
  runId: string,
  sizes: { nSource: number; nTarget: number },
): Promise<void> {
  const members: [string, string][] = [
    ['0', 'deepastro'],
    ['1', 'deepastro'],
    ['2', 'source-only'],
    ['3', 'none'],
  ];
  for (const [m, [name, method]] of members.entries()) {
    const set = syntheticPredictionSet({
      ...TASK,
      ...sizes,
      seed: 5,
      memberSeed: m,
      method,
      withOva: true,
      noise: 0.5,
    });
    await store.put(runLayout.predictions(runId, name), encodePredictions(set));
    const history = syntheticHistory(m, method, {
      epochs: 6,
      best: 3 + (m % 2),
      lrStep: 4,
      stopReason: 'max-epochs',
    });
    await store.put(runLayout.history(runId, name), JSON.stringify(history));
  }
}

/**
 * Member 0 of run `r`, finished (history.json written): its predictions `set` record the fingerprint
 * of `target`, the dataset the run trained on.
 */
export async function writeFinishedMember(
  store: BlobStore,
  set: PredictionSet,
  target: Dataset,
): Promise<void> {
  const meta = { ...set.meta, targetFingerprint: datasetFingerprint(target) };
  await store.put(runLayout.predictions('r', '0'), encodePredictions({ ...set, meta }));
  const history = syntheticHistory(0, 'deepastro', {
    epochs: 2,
    best: 1,
    lrStep: 9,
    stopReason: 'max-epochs',
  });
  await store.put(runLayout.history('r', '0'), JSON.stringify(history));
}
