import type { BlobComponent, GalaxyModel, LensedSourceComponent } from './galaxy-model';
import { SersicLight, type PixelBox } from './sersic-light';
import type { SkyGrid } from './sky-grid';

export type { SkyGrid } from './sky-grid';

/** Sub-samples per pixel side for lensed arcs, which are thin. */
const ARC_OVERSAMPLE = 2;

/**
 * Renders galaxy models onto a survey's pixel grid by integrating the sky-plane light over each pixel,
 * so one galaxy in arcsec lands differently on 0.396" and 0.262" pixels. Each extended component is
 * drawn once into a light plane and then added to every band with its colour; small Gaussian blobs go
 * straight to the bands. Holds its buffers, so rendering allocates nothing per pixel.
 */
export class SkyRenderer {
  private readonly light: Float32Array;
  private readonly sersic: SersicLight;

  constructor(readonly grid: SkyGrid) {
    this.light = new Float32Array(grid.width * grid.height);
    this.sersic = new SersicLight(grid);
  }

  /**
   * Adds the model's light to three band planes.
   * @param colourIndex for each plane, the index into a component's [g, r, i, z] colour.
   * @param planes three [height * width] Float32Arrays, flux per pixel in nmgy, row-major.
   */
  render(model: GalaxyModel, colourIndex: readonly number[], planes: readonly Float32Array[]): void {
    for (const component of model.components) {
      const weights = colourIndex.map((index) => component.colour[index]);
      if (component.kind === 'blob') {
        this.renderBlob(component, weights, planes);
        continue;
      }
      const box: PixelBox =
        component.kind === 'sersic'
          ? this.sersic.render(component, this.light)
          : this.renderLensedSource(component);
      addColoured(this.light, box, this.grid.width, weights, planes);
    }
  }

  /** A Gaussian evaluated at pixel centres, widened by the pixel's own extent (its variance is 1/12 px^2). */
  private renderBlob(c: BlobComponent, weights: readonly number[], planes: readonly Float32Array[]): void {
    const { width, height, pixelScale } = this.grid;
    const sigmaPx = Math.sqrt((c.sigma / pixelScale) ** 2 + 1 / 12);
    const cx = c.x / pixelScale + width / 2 - 0.5;
    const cy = c.y / pixelScale + height / 2 - 0.5;
    const reach = 3.5 * sigmaPx;
    const peak = c.flux / (2 * Math.PI * sigmaPx * sigmaPx);
    const inverseTwoVar = 1 / (2 * sigmaPx * sigmaPx);
    const [w0, w1, w2] = weights;
    const [p0, p1, p2] = planes;
    const x0 = Math.max(0, Math.ceil(cx - reach));
    const x1 = Math.min(width - 1, Math.floor(cx + reach));
    const y0 = Math.max(0, Math.ceil(cy - reach));
    const y1 = Math.min(height - 1, Math.floor(cy + reach));
    for (let py = y0; py <= y1; py++) {
      const dy2 = (py - cy) * (py - cy);
      for (let px = x0; px <= x1; px++) {
        const value = peak * Math.exp(-((px - cx) * (px - cx) + dy2) * inverseTwoVar);
        const i = py * width + px;
        p0[i] += value * w0;
        p1[i] += value * w1;
        p2[i] += value * w2;
      }
    }
  }

  /**
   * Ray-traces sub-samples through the singular isothermal sphere's lens equation
   * beta = theta - thetaE theta/|theta| and reads the source's surface brightness there.
   */
  private renderLensedSource(c: LensedSourceComponent): PixelBox {
    const { width, height, pixelScale } = this.grid;
    const reach = Math.hypot(c.sourceX, c.sourceY) + 4 * c.sourceSigma;
    const peak = c.flux / (2 * Math.PI * c.sourceSigma * c.sourceSigma);
    const inverseTwoVar = 1 / (2 * c.sourceSigma * c.sourceSigma);
    const step = pixelScale / ARC_OVERSAMPLE;
    for (let py = 0; py < height; py++) {
      for (let px = 0; px < width; px++) {
        let sum = 0;
        for (let j = 0; j < ARC_OVERSAMPLE; j++) {
          const dy = (py - height / 2) * pixelScale + (j + 0.5) * step - c.y;
          for (let i = 0; i < ARC_OVERSAMPLE; i++) {
            const dx = (px - width / 2) * pixelScale + (i + 0.5) * step - c.x;
            const r = Math.sqrt(dx * dx + dy * dy);
            if (r === 0 || Math.abs(r - c.einsteinRadius) > reach) continue;
            const shrink = 1 - c.einsteinRadius / r;
            const bx = dx * shrink - c.sourceX;
            const by = dy * shrink - c.sourceY;
            sum += peak * Math.exp(-(bx * bx + by * by) * inverseTwoVar);
          }
        }
        this.light[py * width + px] = sum * step * step;
      }
    }
    return [0, width - 1, 0, height - 1];
  }
}

/** planes[b] += light * weights[b] for the three bands, inside the box. */
function addColoured(
  light: Float32Array,
  box: PixelBox,
  width: number,
  weights: readonly number[],
  planes: readonly Float32Array[],
): void {
  const [w0, w1, w2] = weights;
  const [p0, p1, p2] = planes;
  for (let y = box[2]; y <= box[3]; y++) {
    for (let i = y * width + box[0]; i <= y * width + box[1]; i++) {
      const value = light[i];
      p0[i] += value * w0;
      p1[i] += value * w1;
      p2[i] += value * w2;
    }
  }
}
