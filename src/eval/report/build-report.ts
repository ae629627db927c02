import type { Logger } from '../../logger';
import { silentLogger } from '../../logger';
import type { BlobStore } from '../../storage/blob-store';
import { runLayout } from '../../run/run-layout';
import { clusterAnomalies } from '../anomaly-clustering';
import { mapTargetSamples } from '../embedding-map';
import type { Metrics } from '../eval-document';
import { evaluatePredictions } from '../evaluate-predictions';
import { ensembleOf, loadMembers, splitByRole, type MemberPredictions } from '../run-members';
import type { ScoredPredictions } from '../scored-predictions';
import { presentScores } from '../unknown-scores';
import { anomaliesCsv, galleryGroups, rankAnomalyCandidates } from './anomaly-candidates';
import { renderChartSvg } from './render-chart';
import { planReportCharts, type PlannedSection } from './report-charts';
import { renderReportPage, type GalleryGroup } from './report-page';
import { ReportWriter } from './report-writer';
import type { TargetImages } from './target-dataset';
import { thumbnailPng } from './thumbnails';
import { parseTrainingHistory, type HistoryPoint } from './training-history';

export interface BuildReportOptions {
  /** The target images for thumbnails and ra/dec, or a way to load them. @default none: no thumbnails */
  readonly targetImages?: TargetImages | (() => Promise<TargetImages>);
  /** Gallery size per anomaly cluster. @default 8 */
  readonly galleryPerCluster?: number;
  /** Above this many target samples the 2-D map shows a random subset, and says so. @default 2000 */
  readonly maxMapPoints?: number;
  /** Rows of anomalies.csv. @default 1000 */
  readonly maxCandidates?: number;
  /** @default 0 */
  readonly seed?: number;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

export interface ReportResult {
  readonly indexKey: string;
  readonly indexUri: string;
  /** Every key written; index.html last. */
  readonly written: readonly string[];
  readonly notes: readonly string[];
}

function metricsOf(members: readonly MemberPredictions[], subject: string, seed: number): Metrics {
  const meta = {
    subject,
    members: members.map((m) => m.name),
    method: members[0].method,
    role: members[0].role,
  };
  return evaluatePredictions(ensembleOf(members), meta, { seed });
}

async function readHistory(store: BlobStore, runId: string, members: readonly MemberPredictions[]) {
  const points: (HistoryPoint & { member: string })[] = [];
  for (const member of members) {
    const key = runLayout.history(runId, member.name);
    if (!(await store.exists(key))) continue;
    const history = parseTrainingHistory(await store.getText(key), store.uriOf(key));
    points.push(...history.map((p) => ({ ...p, member: member.name })));
  }
  return points;
}

async function resolveImages(option: BuildReportOptions['targetImages']): Promise<TargetImages> {
  if (!option) return { note: 'No target dataset was given, so the gallery has no thumbnails.' };
  return typeof option === 'function' ? option() : option;
}

/** Headline columns: the main ensemble, the baseline, and each member where there are several. */
function headlineColumns(
  main: readonly MemberPredictions[],
  mainMetrics: Metrics,
  baseline: Metrics | null,
  seed: number,
) {
  const title =
    main[0].role === 'adapted' ? `adapted (ensemble of ${main.length})` : `source-only (${main.length})`;
  const columns = [{ title, metrics: mainMetrics }];
  if (baseline) columns.push({ title: 'source-only', metrics: baseline });
  if (main.length > 1) {
    for (const member of main)
      columns.push({ title: `member ${member.name}`, metrics: metricsOf([member], member.name, seed) });
  }
  return columns;
}

async function writeCharts(writer: ReportWriter, sections: readonly PlannedSection[]): Promise<void> {
  for (const chart of sections.flatMap((s) => s.charts)) {
    await writer.write(chart.file, await renderChartSvg(chart.spec), 'image/svg+xml');
  }
}

/** anomalies.csv and the gallery with its thumbnails. */
async function writeAnomalies(
  writer: ReportWriter,
  predictions: ScoredPredictions,
  metrics: Metrics,
  images: TargetImages,
  options: BuildReportOptions,
): Promise<GalleryGroup[]> {
  const clustering = clusterAnomalies(predictions, { seed: options.seed ?? 0 });
  const scoreName = metrics.classification?.bestScore.name ?? 'entropy';
  const limit = options.maxCandidates ?? 1000;
  const rows = images.rows;
  const candidates = rankAnomalyCandidates(predictions, scoreName, clustering, limit, rows);
  await writer.write('anomalies.csv', anomaliesCsv(candidates, presentScores(predictions)), 'text/csv');
  const groups = galleryGroups(candidates, options.galleryPerCluster ?? 8);
  // Only the rows shown are read from the target data.
  const shown = rows
    ? [...new Set(groups.flatMap((g) => g.candidates.map((c) => c.index)))].filter((i) => i < rows.n)
    : [];
  const shownImages = rows && shown.length > 0 ? await rows.readImages(shown) : undefined;
  const position = new Map(shown.map((index, i) => [index, i]));
  const gallery: GalleryGroup[] = [];
  for (const group of groups) {
    const items = [];
    for (const item of group.candidates) {
      const at = position.get(item.index);
      const thumbnail = shownImages && at !== undefined ? `thumbs/${item.index}.png` : null;
      if (shownImages && thumbnail && at !== undefined)
        await writer.write(thumbnail, await thumbnailPng(shownImages, at), 'image/png');
      items.push({ ...item, thumbnail });
    }
    gallery.push({ title: group.title, items });
  }
  return gallery;
}

/**
 * Builds runs/<runId>/report/: index.html, plots/*.svg (Vega-Lite rendered here), thumbs/*.png and
 * anomalies.csv, from the run's prediction files. index.html is written last, so its presence means the
 * report is complete.
 */
export async function buildReport(
  store: BlobStore,
  runId: string,
  options: BuildReportOptions = {},
): Promise<ReportResult> {
  const logger = options.logger ?? silentLogger;
  const seed = options.seed ?? 0;
  const members = await loadMembers(store, runId);
  const { adapted, baseline } = splitByRole(members);
  const main = adapted.length > 0 ? adapted : baseline;
  const predictions = ensembleOf(main);
  const mainMetrics = metricsOf(main, adapted.length > 0 ? 'ensemble' : 'baseline-ensemble', seed);
  const baselineMetrics =
    adapted.length > 0 && baseline.length > 0 ? metricsOf(baseline, 'source-only', seed) : null;
  const images = await resolveImages(options.targetImages);
  const notes = [...(baselineMetrics ? [] : ['This run has no source-only baseline to compare with.'])];
  if (images.note) notes.push(images.note);
  const map = mapTargetSamples(predictions, { maxPoints: options.maxMapPoints ?? 2000, seed });
  const history = await readHistory(store, runId, members);
  const sections = planReportCharts({
    adapted: predictions,
    adaptedMetrics: mainMetrics,
    baselineMetrics,
    history,
    map,
  });
  const writer = new ReportWriter(store, runLayout.reportPrefix(runId));
  await writeCharts(writer, sections);
  const gallery = await writeAnomalies(writer, predictions, mainMetrics, images, options);
  const html = renderReportPage({
    runId,
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    columns: headlineColumns(main, mainMetrics, baselineMetrics, seed),
    bestScore: mainMetrics.classification?.bestScore ?? null,
    sections,
    gallery,
    scoreNames: presentScores(predictions),
    notes,
  });
  const indexKey = await writer.write('index.html', html, 'text/html; charset=utf-8');
  logger.info({ runId, index: store.uriOf(indexKey), files: writer.written.length }, 'report written');
  return { indexKey, indexUri: store.uriOf(indexKey), written: writer.written, notes };
}
