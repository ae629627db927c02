export * from './types';
export { createModel, DEFAULT_TEMPERATURE } from './create-model';
export { saveModel, loadModel, MODEL_JSON, WEIGHTS_BIN } from './save-load';
export { BATCH_NORM_MOMENTUM, BATCH_NORM_EPSILON } from './batch-norm';
