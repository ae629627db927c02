import type { Logger } from '../../logger';
import { silentLogger } from '../../logger';
import type { BlobStore } from '../../storage/blob-store';
import { runLayout } from '../../run/run-layout';
import { clusterAnomalies } from '../anomaly-clustering';
import { mapTargetSamples } from '../embedding-map';
import type { Metrics } from '../eval-document';
import { evaluatePredictions } from '../evaluate-predictions';
import { ensembleOf, groupByMethod, loadMembers, splitByRole, type MemberPredictions } from '../run-members';
import { presentScores } from '../unknown-scores';
import { anomaliesCsv, galleryGroups, rankAnomalyCandidates } from './anomaly-candidates';
import type { GalleryGroup } from './gallery-html';
import { renderChartSvg } from './render-chart';
import { planReportCharts, type ComparedModel, type PlannedChart } from './report-charts';
import { renderReportPage } from './report-page';
import { ReportWriter } from './report-writer';
import { planSkyPlot } from './sky-plot';
import { rowsOfDataset, type TargetImages } from './target-dataset';
import { checkTargetFingerprint } from './target-fingerprint';
import { thumbnailPng } from './thumbnails';
import { parseTrainingHistory, runFacts, type TrainingHistory } from './training-history';

export interface BuildReportOptions {
  /** The target images for thumbnails and ra/dec, or a way to load them. @default none: no thumbnails */
  readonly targetImages?: TargetImages | (() => Promise<TargetImages>);
  /**
   * The target images were named by the user (`report --target`): refuse them unless their fingerprint
   * is the one the run recorded. @default false
   */
  readonly verifyTarget?: boolean;
  /** Gallery size per anomaly cluster. @default 8 */
  readonly galleryPerCluster?: number;
  /** Above this many target samples the 2-D map and the sky plot show a random subset, and say so. @default 2000 */
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

function compared(
  members: readonly MemberPredictions[],
  title: string,
  slug: string,
  seed: number,
): ComparedModel {
  return { title, slug, metrics: metricsOf(members, slug, seed), predictions: ensembleOf(members) };
}

/** The adapted ensemble (or the first baseline where the run has no adapted member), then each baseline. */
function comparedModels(members: readonly MemberPredictions[], seed: number) {
  const { adapted, baseline } = splitByRole(members);
  const groups = groupByMethod(baseline);
  const main = adapted.length > 0 ? adapted : groups[0];
  const method = main[0].method ?? 'model';
  const title = main.length > 1 ? `${method} (ensemble of ${main.length})` : method;
  const baselines = (adapted.length > 0 ? groups : groups.slice(1)).map((group) => {
    const name = group[0].method ?? 'baseline';
    return compared(group, group.length > 1 ? `${name} (${group.length})` : name, name, seed);
  });
  const spread = main.length > 1 ? main.map((m) => metricsOf([m], m.name, seed)) : [];
  return { main, models: [compared(main, title, 'main', seed), ...baselines], spread };
}

async function readHistories(store: BlobStore, runId: string, members: readonly MemberPredictions[]) {
  const histories: TrainingHistory[] = [];
  for (const member of members) {
    const key = runLayout.history(runId, member.name);
    if (!(await store.exists(key))) continue;
    histories.push(parseTrainingHistory(await store.getText(key), member.name, store.uriOf(key)));
  }
  return histories;
}

async function resolveImages(option: BuildReportOptions['targetImages']): Promise<TargetImages> {
  if (!option) return { note: 'No target dataset was given, so the gallery has no thumbnails.' };
  const images = typeof option === 'function' ? await option() : option;
  // A whole dataset given without rows serves its rows from memory.
  return images.dataset && !images.rows ? { ...images, rows: rowsOfDataset(images.dataset) } : images;
}

async function writeCharts(writer: ReportWriter, charts: readonly PlannedChart[]): Promise<void> {
  for (const chart of charts)
    await writer.write(chart.file, await renderChartSvg(chart.spec), 'image/svg+xml');
}

/** anomalies.csv and the gallery with its thumbnails. */
async function writeAnomalies(
  writer: ReportWriter,
  main: ComparedModel,
  images: TargetImages,
  options: BuildReportOptions,
): Promise<GalleryGroup[]> {
  const { predictions, metrics } = main;
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
      let thumbnail = null;
      if (shownImages && at !== undefined) {
        const { png, width, height } = await thumbnailPng(shownImages, at);
        thumbnail = { file: `thumbs/${item.index}.png`, width, height };
        await writer.write(thumbnail.file, png, 'image/png');
      }
      items.push({ ...item, thumbnail });
    }
    gallery.push({ title: group.title, items });
  }
  return gallery;
}

