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
import type { RunConfig } from '../../src/config/run-config';
import { DEFAULT_RUN_CONFIG_VARIABLE } from '../../src/handlers/handler-environment';
import { LAMBDA_EXTERNAL_MODULES } from './lambda-node-modules';

/**
 * x86_64, chosen rather than defaulted: the native modules shipped beside the bundles (sharp's
 * `@img/sharp-linux-x64` and `@img/sharp-libvips-linux-x64`) must match it, and npm installs exactly
 * those on the usual x86_64 Linux build machine.
 */
const ARCHITECTURE = lambda.Architecture.X86_64;

/** The afterBundling step that ships LAMBDA_EXTERNAL_MODULES; run with tsx from the project root. */
const COPY_MODULES_SCRIPT = 'infra/bin/copy-lambda-modules.ts';

export interface WorkflowFunctionsProps {
  /** The run store every handler reads and writes. */
  readonly dataBucket: s3.IBucket;
  /**
   * Folder holding `<handler>.ts` for each entry of LAMBDA_HANDLERS.
   * @default src/handlers of this repository
   */
  readonly handlersDirectory?: string;
  /**
   * The run config ResolveRelease uses when an execution's input has none (e.g. `cloud start` without
   * --config), resolved.
   * @default none: such a start fails with InvalidConfigError
   */
  readonly defaultRunConfig?: RunConfig;
  /**
   * Retention of each function's log group.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The workflow's Lambdas: Node 22 on x86_64, bundled by esbuild on this machine (no Docker, no
 * network), X-Ray tracing, one log group each. Native and dynamically loaded modules
 * (LAMBDA_EXTERNAL_MODULES) stay out of the bundle and are copied, with their dependency closure, from
 * the local node_modules into the function's own node_modules.
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
    if (props.defaultRunConfig) {
      functions.resolveRelease.addEnvironment(
        DEFAULT_RUN_CONFIG_VARIABLE,
        JSON.stringify(props.defaultRunConfig),
      );
    }

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
      architecture: ARCHITECTURE,
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
        // The error class names are what Step Functions' Retry and Catch match (DeepAstroError sets
        // `name` from its class); minifying them away would turn every TransientError into a fatal one.
        keepNames: true,
        sourceMap: true,
        // The runtime's SDK may lag the one the handlers were tested with.
        bundleAwsSDK: true,
        forceDockerBundling: false,
        // Not `nodeModules`: that runs npm install during synth, which needs the network.
        externalModules: [...LAMBDA_EXTERNAL_MODULES],
        metafile: true,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [copyExternalModulesCommand(inputDir, outputDir)],
        },
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

/** A shell command (bash or cmd) that copies the external modules the bundle in outputDir imports. */
function copyExternalModulesCommand(inputDir: string, outputDir: string): string {
  const cpu = ARCHITECTURE === lambda.Architecture.ARM_64 ? 'arm64' : 'x64';
  return [
    `cd "${inputDir}" &&`,
    `node --import tsx "${inputDir}/${COPY_MODULES_SCRIPT}"`,
    `--project-root "${inputDir}" --bundle "${outputDir}" --cpu ${cpu}`,
    ...LAMBDA_EXTERNAL_MODULES,
  ].join(' ');
}

function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}
