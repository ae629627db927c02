import { InvalidConfigError } from '../errors';
import { randomInt, type Rng } from './rng';

/** The size of one HWC image. */
export interface ImageShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Which random transforms augmentImage applies (ALGORITHM.md: galaxies have no preferred orientation). */
export interface AugmentOptions {
  /** Random multiples of 90°. Only square images turn by 90° or 270°; others turn by 0° or 180°. @default true */
  readonly rotate?: boolean;
  /** Random horizontal and vertical flips, each with probability 1/2. @default true */
  readonly flip?: boolean;
  /** Uniform zoom factor range about the centre; false for none. @default [0.9, 1.1] */
  readonly zoom?: readonly [number, number] | false;
  /** Largest random shift (crop-and-pad) as a fraction of the image side; 0 for none. @default 0.1 */
  readonly maxShift?: number;
}

/**
 * Turns an image by quarterTurns × 90° counter-clockwise.
 * @param image [height, width, channels] uint8
 * @returns [width, height, channels] for an odd number of turns, else [height, width, channels]
 */
export function rotate90(image: Uint8Array, shape: ImageShape, quarterTurns: number): Uint8Array {
  const turns = ((quarterTurns % 4) + 4) % 4;
  const { height: h, width: w } = shape;
  return remap(image, shape, turns % 2 === 1 ? h : w, (y, x) => {
    if (turns === 0) return [y, x];
    if (turns === 1) return [x, w - 1 - y];
    if (turns === 2) return [h - 1 - y, w - 1 - x];
    return [h - 1 - x, y];
  });
}

/** Mirrors left-right. @param image [height, width, channels] uint8 */
export function flipHorizontal(image: Uint8Array, shape: ImageShape): Uint8Array {
  return remap(image, shape, shape.width, (y, x) => [y, shape.width - 1 - x]);
}

/** Mirrors top-bottom. @param image [height, width, channels] uint8 */
export function flipVertical(image: Uint8Array, shape: ImageShape): Uint8Array {
  return remap(image, shape, shape.width, (y, x) => [shape.height - 1 - y, x]);
}

/**
 * Shifts the content by (dy, dx) pixels, filling the uncovered border by mirroring the image, so the
 * border keeps the sky's noise texture instead of a hard black edge a network could learn.
 * @param image [height, width, channels] uint8; |dy| < height, |dx| < width
 */
export function translate(image: Uint8Array, shape: ImageShape, dy: number, dx: number): Uint8Array {
  return remap(image, shape, shape.width, (y, x) => [
    mirror(y - dy, shape.height),
    mirror(x - dx, shape.width),
  ]);
}

/**
 * Zooms about the image centre by `scale` (> 1 enlarges), resampling bilinearly back to the same size;
 * samples beyond the edge take the edge value. scale 1 returns the image unchanged.
 * @param image [height, width, channels] uint8
 */
export function zoom(image: Uint8Array, shape: ImageShape, scale: number): Uint8Array {
  const { height: h, width: w, channels: c } = shape;
  const out = new Uint8Array(image.length);
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(h - 1, Math.max(0, (y - cy) / scale + cy));
    const y0 = Math.floor(sy);
    const y1 = Math.min(h - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(w - 1, Math.max(0, (x - cx) / scale + cx));
      const x0 = Math.floor(sx);
      const x1 = Math.min(w - 1, x0 + 1);
      const fx = sx - x0;
      for (let k = 0; k < c; k++) {
        const top = image[(y0 * w + x0) * c + k] * (1 - fx) + image[(y0 * w + x1) * c + k] * fx;
        const bottom = image[(y1 * w + x0) * c + k] * (1 - fx) + image[(y1 * w + x1) * c + k] * fx;
        out[(y * w + x) * c + k] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}

/**
 * One random augmentation of one image: rotation, flips, zoom, shift, each drawn from `rng`.
 * @param image [height, width, channels] uint8
 * @returns a new [height, width, channels] uint8 image; the input is not changed
 */
export function augmentImage(
  image: Uint8Array,
  shape: ImageShape,
  rng: Rng,
  options: AugmentOptions = {},
): Uint8Array {
  const { rotate = true, flip = true, zoom: zoomRange = [0.9, 1.1], maxShift = 0.1 } = options;
  checkOptions(zoomRange, maxShift);
  let out = image;
  if (rotate) {
    const square = shape.height === shape.width;
    out = rotate90(out, shape, square ? randomInt(rng, 4) : 2 * randomInt(rng, 2));
  }
  if (flip && rng() < 0.5) out = flipHorizontal(out, shape);
  if (flip && rng() < 0.5) out = flipVertical(out, shape);
  if (zoomRange) out = zoom(out, shape, zoomRange[0] + rng() * (zoomRange[1] - zoomRange[0]));
  if (maxShift > 0) {
    const dy =
      randomInt(rng, 2 * Math.floor(maxShift * shape.height) + 1) - Math.floor(maxShift * shape.height);
    const dx =
      randomInt(rng, 2 * Math.floor(maxShift * shape.width) + 1) - Math.floor(maxShift * shape.width);
    out = translate(out, shape, dy, dx);
  }
  return out === image ? image.slice() : out;
}

function checkOptions(zoomRange: AugmentOptions['zoom'], maxShift: number): void {
  if (zoomRange && !(zoomRange[0] > 0 && zoomRange[0] <= zoomRange[1])) {
    throw new InvalidConfigError(
      `augmentation zoom range must be 0 < min <= max, got [${zoomRange.join(', ')}]`,
    );
  }
  if (!(maxShift >= 0 && maxShift < 0.5)) {
    throw new InvalidConfigError(`augmentation maxShift must be in [0, 0.5), got ${maxShift}`);
  }
}

/** Reflects an index into [0, n) about the edge pixels (…2 1 | 0 1 2 … n-1 | n-2 …). */
function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const folded = ((i % period) + period) % period;
  return folded < n ? folded : period - folded;
}

/**
 * A new image of outWidth columns (and image.length / (outWidth · channels) rows) whose pixel (y, x)
 * is the input pixel source(y, x) = [row, column].
 */
function remap(
  image: Uint8Array,
  shape: ImageShape,
  outWidth: number,
  source: (y: number, x: number) => [number, number],
): Uint8Array {
  const { width: w, channels: c } = shape;
  const out = new Uint8Array(image.length);
  const outHeight = image.length / (outWidth * c);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const [sy, sx] = source(y, x);
      const from = (sy * w + sx) * c;
      const to = (y * outWidth + x) * c;
      for (let k = 0; k < c; k++) out[to + k] = image[from + k];
    }
  }
  return out;
}
