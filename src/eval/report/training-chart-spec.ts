import type { TopLevelSpec } from 'vega-lite';
import type { TrainingHistory } from './training-history';

interface CurvePoint {
  readonly epoch: number;
  readonly series: string;
  readonly value: number;
}

const FONT = { font: 'sans-serif', view: { stroke: null } } as const;

/** 1-based epochs at which the learning rate changed, with the new rate. */
export function learningRateSteps(history: TrainingHistory): { epoch: number; label: string }[] {
  return history.epochs.flatMap((e, i) =>
    i > 0 && e.learningRate !== history.epochs[i - 1].learningRate
      ? [{ epoch: e.epoch + 1, label: `lr ${e.learningRate.toExponential(0)}` }]
      : [],
  );
}

/** Whole epochs only: every one where there are few, else a step of at least one. */
function epochAxis(points: readonly CurvePoint[]): Record<string, unknown> {
  const last = Math.max(1, ...points.map((p) => p.epoch));
  return last <= 20
    ? { values: Array.from({ length: last }, (_, i) => i + 1), format: 'd' }
    : { tickMinStep: 1, format: 'd' };
}

function panel(
  title: string,
  points: readonly CurvePoint[],
  steps: readonly { epoch: number; label: string }[],
  extra: readonly Record<string, unknown>[] = [],
): Record<string, unknown> {
  return {
    title: { text: title, fontSize: 12 },
    width: 250,
    height: 130,
    layer: [
      {
        data: { values: points },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: epochAxis(points) },
          y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            legend: { orient: 'bottom', columns: 2, labelLimit: 220 },
          },
        },
      },
      ...(steps.length > 0
        ? [
            {
              data: { values: steps },
              mark: { type: 'rule', color: '#999', strokeDash: [4, 3] },
              encoding: { x: { field: 'epoch', type: 'quantitative' } },
            },
            {
              data: { values: steps },
              mark: { type: 'text', align: 'left', dx: 3, baseline: 'top', y: 0, fontSize: 9, color: '#666' },
              encoding: { x: { field: 'epoch', type: 'quantitative' }, text: { field: 'label' } },
            },
          ]
        : []),
      ...extra,
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

function keptEpochMarks(history: TrainingHistory): Record<string, unknown>[] {
  const kept = history.epochs.find((e) => e.epoch === history.bestEpoch);
  if (!kept) return [];
  const values = [
    { epoch: kept.epoch + 1, value: kept.monitor.value, label: `kept: epoch ${kept.epoch + 1}` },
  ];
  return [
    {
      data: { values },
      mark: { type: 'rule', color: '#2ca02c', strokeWidth: 2 },
      encoding: { x: { field: 'epoch', type: 'quantitative' } },
    },
    {
      data: { values },
      mark: { type: 'point', shape: 'diamond', size: 120, filled: true, color: '#2ca02c' },
      encoding: {
        x: { field: 'epoch', type: 'quantitative' },
        y: { field: 'value', type: 'quantitative' },
      },
    },
    {
      data: { values },
      mark: { type: 'text', align: 'right', dx: -4, dy: -8, fontSize: 10, color: '#2ca02c' },
      encoding: {
        x: { field: 'epoch', type: 'quantitative' },
        y: { field: 'value', type: 'quantitative' },
        text: { field: 'label' },
      },
    },
  ];
}

/**
 * One member's training, four panels: every loss term (the minimized total and each unweighted term),
 * the source validation loss, source accuracies (validation and training), and the monitored quantity
 * with the kept epoch marked. Learning-rate steps are dashed rules in every panel.
 */
export function memberTrainingSpec(history: TrainingHistory): TopLevelSpec {
  const steps = learningRateSteps(history);
  const at = (e: TrainingHistory['epochs'][number]) => e.epoch + 1;
  const losses = history.epochs.flatMap((e) =>
    Object.entries(e.losses).map(([series, value]) => ({ epoch: at(e), series, value })),
  );
  const validationLoss = history.epochs.map((e) => ({
    epoch: at(e),
    series: 'source validation loss',
    value: e.validation.sourceValLoss,
  }));
  const accuracy = history.epochs.flatMap((e) => [
    ...(e.validation.sourceValAccuracy === null
      ? []
      : [{ epoch: at(e), series: 'source validation', value: e.validation.sourceValAccuracy }]),
    ...(e.sourceTrainAccuracy === null
      ? []
      : [{ epoch: at(e), series: 'source training', value: e.sourceTrainAccuracy }]),
  ]);
  const monitor = history.epochs.map((e) => ({
    epoch: at(e),
    series: e.monitor.name,
    value: e.monitor.value,
  }));
  const panels = [
    panel('loss terms', losses, steps),
    panel('source validation loss', validationLoss, steps),
    ...(accuracy.length > 0 ? [panel('source accuracy', accuracy, steps)] : []),
    panel(`monitored: ${history.monitor}`, monitor, steps, keptEpochMarks(history)),
  ];
  return {
    config: FONT,
    title: { text: `member ${history.name} (${history.method})`, anchor: 'start', fontSize: 14 },
    columns: 2,
    concat: panels,
    resolve: { scale: { color: 'independent' } },
  } as unknown as TopLevelSpec;
}
