import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WorkflowFunctions } from '../../infra/lib/workflow-functions';
import {
  LAMBDA_X86_64,
  MissingPlatformPackageError,
  resolveShippedPackages,
} from '../../infra/lib/lambda-node-modules';
import { REPOSITORY_ROOT } from '../../workflows/lambda-handlers';

/** The real anomaly-report handler beside four stand-ins, so only it takes real bundling time. */
const HANDLERS = path.join(__dirname, 'fixtures', 'bundled-anomaly-report');

/** Loads the bundle the way Lambda does, then uses sharp's native binary and h5wasm's WebAssembly. */
const LOAD_BUNDLE = `
const assetDir = process.argv[1];
const bundle = require(assetDir + '/index.js');
if (typeof bundle.handler !== 'function') throw new Error('no handler export');
const sharp = require(require.resolve('sharp', { paths: [assetDir] }));
const h5wasmUrl = require('node:url').pathToFileURL(require.resolve('h5wasm', { paths: [assetDir] })).href;
(async () => {
  const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#f00' } }).png().toBuffer();
  const h5wasm = (await import(h5wasmUrl)).default;
  await h5wasm.ready;
  console.log(JSON.stringify({ png: png.length, h5: typeof h5wasm.File }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('anomaly-report bundle (real esbuild bundling, offline)', () => {
  let outdir: string;
  let assetDir: string;

  beforeAll(() => {
    // Outside the repository, so the bundle cannot fall back on the project's node_modules.
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deepastro-bundle-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundled');
    const functions = new WorkflowFunctions(stack, 'Functions', {
      dataBucket: new s3.Bucket(stack, 'Data'),
      handlersDirectory: HANDLERS,
    });
    const assembly = app.synth();
    const logicalId = stack.getLogicalId(functions.functions.anomalyReport.node.defaultChild as never);
    const resource = Template.fromStack(stack).toJSON().Resources[logicalId];
    const assetHash = String(resource.Properties.Code.S3Key).replace(/\.zip$/, '');
    assetDir = path.join(assembly.directory, `asset.${assetHash}`);
  }, 240_000);

  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('ships sharp with its linux-x64 binaries and h5wasm beside index.js, and nothing for other platforms', () => {
    const modules = path.join(assetDir, 'node_modules');
    for (const name of [
      'sharp',
      'h5wasm',
      '@img/sharp-linux-x64',
      '@img/sharp-libvips-linux-x64',
      'detect-libc',
    ]) {
      expect({ name, installed: fs.existsSync(path.join(modules, name, 'package.json')) }).toEqual({
        name,
        installed: true,
      });
    }
    expect(fs.readdirSync(path.join(modules, '@img')).sort()).toEqual([
      'colour',
      'sharp-libvips-linux-x64',
      'sharp-linux-x64',
    ]);
    expect(fs.existsSync(path.join(modules, 'h5wasm', 'test'))).toBe(false);
    expect(fs.existsSync(path.join(assetDir, 'index.meta.json'))).toBe(false);
    // The size a deploy uploads, for the README's numbers; Lambda allows 250 MB unzipped.
    process.stdout.write(`anomaly-report asset: ${(folderBytes(assetDir) / 2 ** 20).toFixed(1)} MiB\n`);
    expect(folderBytes(assetDir)).toBeLessThan(100 * 2 ** 20);
  });

  it('loads in a plain node process and runs sharp and h5wasm from the shipped modules', () => {
    const env = { ...process.env, NODE_PATH: '', NODE_OPTIONS: '' };
    const output = execFileSync(process.execPath, ['-e', LOAD_BUNDLE, assetDir], { cwd: assetDir, env });
    expect(JSON.parse(output.toString())).toEqual({ png: expect.any(Number), h5: 'function' });
  });
});

describe('resolveShippedPackages', () => {
  it("follows sharp's dependencies and keeps only the optional packages built for the platform", () => {
    const names = resolveShippedPackages(['sharp'], REPOSITORY_ROOT, LAMBDA_X86_64).map((p) => p.name);
    expect(names.sort()).toEqual(
      [
        '@img/colour',
        '@img/sharp-libvips-linux-x64',
        '@img/sharp-linux-x64',
        'detect-libc',
        'semver',
        'sharp',
      ].sort(),
    );
  });

  it('names the npm command when a platform package the Lambda needs is not installed', () => {
    expect(() =>
      resolveShippedPackages(['sharp'], REPOSITORY_ROOT, { os: 'linux', cpu: 'arm64', libc: 'glibc' }),
    ).toThrow(MissingPlatformPackageError);
    expect(() =>
      resolveShippedPackages(['sharp'], REPOSITORY_ROOT, { os: 'linux', cpu: 'arm64', libc: 'glibc' }),
    ).toThrow(/npm install --no-save --os=linux --cpu=arm64 --libc=glibc @img\/sharp-/);
  });
});

function folderBytes(folder: string): number {
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => total + fs.statSync(path.join(entry.parentPath, entry.name)).size, 0);
}
