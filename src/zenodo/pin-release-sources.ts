import type { DataSource, RunConfig } from '../config/run-config';
import { InvalidConfigError } from '../errors';

/** The release a run trains on: the version resolved, and the ids a config may name it by. */
export interface PinnedRelease {
  readonly recordId: string;
  readonly conceptRecordId: string;
  /** The record id the run was started with (a version or the concept). */
  readonly requested: string;
  /** File names of the resolved version. */
  readonly files: readonly string[];
}

function pin(source: DataSource, release: PinnedRelease, role: string): DataSource {
  if (source.kind !== 'zenodo') return source;
  const names = new Set([release.recordId, release.conceptRecordId, release.requested]);
  if (!names.has(source.record)) return source;
  if (!release.files.includes(source.file)) {
    throw new InvalidConfigError(
      `data.${role}.file: Zenodo record ${release.recordId} has no file ${source.file}; it has ${release.files.join(', ')}`,
    );
  }
  return { ...source, record: release.recordId };
}

/**
 * The config a run writes to config.json: its Zenodo data sources that name the started record (or its
 * concept) point at the resolved version, whose files Ingest writes to raw/zenodo/<recordId>/, and a
 * file the release does not have is refused now rather than after a GPU instance has started.
 */
export function pinReleaseSources(config: RunConfig, release: PinnedRelease): RunConfig {
  const { source, target, targetValidation } = config.data;
  return {
    ...config,
    data: {
      ...config.data,
      source: pin(source, release, 'source'),
      target: pin(target, release, 'target'),
      ...(targetValidation && { targetValidation: pin(targetValidation, release, 'targetValidation') }),
    },
  };
}
