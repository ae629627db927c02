import { loadH5wasm } from '../../src/data/readers/h5wasm-module';

/**
 * Writers of HDF5 files in the exact layouts of the two public Galaxy10 files (dataset names, dtypes,
 * shapes), filled with round Gaussian galaxies of known size on a faint noisy sky. Used by the tests
 * (few rows) and by bench:read (the full 17,736 x 256x256x3 DECaLS layout), so both write by slices.
 */
export interface LayoutFileOptions {
  readonly layout: 'decals' | 'sdss';
  readonly n: number;
  /** Label of image i. */
  readonly label: (i: number) => number;
  /** Gaussian sigma of galaxy i, in pixels of the file. */
  readonly sigmaPx: (i: number) => number;
  /** Arcsec per pixel of image i (DECaLS layout only). @default 0.524, the 512 px / 0.262" cutouts shrunk 2x */
  readonly pxscale?: (i: number) => number;
  /** gzip level of `images`, chunked by one image, as h5py writes `compression='gzip'`. @default none */
  readonly compression?: number;
  /** Amplitude of the sky noise in counts. @default 6 */
  readonly noise?: number;
}

export const LAYOUT_SIDES = { decals: 256, sdss: 69 } as const;

/** Images are written this many at a time, so a full-size file never sits whole in memory. */
const ROWS_PER_WRITE = 64;

export async function writeGalaxy10Layout(path: string, options: LayoutFileOptions): Promise<void> {
  const h5 = await loadH5wasm();
  const side = LAYOUT_SIDES[options.layout];
  const imageBytes = side * side * 3;
  const { n } = options;
  const file = new h5.File(path, 'w');
  try {
    const images = file.create_dataset({
      name: 'images',
      data: new Uint8Array(imageBytes),
      shape: [1, side, side, 3],
      maxshape: [null, side, side, 3],
      chunks: [1, side, side, 3],
      dtype: '<B',
      ...(options.compression !== undefined && { compression: options.compression }),
    });
    images.resize([n, side, side, 3]);
    for (let start = 0; start < n; start += ROWS_PER_WRITE) {
      const end = Math.min(n, start + ROWS_PER_WRITE);
      const block = new Uint8Array((end - start) * imageBytes);
      for (let i = start; i < end; i++) {
        drawGalaxy(block.subarray((i - start) * imageBytes, (i - start + 1) * imageBytes), side, options, i);
      }
      images.write_slice([[start, end]], block);
    }
    file.create_dataset({
      name: 'ans',
      data: Uint8Array.from({ length: n }, (_, i) => options.label(i)),
      dtype: '<B',
    });
    if (options.layout === 'decals') {
      const column = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
      file.create_dataset({ name: 'ra', data: column((i) => 150 + i * 0.01), dtype: '<d' });
      file.create_dataset({ name: 'dec', data: column((i) => 2 - i * 0.01), dtype: '<d' });
      file.create_dataset({ name: 'redshift', data: column((i) => 0.02 + (i % 10) * 0.01), dtype: '<d' });
      file.create_dataset({ name: 'pxscale', data: column(options.pxscale ?? (() => 0.524)), dtype: '<d' });
    }
  } finally {
    file.close();
  }
}

/** A round Gaussian galaxy of the image's sigma at the frame's centre, peak 200, on sky noise. */
function drawGalaxy(pixels: Uint8Array, side: number, options: LayoutFileOptions, index: number): void {
  const sigma = options.sigmaPx(index);
  const noise = options.noise ?? 6;
  const centre = (side - 1) / 2;
  let state = (index * 2654435761) >>> 0 || 1;
  for (let y = 0; y < side; y++) {
    const dy2 = (y - centre) ** 2;
    for (let x = 0; x < side; x++) {
      const light = 200 * Math.exp(-(dy2 + (x - centre) ** 2) / (2 * sigma * sigma));
      for (let c = 0; c < 3; c++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const sky = 10 + ((state >>> 0) % (noise + 1));
        pixels[(y * side + x) * 3 + c] = Math.min(255, Math.round(light * (1 - 0.15 * c) + sky));
      }
    }
  }
}

/**
 * The light-weighted second-moment radius sqrt(<x² + y²>) of one channel-0 image, in pixels, about
 * the light's own centre, after subtracting the sky (the image's median). A Gaussian of sigma s has 2s².
 */
export function secondMomentRadius(pixels: Uint8Array, side: number, channels: number): number {
  const values = Array.from({ length: side * side }, (_, p) => pixels[p * channels]);
  const sky = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  let total = 0;
  let sx = 0;
  let sy = 0;
  values.forEach((v, p) => {
    const w = Math.max(0, v - sky);
    total += w;
    sx += w * (p % side);
    sy += w * Math.floor(p / side);
  });
  const cx = sx / total;
  const cy = sy / total;
  let moment = 0;
  values.forEach((v, p) => {
    moment += Math.max(0, v - sky) * (((p % side) - cx) ** 2 + (Math.floor(p / side) - cy) ** 2);
  });
  return Math.sqrt(moment / total);
}
