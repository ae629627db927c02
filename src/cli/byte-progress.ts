import { SingleBar } from 'cli-progress';

/** Reports bytes moved: a live bar with rate and ETA on a terminal, nothing otherwise (logs say enough). */
export interface ByteProgress {
  start(label: string, totalBytes: number): void;
  update(bytes: number): void;
  stop(): void;
}

const MB = 1e6;

export function createByteProgress(stream: NodeJS.WriteStream = process.stderr): ByteProgress {
  if (!stream.isTTY) return { start: () => undefined, update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream,
    format: '{label} [{bar}] {percentage}% | {doneMB}/{totalMB} MB | {rateMB} MB/s | ETA {eta_formatted}',
    hideCursor: true,
    etaBuffer: 50,
  });
  let startedMs = 0;
  const payload = (bytes: number) => ({
    doneMB: (bytes / MB).toFixed(1),
    rateMB: (bytes / MB / Math.max(1e-3, (Date.now() - startedMs) / 1000)).toFixed(1),
  });
  return {
    start(label, totalBytes) {
      startedMs = Date.now();
      bar.start(totalBytes, 0, { label, totalMB: (totalBytes / MB).toFixed(1), ...payload(0) });
    },
    update(bytes) {
      bar.update(bytes, payload(bytes));
    },
    stop() {
      bar.stop();
    },
  };
}
