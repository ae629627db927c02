import type { BestScoreChoice } from '../unknown-scores';
import type { UnknownScoreName } from '../scored-predictions';
import type { AnomalyCandidate } from './anomaly-candidates';
import { escapeHtml } from './html';
import { skyLinks } from './sky-links';

/** A candidate with its thumbnail file (relative to the report folder) and that image's size. */
export interface GalleryItem extends AnomalyCandidate {
  readonly thumbnail: { readonly file: string; readonly width: number; readonly height: number } | null;
}

export interface GalleryGroup {
  readonly title: string;
  readonly items: readonly GalleryItem[];
}

function formatScore(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(3);
}

function position(item: GalleryItem): string {
  if (item.ra === null || item.dec === null) return '<span class="muted">no ra/dec in the data</span>';
  const links = skyLinks(item.ra, item.dec)
    .map(
      (link) =>
        `<a href="${escapeHtml(link.href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(link.label)}</a>`,
    )
    .join(' · ');
  return `ra ${item.ra.toFixed(5)} dec ${item.dec.toFixed(5)}<br>${links}`;
}

function galleryItem(item: GalleryItem, scoreNames: readonly UnknownScoreName[], ranking: UnknownScoreName) {
  const image = item.thumbnail
    ? `<img src="${escapeHtml(item.thumbnail.file)}" alt="target sample ${item.index}" ` +
      `width="${item.thumbnail.width}" height="${item.thumbnail.height}">`
    : '<div class="no-thumb">no image</div>';
  const scores = scoreNames
    .map((name) => {
      const text = `${escapeHtml(name)} ${formatScore(item.scores[name])}`;
      return name === ranking ? `<b>${text}</b>` : text;
    })
    .join('<br>');
  const truth = item.truth === null ? '' : ` · true ${escapeHtml(item.truth)}`;
  return (
    `<div class="card">${image}<div class="caption"><b>#${item.rank}</b> index ${item.index}` +
    `<br>predicted ${escapeHtml(item.predicted)}${truth}<br>${position(item)}<br><small>${scores}</small></div></div>`
  );
}

/** The per-cluster gallery: thumbnails, scores, decisions, sky positions with viewer links. */
export function galleryHtml(
  gallery: readonly GalleryGroup[],
  scoreNames: readonly UnknownScoreName[],
  bestScore: BestScoreChoice | null,
): string {
  const ranking = bestScore?.name ?? 'entropy';
  const groups = gallery
    .map(
      (group) =>
        `<h3>${escapeHtml(group.title)}</h3><div class="gallery">` +
        `${group.items.map((item) => galleryItem(item, scoreNames, ranking)).join('\n')}</div>`,
    )
    .join('\n');
  const why = bestScore
    ? `<p>Ranked by <b>${escapeHtml(bestScore.name)}</b>: ${escapeHtml(bestScore.reason)}.</p>`
    : '';
  return `${why}<p>All ranked candidates: <a href="anomalies.csv">anomalies.csv</a></p>${groups}`;
}
