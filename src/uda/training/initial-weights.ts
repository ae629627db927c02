import { loadModel, type UdaModel } from '../../model';
import type { Logger } from '../../logger';
import { openStore } from '../../storage/open-store';
import { modelArrays, setModelArrays } from './component-state';

/**
 * Initializes a model from saved weights (config model.init: the URI of a saved model's folder) instead
 * of the random init. Weights whose name and shape match are taken; the rest (e.g. a head the saved
 * model lacks) keep their random init, and are logged.
 */
export async function loadInitialWeights(model: UdaModel, uri: string, logger: Logger): Promise<void> {
  const saved = await loadModel(openStore(uri), '');
  try {
    const own = await modelArrays(model);
    const loaded = await modelArrays(saved);
    const sameShape = (name: string) =>
      loaded[name] !== undefined && loaded[name].shape.join() === own[name].shape.join();
    const taken = Object.keys(own).filter(sameShape);
    setModelArrays(model, { ...own, ...Object.fromEntries(taken.map((name) => [name, loaded[name]])) });
    const kept = Object.keys(own).filter((name) => !sameShape(name));
    logger.info({ uri, taken: taken.length, keptRandom: kept }, 'initial weights loaded');
  } finally {
    saved.dispose();
  }
}
