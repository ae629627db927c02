import type { Metrics } from '../eval-document';
import type { UnknownScoreName } from '../scored-predictions';
import type { BestScoreChoice } from '../unknown-scores';
import type { AnomalyCandidate } from './anomaly-candidates';

/** A rendered chart file, relative to the report folder. */
export interface ChartRef {
  readonly title: string;
  readonly file: string;
  readonly caption?: string;
}

export interface GalleryGroup {
  readonly title: string;
  readonly items: readonly (AnomalyCandidate & { readonly thumbnail: string | null })[];
}

/** Everything the page shows; links are relative, so the folder works from disk and from S3 alike. */
export interface ReportPageModel {
  readonly runId: string;
  readonly createdAt: string;
  /** Headline columns: the adapted ensemble, the source-only baseline, each member. */
  readonly columns: readonly { readonly title: string; readonly metrics: Metrics }[];
  readonly bestScore: BestScoreChoice | null;
  readonly sections: readonly {
    readonly title: string;
    readonly charts: readonly ChartRef[];
    readonly note?: string;
  }[];
  readonly gallery: readonly GalleryGroup[];
  readonly scoreNames: readonly UnknownScoreName[];
  /** Things a reader should know: subsampling, missing thumbnails, missing baseline. */
  readonly notes: readonly string[];
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(3);
}

type MetricRow = readonly [string, (m: Metrics) => number | null | undefined];

function metricRows(scoreNames: readonly UnknownScoreName[]): MetricRow[] {
  return [
    ['Source test accuracy', (m) => m.classification?.sourceAccuracy],
    ['Target closed-set accuracy', (m) => m.classification?.targetClosedSetAccuracy],
    ['Mean per-class accuracy', (m) => m.classification?.meanPerClassAccuracy],
    ['Known accuracy (shared classes)', (m) => m.classification?.knownAccuracy],
    ['Unknown recall', (m) => m.classification?.unknownRecall],
    ['H-score', (m) => m.classification?.hScore],
    ...scoreNames.map((name): MetricRow => [
      `AUROC ${name}`,
      (m) => m.classification?.unknownScores[name]?.auroc,
    ]),
    ...scoreNames.map((name): MetricRow => [
      `AUPR ${name}`,
      (m) => m.classification?.unknownScores[name]?.aupr,
    ]),
    ['Cluster purity', (m) => m.clustering?.purity],
    ['Cluster NMI', (m) => m.clustering?.nmi],
    ['MAE source', (m) => m.regression?.source.mae],
    ['RMSE source', (m) => m.regression?.source.rmse],
    ['MAE target', (m) => m.regression?.target.mae],
    ['RMSE target', (m) => m.regression?.target.rmse],
  ];
}

function headlineTable(model: ReportPageModel): string {
  const rows = metricRows(model.scoreNames).filter(([, read]) =>
    model.columns.some((c) => read(c.metrics) != null),
  );
  const head = model.columns.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('');
  const body = rows
    .map(([label, read]) => {
      const cells = model.columns.map((c) => `<td>${formatNumber(read(c.metrics))}</td>`).join('');
      return `<tr><th scope="row">${escapeHtml(label)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<table class="metrics"><thead><tr><th>metric</th>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function chartSection(section: ReportPageModel['sections'][number]): string {
  const figures = section.charts
    .map(
      (chart) =>
        `<figure><img src="${escapeHtml(chart.file)}" alt="${escapeHtml(chart.title)}">` +
        `<figcaption>${escapeHtml(chart.caption ?? chart.title)}</figcaption></figure>`,
    )
    .join('\n');
  const note = section.note ? `<p class="note">${escapeHtml(section.note)}</p>` : '';
  return `<section><h2>${escapeHtml(section.title)}</h2>${note}<div class="charts">${figures}</div></section>`;
}

function galleryItem(item: GalleryGroup['items'][number], scoreNames: readonly UnknownScoreName[]): string {
  const image = item.thumbnail
    ? `<img src="${escapeHtml(item.thumbnail)}" alt="target sample ${item.index}" width="96" height="96">`
    : '<div class="no-thumb">no image</div>';
  const scores = scoreNames
    .map((name) => `${escapeHtml(name)} ${formatNumber(item.scores[name])}`)
    .join('<br>');
  const truth = item.truth === null ? '' : ` · true ${escapeHtml(item.truth)}`;
  return (
    `<div class="card">${image}<div class="caption"><b>#${item.rank}</b> index ${item.index}` +
    `<br>predicted ${escapeHtml(item.predicted)}${truth}<br><small>${scores}</small></div></div>`
  );
}

function gallerySection(model: ReportPageModel): string {
  const groups = model.gallery
    .map(
      (group) =>
        `<h3>${escapeHtml(group.title)}</h3><div class="gallery">` +
        `${group.items.map((item) => galleryItem(item, model.scoreNames)).join('\n')}</div>`,
    )
    .join('\n');
  const ranking = model.bestScore
    ? `<p>Ranked by <b>${escapeHtml(model.bestScore.name)}</b>: ${escapeHtml(model.bestScore.reason)}.</p>`
    : '';
  return `<section><h2>Anomaly candidates</h2>${ranking}<p><a href="anomalies.csv">anomalies.csv</a></p>${groups}</section>`;
}

const STYLE = `body{font-family:sans-serif;margin:2em;color:#222;max-width:1200px}
table.metrics{border-collapse:collapse}table.metrics td,table.metrics th{border:1px solid #ccc;padding:4px 8px;text-align:right}
table.metrics th[scope=row]{text-align:left;font-weight:normal}.charts{display:flex;flex-wrap:wrap;gap:1em}
figure{margin:0}figcaption{font-size:.85em;color:#555}.gallery{display:flex;flex-wrap:wrap;gap:.8em}
.card{width:150px;font-size:.8em}.card img{image-rendering:pixelated;border:1px solid #ccc}
.no-thumb{width:96px;height:96px;background:#eee;display:flex;align-items:center;justify-content:center;color:#888}
.note{background:#fff8dc;padding:.4em .8em;border-left:4px solid #e0b000}`;

/** The report's index.html: one self-contained page with relative links to its plots and thumbnails. */
export function renderReportPage(model: ReportPageModel): string {
  const notes = model.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Run ${escapeHtml(model.runId)}: evaluation and anomalies</title>
<link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body><h1>Run ${escapeHtml(model.runId)}</h1><p>Report built ${escapeHtml(model.createdAt)}.</p>
${notes}
<section><h2>Headline metrics</h2>${headlineTable(model)}</section>
${model.sections.map(chartSection).join('\n')}
${gallerySection(model)}
</body></html>
`;
}
