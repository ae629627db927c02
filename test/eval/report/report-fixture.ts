import type { Dataset } from '../../../src/data/dataset';
import { encodePredictions } from '../../../src/eval/prediction-file';
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

/** A run with two adapted members, a source-only baseline and training histories. */
export async function writeSyntheticRun(
  store: BlobStore,
  runId: string,
  sizes: { nSource: number; nTarget: number },
): Promise<void> {
  const members: [string, string][] = [
    ['0', 'deepastro'],
    ['1', 'deepastro'],
    ['source-only', 'source-only'],
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
    const history = Array.from({ length: 6 }, (_, epoch) => ({
      epoch,
      loss: 1 / (epoch + 1 + m),
      sourceValAccuracy: 0.6 + epoch * 0.05,
      note: 'ignored',
    }));
    await store.put(runLayout.history(runId, name), JSON.stringify(history));
  }
}
