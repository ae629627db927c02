import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { createLogger } from '../../logger';
import { parseCommandOptions } from '../parse-options';
import { writeContactSheet } from '../../data/contact-sheet';
import { assertWritableTarget, writeGalaxy10File } from '../../data/galaxy10-writer';
import { PROPORTIONS } from '../../data/simulate/class-counts';
import { MAX_IMAGE_SIZE, MIN_IMAGE_SIZE, simulateSurvey } from '../../data/simulate/simulate-survey';
import { SURVEY_NAMES } from '../../data/simulate/surveys';
import { instrumentChangesSchema } from '../../config/data-source';
import { TASKS, type TaskName } from '../../data/tasks';

const SimulateOptions = z.object({
  survey: z.enum(SURVEY_NAMES),
  task: z.enum(Object.keys(TASKS) as [TaskName, ...TaskName[]]),
  n: z.coerce.number().int().positive(),
  out: z.string().min(1),
  preview: z.string().min(1).optional(),
  size: z.coerce.number().int().min(MIN_IMAGE_SIZE).max(MAX_IMAGE_SIZE),
  seed: z.string().min(1),
  proportions: z.enum(PROPORTIONS),
  domain: z.enum(['source', 'target']).optional(),
  lensShare: z.coerce.number().gt(0).max(0.5),
  paired: z.boolean().default(false),
  instrument: z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'expected a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(instrumentChangesSchema)
    .optional(),
});

/** `deepastro-uda simulate`: one survey's view of a task's galaxies, as a Galaxy10-style HDF5 file and a preview. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      "simulate one survey's images of a task's galaxy classes; write Galaxy10-style HDF5 and a PNG contact sheet",
    )
    .option('--survey <name>', `instrument: ${SURVEY_NAMES.join(' | ')}`, 'sdss')
    .option('--task <name>', `class lists: ${Object.keys(TASKS).join(' | ')}`, '3class')
    .option('--n <count>', 'number of images', '2000')
    .requiredOption('--out <file.h5>', 'HDF5 file to write')
    .option('--preview <file.png>', 'PNG contact sheet, one row per class')
    .option('--size <px>', `image side in pixels (${MIN_IMAGE_SIZE}-${MAX_IMAGE_SIZE})`, '32')
    .option('--seed <seed>', 'random seed: same seed, same images', '1')
    .option('--proportions <kind>', `class counts: ${PROPORTIONS.join(' | ')}`, 'balanced')
    .option(
      '--domain <side>',
      "source | target; picks the task's class list (default: sdss source, decals target)",
    )
    .option('--lens-share <fraction>', 'share of lenses under galaxy10 proportions', '0.02')
    .option(
      '--instrument <json>',
      'changes to the survey\'s instrument, e.g. \'{"psfFwhm":2,"psfProfile":{"kind":"moffat","beta":3},"depth":4,"stretch":"linear","saturation":50,"fieldOfView":12}\'',
    )
    .option(
      '--paired',
      "image the task's paired galaxy population of this seed: a source and a target file made with the same --task, --n, --seed and --proportions share their galaxies, in the same order",
    )
    .action(async (raw: Record<string, unknown>) => {
      const options = parseCommandOptions(SimulateOptions, raw);
      await assertWritableTarget(options.out); // before minutes of simulation, not after
      const domain = options.domain ?? (options.survey === 'sdss' ? 'source' : 'target');
      const logger = createLogger();
      const bar = new SingleBar({
        format: `simulate ${options.survey} [{bar}] {value}/{total} images`,
        stream: process.stderr,
      });
      bar.start(options.n, 0);
      const side = (d: 'source' | 'target') => ({
        classes: TASKS[options.task][d],
        n: options.n,
        proportions: options.proportions,
      });
      const paired = { seed: options.seed, source: side('source'), target: side('target') };
      const dataset = simulateSurvey({
        survey: options.survey,
        ...(options.paired && { paired }),
        ...(options.instrument && { instrument: options.instrument }),
        classes: TASKS[options.task][domain],
        n: options.n,
        imageSize: options.size,
        seed: options.seed,
        proportions: options.proportions,
        lensShare: options.lensShare,
        domain,
        logger,
        onProgress: (done) => bar.update(done),
      });
      bar.stop();
      await writeGalaxy10File(dataset, options.out);
      if (options.preview)
        await writeContactSheet(dataset, options.preview, {
          title: `${options.survey} ${options.task} ${domain} seed=${options.seed}`,
        });
      console.log(
        `wrote ${options.out} (${dataset.n} images, ${dataset.classNames.join(', ')})${options.preview ? ` and ${options.preview}` : ''}`,
      );
    });
}