function runSummary(models: readonly ComparedModel[], histories: readonly TrainingHistory[]): string {
  const [main, ...baselines] = models;
  const task = main.predictions.regressionPredicted
    ? 'regression'
    : `classes ${main.metrics.classNames.join(', ')}`;
  const against = baselines.length > 0 ? `, against ${baselines.map((b) => b.title).join(' and ')}` : '';
  const backends = [...new Set(histories.map((h) => h.backend))].join(', ');
  return `${main.title} (${task})${against}${backends ? `; trained on ${backends}` : ''}`;
}

/** What a reader should know first; refuses a user-named target that is not the run's (before anything is written). */
function readerNotes(
  models: readonly ComparedModel[],
  members: readonly MemberPredictions[],
  images: TargetImages,
  verifyTarget: boolean,
): string[] {
  const notes = models.some((m) => m.slug === 'source-only')
    ? []
    : ['This run has no source-only baseline to compare with.'];
  if (images.note) notes.push(images.note);
  if (verifyTarget && images.dataset) {
    const check = checkTargetFingerprint(members, images.dataset);
    if (check.note) notes.push(check.note);
  }
  return notes;
}

/**
 * Builds runs/<runId>/report/: index.html, plots/*.svg (Vega-Lite rendered here), thumbs/*.png and
 * anomalies.csv, from the run's prediction files and histories. index.html is written last, so its
 * presence means the report is complete.
 */
export async function buildReport(
  store: BlobStore,
  runId: string,
  options: BuildReportOptions = {},
): Promise<ReportResult> {
  const logger = options.logger ?? silentLogger;
  const seed = options.seed ?? 0;
  const members = await loadMembers(store, runId);
  const { models, spread } = comparedModels(members, seed);
  const [main] = models;
  const images = await resolveImages(options.targetImages);
  const notes = readerNotes(models, members, images, options.verifyTarget === true);
  const maxPoints = options.maxMapPoints ?? 2000;
  const histories = await readHistories(store, runId, members);
  const sections = planReportCharts({
    models,
    histories,
    map: mapTargetSamples(main.predictions, { maxPoints, seed }),
    regressionQuantity: members[0].set.meta.regressionTarget,
  });
  const writer = new ReportWriter(store, runLayout.reportPrefix(runId));
  await writeCharts(
    writer,
    sections.flatMap((section) => section.charts),
  );
  const gallery = main.metrics.classification ? await writeAnomalies(writer, main, images, options) : [];
  const skyPlot = main.metrics.classification ? planSkyPlot(images.rows, gallery, { maxPoints, seed }) : null;
  if (skyPlot && 'spec' in skyPlot) await writeCharts(writer, [skyPlot]);
  const html = renderReportPage({
    runId,
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    summary: runSummary(models, histories),
    runFacts: histories.map(runFacts),
    comparison: {
      columns: models,
      reference: models.find((m) => m.slug === 'source-only') ?? null,
      members: spread,
      scoreNames: presentScores(main.predictions),
    },
    sections,
    skyPlot,
    gallery,
    scoreNames: presentScores(main.predictions),
    bestScore: main.metrics.classification?.bestScore ?? null,
    notes,
  });
  const indexKey = await writer.write('index.html', html, 'text/html; charset=utf-8');
  logger.info({ runId, index: store.uriOf(indexKey), files: writer.written.length }, 'report written');
  return { indexKey, indexUri: store.uriOf(indexKey), written: writer.written, notes };
}
