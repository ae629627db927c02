import { InvalidConfigError } from '../../errors';
import { silentLogger, type Logger } from '../../logger';
import type { Dataset, Domain } from '../dataset';
import { PIXEL_SCALE_COLUMN } from '../harmonize/model-pixel-scale';
import { SIMULATED_CLASSES, TASKS, type SimulatedClass, type TaskName } from '../tasks';
import { classCounts, DEFAULT_LENS_SHARE, shuffledLabels, type Proportions } from './class-counts';
import { PHYSICAL_PARAMETERS } from './galaxy-model';
import { MORPHOLOGIES } from './morphology/morphologies';
import { drawPairedSide, pairedGalaxyKey, type PairedPopulation } from './paired-population';
import { SeededRandom } from './seeded-random';
import { changedInstrument, type InstrumentChanges } from './instrument';
import { SurveyCamera } from './survey-camera';
import { SURVEYS, type SurveyName } from './surveys';

export const MIN_IMAGE_SIZE = 8;
export const MAX_IMAGE_SIZE = 256;

export interface SimulateSurveyOptions {
  readonly survey: SurveyName;
  /** Classes to draw; their order is the label order of the dataset. */
  readonly classes: readonly SimulatedClass[];
  /** Number of images. */
  readonly n: number;
  /** Cutout side in pixels. @default 32 */
  readonly imageSize?: number;
  /** Same seed, same galaxies and images. @default 1 */
  readonly seed?: number | string;
  /** @default 'balanced' */
  readonly proportions?: Proportions;
  /** Share of lenses under `galaxy10` proportions. @default 0.02 */
  readonly lensShare?: number;
  /**
   * Side of the adaptation. It also seeds the galaxy population, so source and target never share
   * galaxies, while one domain seen by both surveys does (same seed). @default sdss: source, decals: target
   */
  readonly domain?: Domain;
  /**
   * Image the galaxies of a population shared with another survey (same parameters, same order), so
   * the two differ in instrument only; its side for `domain` must have these classes and n. Noise
   * still follows `seed`.
   */
  readonly paired?: PairedPopulation;
  /** Changes to the named survey's instrument. */
  readonly instrument?: InstrumentChanges;
  readonly logger?: Logger;
  /** Called now and then with the number of images made so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Extras beyond the galaxy's own parameters: how it was observed. */
export const OBSERVATION_PARAMETERS = ['psf_fwhm_arcsec', PIXEL_SCALE_COLUMN] as const;

/**
 * Simulates one survey's view of a galaxy population: images, labels and each galaxy's true physical
 * parameters (`extras`, name -> [n]; NaN where a parameter does not apply to a class).
 * @returns images [n, imageSize, imageSize, 3] uint8 RGB (red = i or z, green = r, blue = g).
 */
export function simulateSurvey(options: SimulateSurveyOptions): Dataset {
  const { survey: surveyName, classes, n } = options;
  const imageSize = options.imageSize ?? 32;
  const seed = String(options.seed ?? 1);
  const domain = options.domain ?? (surveyName === 'sdss' ? 'source' : 'target');
  validate(options, imageSize, domain);
  const { labels, galaxyKey } = galaxyStreams(options, seed, domain);
  const camera = new SurveyCamera(
    changedInstrument(SURVEYS[surveyName], options.instrument),
    imageSize,
    seed,
  );
  const images = new Uint8Array(n * imageSize * imageSize * 3);
  const extras = Object.fromEntries(
    [...PHYSICAL_PARAMETERS, ...OBSERVATION_PARAMETERS].map((name) => [name, new Float64Array(n)]),
  );
  const [ra, dec, redshift] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const started = Date.now();
  for (let i = 0; i < n; i++) {
    const galaxyRandom = new SeededRandom(galaxyKey(i));
    const galaxy = MORPHOLOGIES[classes[labels[i]]](galaxyRandom);
    for (const name of PHYSICAL_PARAMETERS) extras[name][i] = galaxy.parameters[name];
    [ra[i], dec[i], redshift[i]] = skyPosition(galaxyRandom);
    const observation = new SeededRandom(`${seed}/${domain}/observe/${surveyName}/${i}`);
    const conditions = camera.observe(galaxy, observation, images, i * imageSize * imageSize * 3);
    extras.psf_fwhm_arcsec[i] = conditions.psfFwhm;
    extras[PIXEL_SCALE_COLUMN][i] = camera.pixelScale;
    if (options.onProgress && ((i + 1) % 256 === 0 || i + 1 === n)) options.onProgress(i + 1, n);
  }
  const seconds = (Date.now() - started) / 1000;
  (options.logger ?? silentLogger).info(
    { survey: surveyName, domain, n, imageSize, seconds },
    'simulated survey',
  );
  return {
    images,
    n,
    height: imageSize,
    width: imageSize,
    channels: 3,
    labels,
    classNames: [...classes],
    domain,
    ra,
    dec,
    redshift,
    extras,
    origin: `simulated:${surveyName}:seed=${seed}${options.paired ? `:paired=${options.paired.seed}` : ''}${options.instrument ? `:instrument=${JSON.stringify(options.instrument)}` : ''}`,
  };
}

/** Each image's label and the key of its galaxy's random stream: the domain's own, or a paired population's. */
function galaxyStreams(
  options: SimulateSurveyOptions,
  seed: string,
  domain: Domain,
): { labels: Int32Array; galaxyKey: (i: number) => string } {
  const lensShare = options.lensShare ?? DEFAULT_LENS_SHARE;
  const { paired } = options;
  if (paired) {
    const draw = drawPairedSide(paired, domain, lensShare);
    return { labels: draw.labels, galaxyKey: (i) => pairedGalaxyKey(paired, draw.populationIndex[i]) };
  }
  const counts = classCounts(options.classes, options.n, options.proportions ?? 'balanced', lensShare);
  const labels = shuffledLabels(counts, new SeededRandom(`${seed}/${domain}/labels`));
  return { labels, galaxyKey: (i) => `${seed}/${domain}/galaxy/${i}` };
}

/** A position in an SDSS-like footprint and a redshift; catalogue bookkeeping, not used by the images. */
function skyPosition(random: SeededRandom): [number, number, number] {
  const ra = random.uniform(120, 240);
  const dec = (Math.asin(random.uniform(0, Math.sin((60 * Math.PI) / 180))) * 180) / Math.PI;
  return [ra, dec, random.logUniform(0.02, 0.2)];
}

function validate(options: SimulateSurveyOptions, imageSize: number, domain: Domain): void {
  if (!(options.survey in SURVEYS)) {
    throw new InvalidConfigError(
      `survey must be one of ${Object.keys(SURVEYS).join(', ')}, got ${options.survey}`,
    );
  }
  if (!Number.isInteger(options.n) || options.n < 1) {
    throw new InvalidConfigError(`n must be a positive integer, got ${options.n}`);
  }
  if (!Number.isInteger(imageSize) || imageSize < MIN_IMAGE_SIZE || imageSize > MAX_IMAGE_SIZE) {
    throw new InvalidConfigError(
      `imageSize must be an integer in [${MIN_IMAGE_SIZE}, ${MAX_IMAGE_SIZE}], got ${imageSize}`,
    );
  }
  if (options.classes.length === 0) throw new InvalidConfigError('classes must not be empty');
  const unknown = options.classes.filter((name) => !(SIMULATED_CLASSES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new InvalidConfigError(
      `classes: unknown class ${unknown.join(', ')}; known: ${SIMULATED_CLASSES.join(', ')}`,
    );
  }
  if (new Set(options.classes).size !== options.classes.length) {
    throw new InvalidConfigError(`classes must not repeat, got ${options.classes.join(', ')}`);
  }
  const lensShare = options.lensShare ?? DEFAULT_LENS_SHARE;
  if (!(lensShare > 0 && lensShare <= 0.5)) {
    throw new InvalidConfigError(`lensShare must be in (0, 0.5], got ${lensShare}`);
  }
  const side = options.paired?.[domain];
  if (side && (side.n !== options.n || side.classes.join() !== options.classes.join())) {
    throw new InvalidConfigError(
      `paired: the ${domain} side has ${side.n} galaxies of ${side.classes.join(', ')}, the survey asks for ${options.n} of ${options.classes.join(', ')}`,
    );
  }
}

export type SimulateTaskOptions = Omit<SimulateSurveyOptions, 'survey' | 'classes' | 'domain'>;

/**
 * Both domains of a headline task: the source as SDSS sees it, labelled with the task's source classes,
 * and the target as DECaLS sees it, with the target classes (its private classes are the unknowns).
 */
export function simulateTask(
  task: TaskName,
  options: SimulateTaskOptions,
): { source: Dataset; target: Dataset } {
  const classes = TASKS[task];
  if (!classes)
    throw new InvalidConfigError(`task must be one of ${Object.keys(TASKS).join(', ')}, got ${task}`);
  return {
    source: simulateSurvey({ ...options, survey: 'sdss', classes: classes.source, domain: 'source' }),
    target: simulateSurvey({ ...options, survey: 'decals', classes: classes.target, domain: 'target' }),
  };
}
