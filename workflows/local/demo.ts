import { join } from 'node:path';
import { simulateIntoStore } from '../../src/data/simulate/simulate-into-store';
import { TASKS } from '../../src/data/tasks';
import type { Logger } from '../../src/logger';
import type { WorkflowProgressEvent } from '../../src/run/progress-events';
import { openStore } from '../../src/storage/open-store';
import { runConfigLocally, type LocalRunResult } from './run-config';

/** The demo's knobs; the defaults finish in minutes on a 2-core laptop with the WebAssembly backend. */
export interface DemoOptions {
  /** Store for data and runs: a folder, file:// or s3:// URI. */
  readonly store: string;
  /** Galaxies per survey. @default 600 */
  readonly galaxies?: number;
  /** Image side in pixels. @default 32 */
  readonly imageSize?: number;
  /** Most epochs per member (early stopping may end sooner). @default 8 */
  readonly maxEpochs?: number;
  /** Ensemble members of the adapting method; the source-only baseline trains beside them. @default 1 */
  readonly members?: number;
  /** Trainer processes at once. @default 2 */
  readonly concurrency?: number;
  readonly seed?: number;
  readonly logger?: Logger;
  /** Called at each stage, for a person watching. */
  readonly onStage?: (message: string) => void;
  /** The workflow's progress: states entered, trainer epochs. */
  readonly onProgress?: (event: WorkflowProgressEvent) => void;
}

export interface DemoResult extends LocalRunResult {
  readonly previews: readonly string[];
}

/**
 * The whole pipeline on the built-in simulator: SDSS-like source and DECaLS-like target surveys of the
 * 3-class task (merger unknown) are simulated into the store, then the synthesized state machine runs
 * locally: resolve, train (method and source-only baseline), evaluate, anomaly report, publish.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const stage = options.onStage ?? (() => undefined);
  const store = openStore(options.store);
  const imageSize = options.imageSize ?? 32;
  const seed = options.seed ?? 1;
  const galaxies = options.galaxies ?? 600;
  stage(`simulating ${galaxies} SDSS-like and ${galaxies} DECaLS-like galaxies at ${imageSize} px`);
  const simulate = (survey: 'sdss' | 'decals', domain: 'source' | 'target', seedOffset: number) =>
    simulateIntoStore(store, {
      ...{ survey, domain, classes: TASKS['3class'][domain], n: galaxies, imageSize },
      ...{ seed: seed + seedOffset, key: `data/simulated/${survey}-3class-${imageSize}px.h5` },
    });
  // One after the other: simulating is CPU-bound, so nothing is lost, and s3rver prunes empty folders
  // on delete, which races with a concurrent upload into the same temporary folder.
  const source = await simulate('sdss', 'source', 1);
  const target = await simulate('decals', 'target', 2);
  stage('running the state machine locally: resolve → train → evaluate → report → publish');
  const result = await runConfigLocally({
    config: demoConfig(source.uri, target.uri, imageSize, options),
    store: store.uri,
    concurrency: options.concurrency,
    logger: options.logger,
    onProgress: options.onProgress,
  });
  return { ...result, previews: [source.previewUri, target.previewUri] };
}

/** The built-in simulated config: the 3-class task, deepastro with its source-only baseline. */
function demoConfig(sourceUri: string, targetUri: string, imageSize: number, options: DemoOptions) {
  return {
    task: '3class',
    data: { source: { kind: 'uri', uri: sourceUri }, target: { kind: 'uri', uri: targetUri } },
    model: { architecture: 'resnet-mini', imageSize },
    method: 'deepastro',
    hyperparameters: { batchSize: 32, maxEpochs: options.maxEpochs ?? 8 },
    ensemble: { members: options.members ?? 1 },
    seed: options.seed ?? 1,
    backend: 'auto',
  };
}

/** The default demo store: ./deepastro-demo under the working directory. */
export function defaultDemoStore(cwd: string = process.cwd()): string {
  return join(cwd, 'deepastro-demo');
}
