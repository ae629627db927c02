import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from '../logger';

interface LogLine {
  readonly msg?: string;
  readonly state?: string;
  readonly member?: number | string;
  readonly line?: string;
  readonly epoch?: number;
  readonly losses?: Record<string, number>;
  readonly validation?: { sourceValLoss?: number; sourceValAccuracy?: number | null };
  readonly imagesPerSecond?: number;
  readonly bestEpoch?: number;
}

function parse(text: string): LogLine | undefined {
  try {
    return JSON.parse(text) as LogLine;
  } catch {
    return undefined;
  }
}

function describeEpoch(member: number | string | undefined, epoch: LogLine): string {
  const losses = Object.entries(epoch.losses ?? {})
    .map(([name, value]) => `${name} ${value.toFixed(3)}`)
    .join(', ');
  const accuracy = epoch.validation?.sourceValAccuracy;
  return (
    `    member ${member} epoch ${(epoch.epoch ?? 0) + 1}: ${losses}; source val loss ` +
    `${epoch.validation?.sourceValLoss?.toFixed(3)}, accuracy ${accuracy?.toFixed(3) ?? '-'}; ` +
    `${epoch.imagesPerSecond?.toFixed(0)} img/s`
  );
}

/** The human line for one log record of the local workflow, or undefined to stay quiet. */
export function progressLine(record: LogLine): string | undefined {
  if (record.msg === 'state entered') return `  ${record.state}`;
  if (record.msg !== 'trainer output' || record.line === undefined) return undefined;
  const trainer = parse(record.line);
  if (trainer?.msg === 'epoch finished') return describeEpoch(record.member, trainer);
  if (trainer?.msg === 'member finished')
    return `    member ${record.member} done, best epoch ${trainer.bestEpoch! + 1}`;
  return undefined;
}

/**
 * A logger for runLocalWorkflow that prints what a person watching `npm start` wants: each state as it
 * is entered and each trainer epoch, one line each, instead of JSON.
 */
export function workflowProgressLogger(print: (line: string) => void): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) {
        const record = text ? parse(text) : undefined;
        const line = record && progressLine(record);
        if (line) print(line);
      }
      done();
    },
  });
  return pino({ level: 'debug', base: undefined }, sink);
}
