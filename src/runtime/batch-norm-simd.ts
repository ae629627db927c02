import { BATCH_NORM_SIMD } from './batch-norm-simd-binary';
import { simdModuleFor } from './wasm-simd-module';

/**
 * The passes of batch-norm-simd.wat, on the tfjs wasm backend's memory. Arguments are byte offsets
 * into that memory (pointers), the row count of the [rows, c] matrix and c; see the .wat for each.
 */
export interface BatchNormSimd {
  moments(x: number, rows: number, c: number, shift: number, sum: number, sumSquares: number): void;
  scale_shift(
    x: number,
    y: number,
    rows: number,
    c: number,
    scale: number,
    shift: number,
    relu: number,
  ): void;
  gradient_sums(
    dy: number,
    x: number,
    rows: number,
    c: number,
    mean: number,
    sumDy: number,
    sumDyX: number,
  ): void;
  input_gradient(
    dy: number,
    x: number,
    dx: number,
    rows: number,
    c: number,
    a: number,
    mean: number,
    b: number,
    d: number,
  ): void;
}

/**
 * The SIMD batch-norm passes instantiated on `backend`'s memory (see simdModuleFor).
 */
export function batchNormSimdFor(backend: unknown): BatchNormSimd {
  return simdModuleFor<BatchNormSimd>(backend, BATCH_NORM_SIMD);
}
