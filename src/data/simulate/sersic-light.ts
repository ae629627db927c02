import type { SersicComponent } from './galaxy-model';
import { sersicB, sersicIe } from './sersic';
import type { SkyGrid } from './sky-grid';

const TABLE_SIZE = 512;
/** Mean of ((1 + cos phi) / 2)^p over phi, p = 0..4: keeps the arms from changing a disk's flux. */
const ARM_SHAPE_MEAN = [1, 1 / 2, 3 / 8, 5 / 16, 35 / 128];
/**
 * Away from a profile's centre the light varies slowly on the pixel scale (and the PSF is wider than a
 * pixel), so one sample at the pixel centre suffices; pixels near a steep Sersic cusp get 4x4 samples,
 * the centre pixels 8x8, and a disk thinner than two pixels (edge-on) gets 2x2 everywhere.
 */
const CORE_OVERSAMPLE = 4;
const CENTRE_OVERSAMPLE = 8;
const CORE_HALF_WIDTH = 3;
/**
 * Surface brightness (nmgy/arcsec^2, about 32.5 mag/arcsec^2) below which a profile is not drawn:
 * a thousandth of the faintest sky noise, so cutting it changes no image, and skips most of the field.
 */
const INVISIBLE = 1e-4;

/** Inclusive pixel bounds [x0, x1, y0, y1]. */
export type PixelBox = [number, number, number, number];

/** Radius (arcsec) where the profile fades below INVISIBLE; infinite when it never reaches it. */
function visibleRadius(c: SersicComponent): number {
  const b = sersicB(c.sersicIndex);
  const ie = sersicIe(c.flux, c.halfLightRadius, c.sersicIndex, c.axisRatio);
  if (ie <= INVISIBLE) return c.halfLightRadius;
  return c.halfLightRadius * Math.pow(1 + Math.log(ie / INVISIBLE) / b, c.sersicIndex);
}

/** The pixels within `radius` arcsec of (x, y), clipped to the grid. */
function pixelBox(x: number, y: number, radius: number, grid: SkyGrid): PixelBox {
  const cx = x / grid.pixelScale + grid.width / 2 - 0.5;
  const cy = y / grid.pixelScale + grid.height / 2 - 0.5;
  const reach = radius / grid.pixelScale + 1;
  return [
    Math.max(0, Math.floor(cx - reach)),
    Math.min(grid.width - 1, Math.ceil(cx + reach)),
    Math.max(0, Math.floor(cy - reach)),
    Math.min(grid.height - 1, Math.ceil(cy + reach)),
  ];
}

/**
 * Renders one Sersic component (with its spiral arms, if any) into a light plane. The profile and the
 * arms' radial phase are tabulated once per component, so each sample costs a square root and a lookup.
 * Fields hold the current component so `sample` stays a monomorphic, inlinable method.
 */
export class SersicLight {
  private readonly profile = new Float64Array(TABLE_SIZE + 1);
  private readonly armCos = new Float64Array(TABLE_SIZE + 1);
  private readonly armSin = new Float64Array(TABLE_SIZE + 1);
  private readonly armAmplitude = new Float64Array(TABLE_SIZE + 1);
  private cx = 0;
  private cy = 0;
  private cosPa = 1;
  private sinPa = 0;
  private inverseQ = 1;
  private perStep = 1;
  private armCount = 0;
  private armSharpness = 1;

  constructor(private readonly grid: SkyGrid) {}

  /**
   * Writes the component's flux per pixel (nmgy) into `light` inside the returned pixel box
   * [x0, x1, y0, y1] (inclusive); pixels outside the box are left untouched and hold no light.
   * @param light [height * width] row-major.
   */
  render(c: SersicComponent, light: Float32Array): PixelBox {
    const { width, height, pixelScale } = this.grid;
    const halfDiagonal =
      Math.hypot(width * pixelScale + 2 * Math.abs(c.x), height * pixelScale + 2 * Math.abs(c.y)) / 2;
    const rMax = Math.min(20 * c.halfLightRadius, halfDiagonal / c.axisRatio, visibleRadius(c));
    this.prepare(c, rMax);
    const area = pixelScale * pixelScale;
    const thin = c.halfLightRadius * c.axisRatio < 2 * pixelScale;
    const box = pixelBox(c.x, c.y, rMax, this.grid);
    for (let py = box[2]; py <= box[3]; py++) {
      const y = (py + 0.5 - height / 2) * pixelScale;
      for (let px = box[0]; px <= box[1]; px++) {
        const x = (px + 0.5 - width / 2) * pixelScale;
        light[py * width + px] = thin ? this.integrate(px, py, 2) : this.sample(x, y) * area;
      }
    }
    this.refineCore(light, box);
    return box;
  }

