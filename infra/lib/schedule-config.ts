import { InvalidConfigError } from '../../src/errors';
import { resolveConfig, type RunConfig, type RunConfigInput } from '../../src/config/run-config';

/** Marks a file name the user has to replace: the study's file names are not known to this code. */
export const SCHEDULE_FILE_PLACEHOLDER = 'SET-IN-deepastro:scheduleConfig';

/**
 * What a scheduled start (and `cloud start` without --config) trains: the study's 3class task,
 * SDSS → DECaLS, both from the study's Zenodo record. The file names are placeholders until set.
 */
export const DEFAULT_SCHEDULE_CONFIG = {
  task: '3class',
  data: {
    source: { kind: 'zenodo', record: '7473597', file: `${SCHEDULE_FILE_PLACEHOLDER}/sdss-3class.h5` },
    target: { kind: 'zenodo', record: '7473597', file: `${SCHEDULE_FILE_PLACEHOLDER}/decals-3class.h5` },
  },
} as const satisfies RunConfigInput;

/**
 * Resolves the `deepastro:scheduleConfig` context option (an object, or its JSON text from `-c`) with
 * the GPU defaults the Batch job trains with. Throws naming the option and the bad field.
 */
export function resolveScheduleConfig(raw: unknown, contextKey: string): RunConfig {
  try {
    return resolveConfig(typeof raw === 'string' ? JSON.parse(raw) : raw, { gpu: true, awsBatch: true });
  } catch (error) {
    if (!(error instanceof InvalidConfigError) && !(error instanceof SyntaxError)) throw error;
    throw new Error(
      `Context option ${contextKey} is not a valid run config (${error.message}); set it in cdk.json to a run ` +
        `config object with data.source and data.target, e.g. ${JSON.stringify(DEFAULT_SCHEDULE_CONFIG)}`,
      { cause: error },
    );
  }
}

/** The data files of a config that still carry SCHEDULE_FILE_PLACEHOLDER. */
export function placeholderFiles(config: RunConfig): string[] {
  return [config.data.source, config.data.target]
    .filter((source) => source.kind === 'zenodo' && source.file.startsWith(SCHEDULE_FILE_PLACEHOLDER))
    .map((source) => (source.kind === 'zenodo' ? source.file : ''));
}
