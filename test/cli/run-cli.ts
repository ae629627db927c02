import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The command as a user runs it: the bin, on the compiled build. */
export const CLI = resolve(__dirname, '../../bin/deepastro-uda.cjs');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `deepastro-uda <args>` in a child process with logging silenced and collects its output.
 * @param wrapper argv put before node, e.g. a command that changes the child's privileges
 */
export function runCli(args: readonly string[], wrapper: readonly string[] = []): Promise<CliResult> {
  const argv = [...wrapper, process.execPath, CLI, ...args];
  return new Promise((done, fail) => {
    const child = spawn(argv[0], argv.slice(1), {
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
