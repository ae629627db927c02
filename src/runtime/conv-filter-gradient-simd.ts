import { CONV_FILTER_GRADIENT_SIMD } from './conv-filter-gradient-simd-binary';
import { simdModuleFor } from './wasm-simd-module';

/**
 * conv-filter-gradient-simd.wat on the tfjs wasm backend's memory. Pointers are byte offsets into that
 * memory: xp the padded input [n, hp, wp, ci], dy [n, ho, wo, co] (co a multiple of 8), dw the zeroed
 * [kh, kw, ci, co] it adds the gradient into.
 */
export interface ConvFilterGradientSimd {
  filter_gradient(
    xp: number,
    dy: number,
    dw: number,
    n: number,
    hp: number,
    wp: number,
    ci: number,
    ho: number,
    wo: number,
    co: number,
    kh: number,
    kw: number,
    strideHeight: number,
    strideWidth: number,
  ): void;
}

export function convFilterGradientSimdFor(backend: unknown): ConvFilterGradientSimd {
  return simdModuleFor<ConvFilterGradientSimd>(backend, CONV_FILTER_GRADIENT_SIMD);
}
