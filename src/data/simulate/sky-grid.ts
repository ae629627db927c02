/** The pixel grid of one survey cutout, centred on the field centre; sky positions are in arcsec. */
export interface SkyGrid {
  readonly width: number;
  readonly height: number;
  /** Arcsec per pixel. */
  readonly pixelScale: number;
}
