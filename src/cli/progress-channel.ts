import { writeSync } from 'node:fs';
import { encodeProgressEvent, PROGRESS_FD_VARIABLE, type TrainerProgressEvent } from '../run/progress-events';

/**
 * Where `train` writes its typed progress events: the file descriptor a parent process named in
 * DEEPASTRO_PROGRESS_FD, or nowhere. Written synchronously, so no event is lost when the process exits.
 */
export function progressChannel(
  environment: NodeJS.ProcessEnv = process.env,
): (event: TrainerProgressEvent) => void {
  const fd = Number(environment[PROGRESS_FD_VARIABLE]);
  if (!Number.isInteger(fd) || fd < 3) return () => undefined;
  return (event) => writeSync(fd, encodeProgressEvent(event));
}
