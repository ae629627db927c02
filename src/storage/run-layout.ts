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
