import { z } from 'zod';
import { BACKEND_PREFERENCES } from '../runtime/backend-preferences';
import { runIdSchema } from './run-id';

/**
 * The Batch submit parameters of the Train state. Batch substitutes each into the job definition's
 * command (`Ref::<name>`), so every value is a string. The config is not among them: the trainer reads
 * the run's own runs/<runId>/config.json, which ResolveRelease wrote.
 */
export const trainerJobParametersSchema = z.object({
  /** The run store: `s3://bucket/prefix`, `file:///path` or a local folder. */
  store: z.string().min(1),
  runId: runIdSchema,
});
export type TrainerJobParameters = z.infer<typeof trainerJobParametersSchema>;

const PARAMETER_NAMES = Object.keys(trainerJobParametersSchema.shape) as (keyof TrainerJobParameters)[];

/** `runId` → `--run-id`: the trainer's option for a Batch parameter. */
function optionFor(name: string): string {
  return `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/**
 * The job definition's command, after the image's entrypoint (`deepastro-uda train`): one option per
 * Batch parameter, `--store Ref::store --run-id Ref::runId`. Batch sets AWS_BATCH_JOB_ARRAY_INDEX, the
 * member each array child trains.
 */
export const TRAINER_COMMAND: readonly string[] = PARAMETER_NAMES.flatMap((name) => [
  optionFor(name),
  `Ref::${name}`,
]);

/**
 * The `train` command's arguments: a run in a store (as a Batch child gets them), and for a run started
 * by hand the config file that starts it. `member` defaults to AWS_BATCH_JOB_ARRAY_INDEX.
 */
export const trainerArgumentsSchema = z
  .object({
    store: trainerJobParametersSchema.shape.store,
    runId: runIdSchema.optional(),
    /** A run config file or URI: resolved here, which starts (or resumes) the run it names. */
    config: z.string().min(1).optional(),
    /** Overrides ensemble.members of --config. */
    members: z.coerce.number().int().min(1).max(64).optional(),
    member: z.coerce.number().int().min(0),
    backend: z.enum(BACKEND_PREFERENCES).optional(),
    /** CPU threads of the wasm backend (the CLI defaults it to $DEEPASTRO_UDA_THREADS or every core). */
    threads: z.coerce.number().int().min(1),
  })
  .refine((options) => options.config !== undefined || options.runId !== undefined, {
    path: ['config'],
    message: 'give --config to start a run, or --run-id of a run whose config.json is in the store',
  })
  .refine((options) => options.config !== undefined || options.members === undefined, {
    path: ['members'],
    message: '--members applies to a run started with --config; a stored run keeps its own',
  });
export type TrainerArguments = z.infer<typeof trainerArgumentsSchema>;
