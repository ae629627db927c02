import { SURVEY_NAMES, type SurveyName } from '../../src/data/simulate/surveys';

/** How a pair's images reach the trainer. */
export type PairDataPath = 'simulate' | 'galaxy10';

/**
 * A survey pair of the benchmark: `source-target`, with `:paired` (one galaxy population imaged by
 * both instruments, config `data.paired`) and/or `:h5` (both surveys written as Galaxy10-layout HDF5
 * files and read back through the real-data reader) appended.
 */
export interface SurveyPair {
  readonly name: string;
  readonly source: SurveyName;
  readonly target: SurveyName;
  readonly paired: boolean;
  readonly dataPath: PairDataPath;
}

/** sdss ↔ decals both ways, a deep small-pixel survey through the Galaxy10 path, and a paired pair. */
export const DEFAULT_PAIRS = ['sdss-decals', 'decals-sdss', 'sdss-hsc:h5', 'ps1-hsc:paired'] as const;
export const QUICK_PAIRS = ['sdss-hsc:h5', 'ps1-hsc:paired'] as const;

const isSurvey = (name: string): name is SurveyName => (SURVEY_NAMES as readonly string[]).includes(name);

/** Parses one pair; throws one line naming what is wrong. */
export function parsePair(text: string): SurveyPair {
  const [surveys, ...flags] = text.split(':');
  const [source, target, ...rest] = surveys.split('-');
  const expected = `expected source-target[:paired][:h5] with surveys ${SURVEY_NAMES.join(', ')}`;
  if (!source || !target || rest.length > 0 || !isSurvey(source) || !isSurvey(target)) {
    throw new Error(`--pairs: "${text}": ${expected}`);
  }
  if (source === target) throw new Error(`--pairs: "${text}": source and target are the same survey`);
  const unknown = flags.filter((flag) => flag !== 'paired' && flag !== 'h5');
  if (unknown.length > 0)
    throw new Error(`--pairs: "${text}": unknown flag ${unknown.join(', ')}; ${expected}`);
  return {
    name: text,
    source,
    target,
    paired: flags.includes('paired'),
    dataPath: flags.includes('h5') ? 'galaxy10' : 'simulate',
  };
}

/** "sdss → decals (paired, Galaxy10 files)", for headings. */
export function pairTitle(pair: SurveyPair): string {
  const notes = [
    ...(pair.paired ? ['paired: same galaxies'] : []),
    ...(pair.dataPath === 'galaxy10' ? ['through Galaxy10-layout HDF5 files'] : []),
  ];
  return `${pair.source} → ${pair.target}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}
