export {
  selectBackend,
  AUTO_ORDER,
  BACKEND_PREFERENCES,
  type BackendPreference,
  type SelectedBackend,
  type SelectBackendOptions,
} from './select-backend';
export { MAX_WASM_THREADS } from './wasm-threads';
export {
  registerWasmTrainingKernels,
  restoreShippedWasmKernels,
  WASM_TRAINING_KERNELS,
} from './wasm-training-kernels';
export { ensureGradientsRegistered } from './register-gradients';
export { withMemoryGuard, withMemoryGuardSync, isOutOfMemory, type MemoryGuardOptions } from './memory-guard';
export {
  traceTensorCounts,
  expectFlatTensorCount,
  TensorLeakError,
  type TensorCountTrace,
} from './tensor-hygiene';
export { NESTEROV_UPDATE, type NesterovUpdateAttrs } from './nesterov-update-wasm';
export { fusedBatchNormTraining, type BatchNormTrainingResult } from './batch-norm-training-wasm';
