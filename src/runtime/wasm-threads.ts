import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

/** The most XNNPACK threads the threaded build can run: it pre-creates 8 pthread workers. */
export const MAX_WASM_THREADS = 8;

/** What `tf.setBackend('wasm')` needs from the wasm module to start its thread pool. */
interface WasmModule {
  setThreadsCount(threads: number): void;
  getThreadsCount(): number;
}

const THREADED_SCRIPT = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';

/**
 * The pthread worker's script as a file Node's worker_threads can load. tfjs hands Emscripten a blob:
 * URL for it and a Blob for the main script, neither of which a Node worker can load; this file is
 * tfjs's own worker source, told to load the threaded main script from its path instead. Named by
 * content, written once per machine (a temporary name, then renamed).
 */
function workerScriptFile(): string {
  const mainScript = require.resolve(THREADED_SCRIPT);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { wasmWorkerContents } = require(mainScript.replace(/\.js$/, '.worker.js')) as {
    wasmWorkerContents: string;
  };
  // Its "\n" escapes became newlines inside the template literal it ships in; tfjs escapes them back.
  const source =
    wasmWorkerContents.replace(/\n/g, '\\n') +
    `\n;(() => { const onLoad = self.onmessage; self.onmessage = (e) => {` +
    ` if (e.data && e.data.cmd === 'load') e.data.urlOrBlob = ${JSON.stringify(mainScript)};` +
    ` return onLoad(e); }; })();\n`;
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const file = join(os.tmpdir(), `deepastro-uda-wasm-worker-${hash}.js`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, source);
    renameSync(partial, file);
  }
  return file;
}

/**
 * Runs `initialize` (which must call `tf.setBackend('wasm')`) with tfjs-backend-wasm's threaded SIMD
 * build set up to start `threads` XNNPACK threads under Node's worker_threads, which tfjs 4.22 cannot
 * do by itself (tensorflow/tfjs#3830): the worker script becomes a file (see workerScriptFile), and
 * the core count the build reads while starting is made 2·threads, because it uses half of the
 * logical cores it sees. Both patches are undone before this returns.
 * @param threads 2..MAX_WASM_THREADS
 * @returns the XNNPACK thread count the backend reports
 */
export async function withWasmThreads(
  wasm: WasmModule,
  threads: number,
  setMultithreadFlag: (on: boolean) => void,
  initialize: () => Promise<void>,
): Promise<number> {
  const workerFile = workerScriptFile();
  const createObjectURL = URL.createObjectURL;
  const cpus = os.cpus;
  const one = cpus()[0];
  URL.createObjectURL = () => workerFile;
  os.cpus = () => Array.from({ length: 2 * threads }, () => one);
  try {
    setMultithreadFlag(true);
    wasm.setThreadsCount(threads);
    await initialize();
  } finally {
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
  }
  return wasm.getThreadsCount();
}

interface PthreadWorkers {
  readonly runningWorkers: ReadonlyArray<{ unref(): void }>;
  readonly unusedWorkers: ReadonlyArray<{ unref(): void }>;
}

/**
 * Lets the process exit while XNNPACK's pool threads wait for work: Emscripten keeps a running
 * pthread's worker referenced, so a finished trainer would otherwise never exit. The threads only
 * work while the main thread is inside a wasm call, so nothing is cut short.
 * @param backend the initialized wasm backend (`tf.backend()`)
 */
export function unrefPoolThreads(backend: unknown): void {
  const pthreads = (backend as { wasm?: { PThread?: PthreadWorkers } }).wasm?.PThread;
  for (const worker of [...(pthreads?.runningWorkers ?? []), ...(pthreads?.unusedWorkers ?? [])])
    worker.unref();
}
