import type { Dataset } from '../../data/dataset';
import { seededSample } from '../seeded-sample';
import { skyPlotSpec, type SkyPoint } from './chart-specs';
import type { GalleryGroup } from './gallery-html';
import type { PlannedChart } from './report-charts';

/**
 * The sky plot: every target galaxy with ra/dec (a seeded subset above `maxPoints`) in grey, and the
 * gallery's candidates coloured by their group. Without ra/dec in the data, says so instead.
 */
export function planSkyPlot(
  dataset: Pick<Dataset, 'ra' | 'dec'> | undefined,
  gallery: readonly GalleryGroup[],
  options: { readonly maxPoints: number; readonly seed: number },
): PlannedChart | { note: string } {
  const candidates = gallery.flatMap((group) =>
    group.items.flatMap((item): SkyPoint[] =>
      item.ra === null || item.dec === null
        ? []
        : [{ ra: item.ra, dec: item.dec, kind: group.title, rank: item.rank }],
    ),
  );
  const { ra, dec } = dataset ?? {};
  if (candidates.length === 0 || !ra || !dec) {
    return { note: 'No sky plot: the target data gives no ra/dec for the candidates.' };
  }
  const rows = seededSample(
    Array.from({ length: Math.min(ra.length, dec.length) }, (_, i) => i).filter(
      (i) => Number.isFinite(ra[i]) && Number.isFinite(dec[i]),
    ),
    options.maxPoints,
    `${options.seed}/sky`,
  );
  const background = rows.map((i): SkyPoint => ({
    ra: ra[i],
    dec: dec[i],
    kind: 'target galaxy',
    rank: null,
  }));
  const shown = rows.length < ra.length ? `a random ${rows.length} of ${ra.length}` : `all ${rows.length}`;
  return {
    title: 'Sky positions',
    caption: `ra/dec of ${shown} target galaxies (grey) and the ${candidates.length} gallery candidates, coloured by cluster; ra grows to the left`,
    file: 'plots/sky.svg',
    spec: skyPlotSpec(
      [...background, ...candidates],
      gallery.map((g) => g.title),
    ),
  };
}
