import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  DEFAULT_HANDLERS_DIRECTORY,
  HANDLER_EXPORT,
  LAMBDA_HANDLER_NAMES,
  LAMBDA_HANDLERS,
  REPOSITORY_ROOT,
  handlerEntry,
  type LambdaHandlerName,
} from '../../workflows/lambda-handlers';

export interface WorkflowFunctionsProps {
  /** The run store every handler reads and writes. */
  readonly dataBucket: s3.IBucket;
  /**
   * Folder holding `<handler>.ts` for each entry of LAMBDA_HANDLERS.
   * @default src/handlers of this repository
   */
  readonly handlersDirectory?: string;
  /**
   * Retention of each function's log group.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The workflow's Lambdas: Node 22, bundled by esbuild on this machine (no Docker), X-Ray tracing,
 * one log group each.
 */
export class WorkflowFunctions extends Construct {
  public readonly functions: Readonly<Record<LambdaHandlerName, nodejs.NodejsFunction>>;

  constructor(scope: Construct, id: string, props: WorkflowFunctionsProps) {
    super(scope, id);
    const directory = props.handlersDirectory ?? DEFAULT_HANDLERS_DIRECTORY;
    const missing = LAMBDA_HANDLER_NAMES.map((name) => handlerEntry(name, directory)).filter(
      (entry) => !fs.existsSync(entry),
    );
    if (missing.length > 0) {
      throw new Error(
        `WorkflowFunctions: missing handler sources ${missing.map((entry) => path.relative(REPOSITORY_ROOT, entry)).join(', ')}; ` +
          `each must export '${HANDLER_EXPORT}', or pass handlersDirectory`,
      );
    }
    const functions = {} as Record<LambdaHandlerName, nodejs.NodejsFunction>;
    for (const name of LAMBDA_HANDLER_NAMES) {
      functions[name] = this.createFunction(name, directory, props);
    }
    this.functions = functions;

    // Each handler gets the key prefixes of DESIGN.md's run layout it touches, no more.
    const bucket = props.dataBucket;
    bucket.grantRead(functions.resolveRelease);
    bucket.grantWrite(functions.resolveRelease, 'runs/*');
    bucket.grantReadWrite(functions.ingestFile, 'raw/*');
    bucket.grantReadWrite(functions.evaluate, 'runs/*');
    bucket.grantRead(functions.anomalyReport);
    bucket.grantWrite(functions.anomalyReport, 'runs/*');
    bucket.grantReadWrite(functions.publish, 'runs/*');
    bucket.grantWrite(functions.publish, 'state/*');
  }

  private createFunction(
    name: LambdaHandlerName,
    directory: string,
    props: WorkflowFunctionsProps,
  ): nodejs.NodejsFunction {
    const spec = LAMBDA_HANDLERS[name];
    const fn = new nodejs.NodejsFunction(this, pascalCase(spec.file), {
      entry: handlerEntry(name, directory),
      handler: HANDLER_EXPORT,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.X86_64,
      memorySize: spec.memoryMiB,
      timeout: Duration.minutes(spec.timeoutMinutes),
      tracing: lambda.Tracing.ACTIVE,
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: path.join(REPOSITORY_ROOT, 'package-lock.json'),
      logGroup: new logs.LogGroup(this, `${pascalCase(spec.file)}Logs`, {
        retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      }),
      environment: { LOG_LEVEL: 'info', NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: nodejs.OutputFormat.CJS,
        target: 'node22',
        minify: true,
        sourceMap: true,
        // The runtime's SDK may lag the one the handlers were tested with.
        bundleAwsSDK: true,
        forceDockerBundling: false,
      },
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the project targets and tests (DESIGN.md); moving on is a deliberate upgrade.',
    });
    return fn;
  }
}

function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}
