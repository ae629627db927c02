import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { TrainerJobDefinition } from '../infra/lib/trainer-job-definition';
import type { TrainerJobParameters } from '../src/run/trainer-job';

/** What a Batch array child runs: the image's entrypoint and environment, then the job definition's. */
export interface TrainerContainerCommand {
  /** The image's ENTRYPOINT, exec form, as the Dockerfile declares it. */
  readonly entrypoint: readonly string[];
  /** The job definition's command with Batch's Ref:: parameters substituted. */
  readonly args: readonly string[];
  /** The image's ENV, then the job definition's environment, then what Batch sets per child. */
  readonly environment: Readonly<Record<string, string>>;
}

const REPOSITORY_ROOT = path.resolve(__dirname, '..');

/**
 * The exact command line of one array child, read from the synthesized job definition (so a change to
 * infra/ shows up here) and from the Dockerfile's ENTRYPOINT and ENV.
 */
export function trainerContainerCommand(
  parameters: TrainerJobParameters,
  arrayIndex: number,
  dockerfile = path.join(REPOSITORY_ROOT, 'containers', 'trainer', 'Dockerfile'),
): TrainerContainerCommand {
  const container = synthesizedContainer();
  const image = readDockerfile(dockerfile);
  const jobEnvironment = Object.fromEntries(container.Environment.map(({ Name, Value }) => [Name, Value]));
  return {
    entrypoint: image.entrypoint,
    args: container.Command.map((arg) => substitute(arg, parameters)),
    environment: {
      ...image.environment,
      ...jobEnvironment,
      AWS_BATCH_JOB_ARRAY_INDEX: String(arrayIndex),
      AWS_BATCH_JOB_ATTEMPT: '1',
    },
  };
}

interface ContainerProperties {
  readonly Command: string[];
  readonly Environment: { Name: string; Value: string }[];
}

function synthesizedContainer(): ContainerProperties {
  const stack = new Stack(new App(), 'TrainerContract');
  new TrainerJobDefinition(stack, 'Trainer', {
    image: ecs.ContainerImage.fromRegistry('deepastro-uda-trainer'),
  });
  const template = Template.fromStack(stack).toJSON() as {
    Resources: Record<string, { Type: string; Properties: { ContainerProperties: ContainerProperties } }>;
  };
  const jobDefinition = Object.values(template.Resources).find(
    (resource) => resource.Type === 'AWS::Batch::JobDefinition',
  );
  if (!jobDefinition) throw new Error('TrainerJobDefinition synthesized no AWS::Batch::JobDefinition');
  const { Command, Environment = [] } = jobDefinition.Properties.ContainerProperties;
  return { Command, Environment };
}

function substitute(arg: string, parameters: TrainerJobParameters): string {
  const match = /^Ref::(.+)$/.exec(arg);
  if (!match) return arg;
  const value = (parameters as unknown as Record<string, string>)[match[1]];
  if (value === undefined)
    throw new Error(`the job command needs parameter ${match[1]}, which the Train state does not send`);
  return value;
}

/** ENTRYPOINT (exec form) and ENV key=value lines of the runtime stage: the last FROM onwards. */
export function readDockerfile(file: string): { entrypoint: string[]; environment: Record<string, string> } {
  const lines = readFileSync(file, 'utf8').replace(/\\\n/g, ' ').split('\n');
  const runtime = lines.slice(lines.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true));
  const entrypointLine = runtime.filter((line) => /^ENTRYPOINT\s/i.test(line)).at(-1);
  if (!entrypointLine) throw new Error(`${file} has no ENTRYPOINT`);
  const entrypoint = JSON.parse(entrypointLine.replace(/^ENTRYPOINT\s+/i, '')) as string[];
  const environment: Record<string, string> = {};
  for (const line of runtime.filter((candidate) => /^ENV\s/i.test(candidate))) {
    for (const [, key, value] of line
      .replace(/^ENV\s+/i, '')
      .matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) {
      environment[key] = value.replace(/^"|"$/g, '');
    }
  }
  return { entrypoint, environment };
}

/** `tsx containers/batch-job-command.ts store runId`: the args, one a line, for localstack.sh. */
if (require.main === module) {
  const [store, runId] = process.argv.slice(2);
  const command = trainerContainerCommand({ store, runId }, 0);
  process.stdout.write(`${command.args.join('\n')}\n`);
}
