import { App, type CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { DeepAstroStack } from '../../infra/lib/deep-astro-stack';
import { InvalidConfigError } from '../../src/errors';
import { DEFAULT_HANDLERS_DIRECTORY, LAMBDA_HANDLER_NAMES, type LambdaHandlerName } from '../lambda-handlers';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';

/** One Batch evaluateOnExit rule, as in the job definition's RetryStrategy. */
export interface BatchExitRule {
  readonly Action: 'RETRY' | 'EXIT';
  readonly OnExitCode?: string;
  readonly OnReason?: string;
  readonly OnStatusReason?: string;
}

/** What the local executor needs from the synthesized stack. */
export interface RenderedWorkflow {
  /** The state machine's ASL, every ARN replaced by a local placeholder. */
  readonly definition: Record<string, unknown>;
  /** Placeholder Lambda ARN → the handler that function runs. */
  readonly lambdaHandlers: ReadonlyMap<string, LambdaHandlerName>;
  /** The trainer job definition: its command (after the entrypoint) and retry strategy. */
  readonly trainerJob: {
    readonly command: readonly string[];
    readonly attempts: number;
    readonly evaluateOnExit: readonly BatchExitRule[];
  };
}

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};

const cache = new Map<string, RenderedWorkflow>();

/**
 * Synthesizes the real stack in memory (no bundling, no asset staging: a few seconds) and turns its
 * state machine into a definition the local executor can run. Cached per handlers directory.
 */
export function renderLocalWorkflow(
  handlersDirectory: string = DEFAULT_HANDLERS_DIRECTORY,
): RenderedWorkflow {
  const cached = cache.get(handlersDirectory);
  if (cached) return cached;
  const app = new App({
    context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true },
  });
  const stack = new DeepAstroStack(app, 'DeepAstroUdaLocal', { handlersDirectory });
  const template = app.synth().getStackByName(stack.stackName).template as Template;
  const rendered: RenderedWorkflow = {
    definition: definitionOf(template, stack),
    lambdaHandlers: new Map(
      LAMBDA_HANDLER_NAMES.map((name) => [
        placeholderArn('AWS::Lambda::Function', logicalId(stack.functions.functions[name])),
        name,
      ]),
    ),
    trainerJob: trainerJobOf(template, logicalId(stack.jobDefinition.jobDefinition)),
  };
  cache.set(handlersDirectory, rendered);
  return rendered;
}

function definitionOf(template: Template, stack: DeepAstroStack): Record<string, unknown> {
  const resource = template.Resources[logicalId(stack.workflow.stateMachine)];
  const text = resolveIntrinsics(resource.Properties.DefinitionString, template);
  return JSON.parse(text) as Record<string, unknown>;
}

function trainerJobOf(template: Template, id: string): RenderedWorkflow['trainerJob'] {
  const properties = template.Resources[id].Properties as {
    ContainerProperties: { Command: string[] };
    RetryStrategy?: { Attempts?: number; EvaluateOnExit?: BatchExitRule[] };
  };
  return {
    command: properties.ContainerProperties.Command,
    attempts: properties.RetryStrategy?.Attempts ?? 1,
    evaluateOnExit: properties.RetryStrategy?.EvaluateOnExit ?? [],
  };
}

/** Resolves the Fn::Join / Ref / Fn::GetAtt a CDK definition string is made of. */
function resolveIntrinsics(value: unknown, template: Template): string {
  if (typeof value === 'string') return value;
  const expression = value as Record<string, unknown>;
  if ('Fn::Join' in expression) {
    const [separator, parts] = expression['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => resolveIntrinsics(part, template)).join(separator);
  }
  if ('Ref' in expression) {
    const name = expression.Ref as string;
    return PSEUDO_PARAMETERS[name] ?? placeholderArn(typeOf(name, template), name);
  }
  if ('Fn::GetAtt' in expression) {
    const [name] = expression['Fn::GetAtt'] as [string, string];
    return placeholderArn(typeOf(name, template), name);
  }
  throw new InvalidConfigError(
    `Cannot render ${JSON.stringify(value)} in the state machine definition locally`,
  );
}

function typeOf(id: string, template: Template): string {
  const resource = template.Resources[id];
  if (!resource) throw new InvalidConfigError(`The state machine refers to ${id}, which the template lacks`);
  return resource.Type;
}

function placeholderArn(type: string, id: string): string {
  const base = `${LOCAL_REGION}:${LOCAL_ACCOUNT}`;
  switch (type) {
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${base}:function:${id}`;
    case 'AWS::Batch::JobQueue':
      return `arn:aws:batch:${base}:job-queue/${id}`;
    case 'AWS::Batch::JobDefinition':
      return `arn:aws:batch:${base}:job-definition/${id}:1`;
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${base}:${id}`;
    default:
      throw new InvalidConfigError(`No local placeholder for ${type} ${id} in the state machine definition`);
  }
}

function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnResource);
}
