import type { Dataset } from '../../../src/data/dataset';

/** Image i of a dataset as grey levels (mean of the channels), [h * w] float. */
export function grey(dataset: Dataset, i: number): Float64Array {
  const { width, height, channels } = dataset;
  const out = new Float64Array(width * height);
  const base = i * width * height * channels;
  for (let p = 0; p < width * height; p++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += dataset.images[base + p * channels + c];
    out[p] = sum / channels;
  }
  return out;
}

/** One channel of image i, [h * w]. */
export function channel(dataset: Dataset, i: number, c: number): Float64Array {
  const { width, height, channels } = dataset;
  const base = i * width * height * channels;
  return Float64Array.from({ length: width * height }, (_, p) => dataset.images[base + p * channels + c]);
}

/** Separable Gaussian blur with zero edges. */
export function smooth(image: Float64Array, size: number, sigma: number): Float64Array {
  const radius = Math.ceil(3 * sigma);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, k) =>
    Math.exp(-((k - radius) ** 2) / (2 * sigma * sigma)),
  );
  const norm = kernel.reduce((a, b) => a + b, 0);
  const pass = (from: Float64Array, horizontal: boolean): Float64Array => {
    const to = new Float64Array(from.length);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        let sum = 0;
        for (let k = -radius; k <= radius; k++) {
          const [xx, yy] = horizontal ? [x + k, y] : [x, y + k];
          if (xx >= 0 && xx < size && yy >= 0 && yy < size) sum += kernel[k + radius] * from[yy * size + xx];
        }
        to[y * size + x] = sum / norm;
      }
    return to;
  };
  return pass(pass(image, true), false);
}

/** Local maxima above `fraction` of the peak, merged when closer than `minSeparation` pixels. */
export function peaks(
  image: Float64Array,
  size: number,
  fraction: number,
  minSeparation: number,
): [number, number][] {
  const peak = Math.max(...image);
  const found: [number, number, number][] = [];
  for (let y = 1; y < size - 1; y++)
    for (let x = 1; x < size - 1; x++) {
      const v = image[y * size + x];
      if (v < fraction * peak) continue;
      let isMax = true;
      for (let dy = -1; dy <= 1 && isMax; dy++)
        for (let dx = -1; dx <= 1; dx++) if ((dx || dy) && image[(y + dy) * size + x + dx] > v) isMax = false;
      if (isMax) found.push([x, y, v]);
    }
  found.sort((a, b) => b[2] - a[2]);
  const kept: [number, number][] = [];
  for (const [x, y] of found)
    if (kept.every(([kx, ky]) => Math.hypot(kx - x, ky - y) >= minSeparation)) kept.push([x, y]);
  return kept;
}

/** Minor over major axis from the flux-weighted second moments of pixels above `threshold`. */
export function momentAxisRatio(image: Float64Array, size: number, threshold: number): number {
  let sum = 0,
    sx = 0,
    sy = 0;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const w = Math.max(0, image[y * size + x] - threshold);
      sum += w;
      sx += w * x;
      sy += w * y;
    }
  const [mx, my] = [sx / sum, sy / sum];
  let xx = 0,
    yy = 0,
    xy = 0;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const w = Math.max(0, image[y * size + x] - threshold);
      xx += w * (x - mx) ** 2;
      yy += w * (y - my) ** 2;
      xy += w * (x - mx) * (y - my);
    }
  const half = (xx + yy) / 2;
  const root = Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy);
  return Math.sqrt((half - root) / (half + root));
}

/** Mean of `image` in annuli of 1 px around the image centre: [size / 2] values. */
export function radialProfile(image: Float64Array, size: number): number[] {
  const sums = new Array<number>(size / 2).fill(0);
  const counts = new Array<number>(size / 2).fill(0);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const r = Math.floor(Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2));
      if (r < size / 2) {
        sums[r] += image[y * size + x];
        counts[r]++;
      }
    }
  return sums.map((s, r) => s / counts[r]);
}

/** Standard deviation of the pixels in the four corner squares of side `side`. */
export function cornerStd(image: Float64Array, size: number, side: number): number {
  const values: number[] = [];
  for (const [x0, y0] of [
    [0, 0],
    [size - side, 0],
    [0, size - side],
    [size - side, size - side],
  ])
    for (let y = y0; y < y0 + side; y++)
      for (let x = x0; x < x0 + side; x++) values.push(image[y * size + x]);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Indices of images with class `name`. */
export function indicesOf(dataset: Dataset, name: string): number[] {
  const k = dataset.classNames.indexOf(name);
  return Array.from({ length: dataset.n }, (_, i) => i).filter((i) => dataset.labels[i] === k);
}

/**
 * Brightest sector's ratio of mean brightness on a ring of `radius` (+-0.3") to the ring just inside it
 * (radius - 1.2" to radius - 0.6"), over 8 sectors around the centre: above 1 where a ring or arc is.
 */
export function ringContrast(image: Float64Array, size: number, pixelScale: number, radius: number): number {
  const ring = new Array<number>(8).fill(0);
  const inner = new Array<number>(8).fill(0);
  const [ringCount, innerCount] = [new Array<number>(8).fill(0), new Array<number>(8).fill(0)];
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const dx = (x + 0.5 - size / 2) * pixelScale;
      const dy = (y + 0.5 - size / 2) * pixelScale;
      const r = Math.hypot(dx, dy);
      const sector = Math.min(7, Math.floor(((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI)) * 8));
      if (Math.abs(r - radius) <= 0.3) {
        ring[sector] += image[y * size + x];
        ringCount[sector]++;
      }
      if (r >= radius - 1.2 && r <= radius - 0.6) {
        inner[sector] += image[y * size + x];
        innerCount[sector]++;
      }
    }
  return Math.max(...ring.map((sum, k) => sum / ringCount[k] / (inner[k] / innerCount[k])));
}
