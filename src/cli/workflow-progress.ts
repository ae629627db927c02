import type { WorkflowProgressEvent } from '../run/progress-events';
import { bestEpochText } from './best-epoch';

/**
 * The line a person watching `npm start` sees for one progress event of the local workflow: each state
 * as it is entered or fails, each trainer epoch and each member's end; undefined to stay quiet.
 */
export function progressLine(event: WorkflowProgressEvent): string | undefined {
  switch (event.kind) {
    case 'state-entered':
      return `  ${event.state}`;
    case 'state-failed':
      return `  ${event.state}: ${event.event.replace(/^State/, '').toLowerCase()} (${event.error ?? 'error'})`;
    case 'epoch': {
      const losses = Object.entries(event.losses)
        .map(([name, value]) => `${name} ${value.toFixed(3)}`)
        .join(', ');
      const monitor = event.targetMonitor;
      const kept = monitor
        ? `${monitor.name} ${monitor.value?.toFixed(3) ?? '-'}${monitor.best ? ', best so far' : ''}; `
        : '';
      return (
        `    member ${event.member} epoch ${event.epoch + 1}/${event.maxEpochs}: ${losses}; ` +
        `source val loss ${event.sourceValLoss.toFixed(3)}, accuracy ${event.sourceValAccuracy?.toFixed(3) ?? '-'}; ` +
        `${kept}${event.imagesPerSecond.toFixed(0)} img/s`
      );
    }
    case 'member-finished':
      return event.status === 'already-finished'
        ? `    member ${event.member} was already finished`
        : `    member ${event.member} done, ${bestEpochText(event.bestEpoch)}`;
  }
}
