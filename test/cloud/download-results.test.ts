import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NotFoundError } from '../../src/errors';
import { downloadRunResults } from '../../src/cloud/download-results';
import { openStore } from '../../src/storage/open-store';
import { type RunningS3rver, startS3rver } from '../storage/s3rver-harness';

describe('downloadRunResults against s3rver', () => {
  let s3: RunningS3rver;
  let out: string;
  beforeAll(async () => (s3 = await startS3rver('deepastro-results')));
  afterAll(async () => s3.stop());
  beforeEach(async () => (out = await mkdtemp(path.join(os.tmpdir(), 'cloud-results-'))));
  afterEach(async () => rm(out, { recursive: true, force: true }));

  it('downloads summary.json and the whole report folder, and nothing else of the run', async () => {
    const store = openStore(`s3://${s3.bucket}`);
    await store.put('runs/r1/summary.json', '{"runId":"r1"}');
    await store.put('runs/r1/report/index.html', '<html>report</html>');
    await store.put('runs/r1/report/plots/confusion.svg', '<svg/>');
    await store.put('runs/r1/members/0/history.json', '[]');
    const result = await downloadRunResults(store, 'r1', out);
    expect(result.files).toEqual([
      path.join(out, 'summary.json'),
      path.join(out, 'report', 'index.html'),
      path.join(out, 'report', 'plots', 'confusion.svg'),
    ]);
    expect(result.bytes).toBe(14 + 19 + 6);
    expect(await readFile(path.join(out, 'report', 'index.html'), 'utf8')).toBe('<html>report</html>');
    expect((await readdir(out)).sort()).toEqual(['report', 'summary.json']);
  });

  it('says the run has not published yet when summary.json is missing, and writes nothing', async () => {
    const store = openStore(`s3://${s3.bucket}/prefix`);
    await store.put('runs/r2/report/index.html', '<html/>');
    await expect(downloadRunResults(store, 'r2', out)).rejects.toThrow(
      new NotFoundError(
        `run r2 has no s3://${s3.bucket}/prefix/runs/r2/summary.json yet: the workflow publishes it last`,
      ),
    );
    expect(await readdir(out)).toEqual([]);
  });
});
