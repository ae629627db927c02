import type * as tf from '@tensorflow/tfjs-core';
import type { backend_util, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';

/** The wasm backend's direct access to its heap (BackendWasm.makeOutput, typedArrayFromHeap). */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): backend_util.TypedArray;
  /** Frees a tensor's memory (with force, whatever its reference count). */
  disposeData(dataId: object, force?: boolean): boolean;
}

export function isHeapBackend(backend: unknown): backend is HeapBackend {
  const candidate = backend as Partial<HeapBackend> | undefined;
  return (
    typeof candidate?.makeOutput === 'function' &&
    typeof candidate.typedArrayFromHeap === 'function' &&
    typeof candidate.disposeData === 'function'
  );
}

/** What tfjs passes a kernel function: its inputs, attributes and the backend it runs on. */
export interface WasmKernelArguments {
  readonly inputs: NamedTensorInfoMap;
  readonly attrs?: NamedAttrMap;
  readonly backend: unknown;
}
