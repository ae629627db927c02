import { join } from 'node:path';
import { runTrainCommand, temporaryFolder, tinyConfig, writeConfig } from '../uda/training/train-fixtures';

jest.setTimeout(180_000);

test('a second trainer on the same member exits 2 with one line while the first trains on', async () => {
  const folder = temporaryFolder();
  const store = join(folder, 'store');
  const config = writeConfig(folder, tinyConfig({ hyperparameters: { batchSize: 16, maxEpochs: 1 } }));
  const args = ['--config', config, '--store', store, '--run', 'twice'];
  let second: Promise<Awaited<ReturnType<typeof runTrainCommand>>> | undefined;

  // The first holds the lease and is paused (SIGSTOP) while the second starts, then continues.
  const first = await runTrainCommand(args, (line, child) => {
    if (line.msg !== 'training' || second !== undefined) return;
    child.kill('SIGSTOP');
    second = runTrainCommand(args).finally(() => child.kill('SIGCONT'));
  });

  const other = await second!;
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('run twice member 0 trained');
  expect(other.code).toBe(2);
  const lines = other.stderr.split('\n').filter((line) => line.startsWith('deepastro-uda:'));
  expect(lines).toEqual([
    expect.stringMatching(
      /^deepastro-uda: LeaseHeldError: run twice member 0 is being trained by \S+ \(lease renewed \d+ s ago: file:\/\/.*\/runs\/twice\/members\/0\/lease.json\)/,
    ),
  ]);
  expect(other.stderr).not.toContain('checkpoint written');
});

test('a member checkpointed on one backend refuses to resume on another', async () => {
  const folder = temporaryFolder();
  const store = join(folder, 'store');
  const config = writeConfig(folder, tinyConfig({ hyperparameters: { batchSize: 16, maxEpochs: 2 } }));
  const args = ['--config', config, '--store', store, '--run', 'backends'];

  let signalled = false;
  const stopped = await runTrainCommand([...args, '--backend', 'wasm'], (line, child) => {
    if (line.msg === 'checkpoint written' && !signalled) signalled = child.kill('SIGTERM');
  });
  expect(stopped.code).toBe(75);

  const other = await runTrainCommand([...args, '--backend', 'cpu']);
  expect(other.code).toBe(2);
  expect(other.stderr).toMatch(
    /deepastro-uda: InvalidConfigError: --backend: run backends member 0 was checkpointed on wasm, not cpu; resume it with --backend wasm/,
  );
});
