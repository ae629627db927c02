import { escapeHtml } from './html';
import type { RunFacts } from './training-history';

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** One row per member: method, backend, epochs, kept epoch, why it stopped, speed and wall time. */
export function runFactsTable(facts: readonly RunFacts[]): string {
  const head = [
    'member',
    'method',
    'backend',
    'epochs run',
    'kept epoch',
    'stopped by',
    'images/s',
    'wall time',
    'learning rate',
  ];
  const rows = facts.map((f) =>
    [
      f.member,
      f.method,
      f.backend,
      String(f.epochs),
      f.keptEpoch === null ? '–' : String(f.keptEpoch),
      f.stopReason,
      f.imagesPerSecond === null ? '–' : f.imagesPerSecond.toFixed(1),
      duration(f.wallSeconds),
      f.learningRates,
    ]
      .map((cell) => `<td>${escapeHtml(cell)}</td>`)
      .join(''),
  );
  return (
    `<table class="facts"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r}</tr>`).join('\n')}</tbody></table>`
  );
}