  /** Re-integrates the pixels around the centre, where a single sample misses the cusp's flux. */
  private refineCore(light: Float32Array, box: PixelBox): void {
    const { width, height, pixelScale } = this.grid;
    const centrePx = this.cx / pixelScale + width / 2 - 0.5;
    const centrePy = this.cy / pixelScale + height / 2 - 0.5;
    const x0 = Math.max(box[0], Math.ceil(centrePx - CORE_HALF_WIDTH));
    const x1 = Math.min(box[1], Math.floor(centrePx + CORE_HALF_WIDTH));
    const y0 = Math.max(box[2], Math.ceil(centrePy - CORE_HALF_WIDTH));
    const y1 = Math.min(box[3], Math.floor(centrePy + CORE_HALF_WIDTH));
    for (let py = y0; py <= y1; py++) {
      for (let px = x0; px <= x1; px++) {
        const centre = Math.abs(px - centrePx) < 1 && Math.abs(py - centrePy) < 1;
        light[py * width + px] = this.integrate(px, py, centre ? CENTRE_OVERSAMPLE : CORE_OVERSAMPLE);
      }
    }
  }

  private prepare(c: SersicComponent, rMax: number): void {
    this.cx = c.x;
    this.cy = c.y;
    this.cosPa = Math.cos(c.positionAngle);
    this.sinPa = Math.sin(c.positionAngle);
    this.inverseQ = 1 / c.axisRatio;
    this.perStep = (TABLE_SIZE - 1) / rMax;
    const b = sersicB(c.sersicIndex);
    const ie = sersicIe(c.flux, c.halfLightRadius, c.sersicIndex, c.axisRatio);
    const inverseN = 1 / c.sersicIndex;
    const dr = rMax / (TABLE_SIZE - 1);
    for (let k = 0; k <= TABLE_SIZE; k++) {
      const ratio = (k * dr) / c.halfLightRadius;
      this.profile[k] = k >= TABLE_SIZE - 1 ? 0 : ie * Math.exp(-b * (Math.pow(ratio, inverseN) - 1));
    }
    this.armCount = c.arms ? c.arms.count : 0;
    if (!c.arms) return;
    this.armSharpness = c.arms.sharpness;
    const winding = c.arms.count / Math.tan(c.arms.pitchAngle);
    for (let k = 0; k <= TABLE_SIZE; k++) {
      const r = Math.max(k * dr, 1e-6);
      const phase = c.arms.count * c.arms.phase + winding * Math.log(r / c.arms.startRadius);
      this.armCos[k] = Math.cos(phase);
      this.armSin[k] = Math.sin(phase);
      const ramp = r / c.arms.startRadius;
      this.armAmplitude[k] =
        (c.arms.amplitude * (1 - Math.exp(-ramp * ramp))) / ARM_SHAPE_MEAN[c.arms.sharpness];
    }
  }

  /** Flux in pixel (px, py): the mean of oversample^2 samples times the pixel area. */
  private integrate(px: number, py: number, oversample: number): number {
    const { width, height, pixelScale } = this.grid;
    const step = pixelScale / oversample;
    const x0 = (px - width / 2) * pixelScale + step / 2;
    const y0 = (py - height / 2) * pixelScale + step / 2;
    let sum = 0;
    for (let j = 0; j < oversample; j++) {
      for (let i = 0; i < oversample; i++) sum += this.sample(x0 + i * step, y0 + j * step);
    }
    return sum * step * step;
  }

  /** Surface brightness (nmgy/arcsec^2) at sky position (x, y). */
  private sample(x: number, y: number): number {
    const dx = x - this.cx;
    const dy = y - this.cy;
    const u = dx * this.cosPa + dy * this.sinPa;
    const v = (dy * this.cosPa - dx * this.sinPa) * this.inverseQ;
    const r = Math.sqrt(u * u + v * v);
    const t = r * this.perStep;
    if (t >= TABLE_SIZE - 1) return 0;
    const k = t | 0;
    const value = this.profile[k] + (t - k) * (this.profile[k + 1] - this.profile[k]);
    if (this.armCount === 0 || r === 0) return value;
    return value * this.armModulation(k, u / r, v / r);
  }

  /**
   * 1 - A + A * shape(phi)/mean, phi = m*theta - K(r): cos(m theta) and sin(m theta) come from powers of
   * the unit vector (cos theta, sin theta), so no trigonometry runs per sample.
   */
  private armModulation(k: number, cosTheta: number, sinTheta: number): number {
    let re = cosTheta;
    let im = sinTheta;
    for (let m = 1; m < this.armCount; m++) {
      const nextRe = re * cosTheta - im * sinTheta;
      im = re * sinTheta + im * cosTheta;
      re = nextRe;
    }
    const half = 0.5 * (1 + re * this.armCos[k] + im * this.armSin[k]);
    let shape = half;
    for (let p = 1; p < this.armSharpness; p++) shape *= half;
    const amplitude = this.armAmplitude[k];
    return 1 - amplitude * ARM_SHAPE_MEAN[this.armSharpness] + amplitude * shape;
  }
}
