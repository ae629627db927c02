/**
 * Keys of a run in its store (DESIGN.md, "Run layout"). Every reader and writer of run artefacts builds
 * its keys here, so the layout is defined once.
 */
export const runLayout = {
  config: (runId: string) => `runs/${runId}/config.json`,
  summary: (runId: string) => `runs/${runId}/summary.json`,
  memberPrefix: (runId: string, member: number | string) => `runs/${runId}/members/${member}`,
  checkpointPrefix: (runId: string, member: number | string) => `runs/${runId}/members/${member}/checkpoint`,
  modelPrefix: (runId: string, member: number | string) => `runs/${runId}/members/${member}/model`,
  history: (runId: string, member: number | string) => `runs/${runId}/members/${member}/history.json`,
  predictions: (runId: string, member: number | string) =>
    `runs/${runId}/members/${member}/predictions.arrow`,
  evaluation: (runId: string, member: number | string | 'ensemble') => `runs/${runId}/eval/${member}.json`,
  reportPrefix: (runId: string) => `runs/${runId}/report`,
  rawZenodo: (recordId: string, file: string) => `raw/zenodo/${recordId}/${file}`,
  releaseState: (conceptRecordId: string) => `state/releases/${conceptRecordId}.json`,
} as const;

/** Object tags the bucket's lifecycle rules select run artefacts by (infra/lib/data-bucket.ts). */
export const RUN_ARTIFACT_TAGS = {
  /** Checkpoint parts: expired some days after they were written, since a finished run no longer needs them. */
  checkpoint: { 'deepastro-uda:artifact': 'checkpoint' },
} as const;
