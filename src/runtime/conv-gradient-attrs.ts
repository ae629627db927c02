import type { backend_util } from '@tensorflow/tfjs-core';

/** The attributes tfjs passes to both convolution-gradient kernels (see the Conv2D gradient in tfjs-core). */
export interface ConvGradientAttrs {
  readonly strides: [number, number] | number;
  readonly pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}
