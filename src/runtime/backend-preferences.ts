/**
 * The TensorFlow.js backends a run may ask for. Kept apart from select-backend.ts, which loads
 * TensorFlow.js, so the config schema can name them without loading it.
 */
export const BACKEND_PREFERENCES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];
