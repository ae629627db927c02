import type { UnknownScoreName } from '../scored-predictions';
import type { BestScoreChoice } from '../unknown-scores';
import { comparisonTable, type ComparisonModel } from './comparison-table';
import { galleryHtml, type GalleryGroup } from './gallery-html';
import { escapeHtml } from './html';
import { runFactsTable } from './run-facts-html';
import type { RunFacts } from './training-history';

export { escapeHtml } from './html';
export type { GalleryGroup } from './gallery-html';

/** A rendered chart file, relative to the report folder. */
export interface ChartRef {
  readonly title: string;
  readonly file: string;
  readonly caption?: string;
}

export interface ChartSection {
  readonly title: string;
  readonly charts: readonly ChartRef[];
  readonly note?: string;
}

/** Everything the page shows; links are relative, so the folder works from disk and from S3 alike. */
export interface ReportPageModel {
  readonly runId: string;
  readonly createdAt: string;
  /** One line on what the run is: task, method, data. */
  readonly summary: string;
  readonly runFacts: readonly RunFacts[];
  readonly comparison: ComparisonModel;
  /** Chart sections in page order; "Training curves" goes first, beside the run facts. */
  readonly sections: readonly ChartSection[];
  /** The sky plot of candidates among all target galaxies, or why there is none; null: no anomaly section (regression). */
  readonly skyPlot: ChartRef | { readonly note: string } | null;
  readonly gallery: readonly GalleryGroup[];
  readonly scoreNames: readonly UnknownScoreName[];
  readonly bestScore: BestScoreChoice | null;
  /** Things a reader should know: subsampling, missing thumbnails, missing baseline. */
  readonly notes: readonly string[];
}

function figure(chart: ChartRef): string {
  return (
    `<figure><img src="${escapeHtml(chart.file)}" alt="${escapeHtml(chart.title)}">` +
    `<figcaption>${escapeHtml(chart.caption ?? chart.title)}</figcaption></figure>`
  );
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function section(title: string, body: string): string {
  return `<section id="${slug(title)}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function chartSection(chartSection: ChartSection, before = ''): string {
  const note = chartSection.note ? `<p class="note">${escapeHtml(chartSection.note)}</p>` : '';
  const figures = chartSection.charts.map(figure).join('\n');
  return section(chartSection.title, `${before}${note}<div class="charts">${figures}</div>`);
}

function trainingSection(model: ReportPageModel, curves: ChartSection | undefined): string {
  const facts =
    model.runFacts.length > 0 ? runFactsTable(model.runFacts) : '<p>No history.json was found.</p>';
  if (curves) return chartSection({ ...curves, title: 'Training' }, facts);
  return section('Training', facts);
}

function anomalySection(model: ReportPageModel): string {
  if (model.skyPlot === null) return '';
  const sky =
    'file' in model.skyPlot
      ? `<h3>Where the candidates lie among all target galaxies</h3><div class="charts">${figure(model.skyPlot)}</div>`
      : `<p class="note">${escapeHtml(model.skyPlot.note)}</p>`;
  return section(
    'Anomaly candidates',
    `${sky}<h3>Gallery, per cluster of predicted unknowns</h3>${galleryHtml(model.gallery, model.scoreNames, model.bestScore)}`,
  );
}

const STYLE = `body{font-family:sans-serif;margin:2em;color:#222;max-width:1280px}
h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th[scope=row]{text-align:left;font-weight:normal}tr.group th{text-align:left;background:#f2f2f2}
table.facts td{text-align:left}td.better{color:#1a7f37;font-weight:bold}td.worse{color:#c62828;font-weight:bold}
.charts{display:flex;flex-wrap:wrap;gap:1.2em;align-items:flex-start}
figure{margin:0}figcaption{font-size:.85em;color:#555;max-width:640px}.gallery{display:flex;flex-wrap:wrap;gap:1em}
.card{width:172px;font-size:.78em}.card img{image-rendering:pixelated;border:1px solid #ccc;display:block}
.no-thumb{width:160px;height:160px;background:#eee;display:flex;align-items:center;justify-content:center;color:#888}
nav{font-size:.9em;margin-bottom:1em}.muted{color:#888}.note{background:#fff8dc;padding:.4em .8em;border-left:4px solid #e0b000}`;

/** Links to each section, in page order. */
function contents(titles: readonly string[]): string {
  const links = titles.map((title) => `<a href="#${slug(title)}">${escapeHtml(title)}</a>`).join(' · ');
  return `<nav>${links}</nav>`;
}

/** The report's index.html: one self-contained page with relative links to its plots and thumbnails. */
export function renderReportPage(model: ReportPageModel): string {
  const notes = model.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n');
  const curves = model.sections.find((s) => s.title === 'Training curves');
  const others = model.sections.filter((s) => s !== curves);
  const titles = [
    'Adapted vs baselines',
    'Training',
    ...others.map((s) => s.title),
    ...(model.skyPlot === null ? [] : ['Anomaly candidates']),
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Run ${escapeHtml(model.runId)}: evaluation and anomalies</title>
<link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body><h1>Run ${escapeHtml(model.runId)}</h1><p>${escapeHtml(model.summary)}. Report built ${escapeHtml(model.createdAt)}.</p>
${contents(titles)}
${notes}
${section('Adapted vs baselines', comparisonTable(model.comparison))}
${trainingSection(model, curves)}
${others.map((s) => chartSection(s)).join('\n')}
${anomalySection(model)}
</body></html>
`;
}
