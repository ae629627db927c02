import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataFormatError, TransientError } from '../../src/errors';
import { handler as publish } from '../../src/handlers/publish';
import { STATE } from '../../workflows/definition';
import {
  renderLocalWorkflow,
  runLocalWorkflow,
  validateDefinition,
  WorkflowExecutionError,
  type LocalWorkflowOptions,
  type WorkflowNotification,
} from '../../workflows/local';
import {
  FAKE_TRAINER,
  FIXTURE_HANDLERS_DIRECTORY,
  type HandlerCalls,
  injectedHandlers,
} from './workflow-fixtures';

let workDir: string;

beforeAll(() => {
  renderLocalWorkflow(FIXTURE_HANDLERS_DIRECTORY); // synthesize once; every case reuses it
});

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deepastro-workflow-'));
});

afterEach(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

function options(overrides: Partial<LocalWorkflowOptions> & { exitCodes?: string }): LocalWorkflowOptions {
  const trainerLog = path.join(workDir, 'trainer');
  fs.mkdirSync(trainerLog, { recursive: true });
  return {
    input: { recordId: '42' },
    store: pathToFileURL(path.join(workDir, 'store')).href,
    handlersDirectory: FIXTURE_HANDLERS_DIRECTORY,
    trainer: {
      entrypoint: [process.execPath, FAKE_TRAINER],
      env: { FAKE_TRAINER_LOG_DIR: trainerLog, FAKE_TRAINER_EXIT_CODES: overrides.exitCodes ?? '0' },
    },
    concurrency: 2,
    retryIntervalMs: 1,
    ...overrides,
  };
}

function trainerAttempts(): { argv: string[]; member: string; attempt: number; code: number }[] {
  const dir = path.join(workDir, 'trainer');
  return fs
    .readdirSync(dir)
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
}

describe('the synthesized state machine, run locally', () => {
  it('renders to ASL that asl-validator accepts', () => {
    const { definition } = renderLocalWorkflow(FIXTURE_HANDLERS_DIRECTORY);
    expect(() => validateDefinition(definition)).not.toThrow();
    expect(definition.StartAt).toBe(STATE.resolveRelease);
  });

  it('runs every state with injected handlers and the real publish handler; a trainer exit 75 is retried by the job definition', async () => {
    const calls: HandlerCalls = {};
    const notifications: WorkflowNotification[] = [];
    const result = await runLocalWorkflow(
      options({
        handlers: { ...injectedHandlers(calls, { members: 3, conceptRecordId: '40' }), publish },
        notify: (notification) => void notifications.push(notification),
        exitCodes: '75,0',
      }),
    );

    expect(calls.ingestFile).toHaveLength(2);
    // Each Ingest item is exactly what the ingest handler reads: the store, the file, the Zenodo API.
    expect(calls.ingestFile[0]).toEqual({
      file: expect.objectContaining({ key: 'source.h5', recordId: '42' }),
      store: options({}).store,
      zenodoUrl: 'http://zenodo.test',
    });
    const attempts = trainerAttempts();
    expect(attempts.map(({ member, attempt, code }) => `${member}/${attempt}/${code}`)).toEqual([
      '0/1/75',
      '0/2/0',
      '1/1/75',
      '1/2/0',
      '2/1/75',
      '2/2/0',
    ]);
    const store = options({}).store;
    expect(attempts[0].argv).toEqual(['--store', store, '--run-id', 'rec42-abc123']);
    expect(calls.evaluate).toHaveLength(4);
    expect(calls.evaluate).toEqual(
      expect.arrayContaining([
        { runId: 'rec42-abc123', store, member: 2 },
        { runId: 'rec42-abc123', store, member: 'ensemble' },
      ]),
    );
    expect(calls.anomalyReport).toEqual([{ runId: 'rec42-abc123', store }]);

    const summary = JSON.parse(
      fs.readFileSync(path.join(workDir, 'store/runs/rec42-abc123/summary.json'), 'utf8'),
    );
    expect(summary.evaluation.members).toHaveLength(3);
    const marker = JSON.parse(fs.readFileSync(path.join(workDir, 'store/state/releases/40.json'), 'utf8'));
    expect(marker).toMatchObject({ conceptRecordId: '40', recordId: '42', runId: 'rec42-abc123' });
    expect(result.output).toMatchObject({
      published: { runId: 'rec42-abc123' },
      training: { status: 'SUCCEEDED' },
    });
    expect(notifications.map((n) => n.state)).toEqual([STATE.notifySucceeded]);
  });

  it('ends at UpToDate with injected handlers when ResolveRelease reports the release trained', async () => {
    const calls: HandlerCalls = {};
    const result = await runLocalWorkflow(
      options({ handlers: injectedHandlers(calls, { members: 2, upToDate: true }) }),
    );
    expect(Object.keys(calls)).toEqual(['resolveRelease']);
    expect(trainerAttempts()).toHaveLength(0);
    expect(result.output).toMatchObject({ release: { upToDate: true } });
  });

  it('retries a TransientError from an injected handler with backoff, then goes on', async () => {
    const calls: HandlerCalls = {};
    let failures = 0;
    const handlers = injectedHandlers(
      calls,
      { members: 2 },
      {
        anomalyReport: async () => {
          if (failures++ < 2) throw new TransientError('S3 said 503');
          return { reportUri: 'report/index.html' };
        },
        publish: async () => ({ runId: 'rec42-abc123', summaryUri: 'summary.json' }),
      },
    );
    await runLocalWorkflow(options({ handlers }));
    expect(failures).toBe(3);
  });

  it('with injected handlers, a fatal error is caught, the failure notification is sent, and the execution fails with its name', async () => {
    const calls: HandlerCalls = {};
    const notifications: WorkflowNotification[] = [];
    const handlers = injectedHandlers(
      calls,
      { members: 2 },
      {
        ingestFile: async () => {
          throw new DataFormatError('target.h5: dataset images has rank 3, expected 4');
        },
      },
    );
    const run = runLocalWorkflow(options({ handlers, notify: (n) => void notifications.push(n) }));

    await expect(run).rejects.toThrow(WorkflowExecutionError);
    await run.catch((error: WorkflowExecutionError) => expect(error.error).toBe('DataFormatError'));
    expect(trainerAttempts()).toHaveLength(0);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      state: STATE.notifyFailure,
      subject: 'deepastro-uda run failed: DataFormatError',
      message: { release: { runId: 'rec42-abc123' }, failure: { Error: 'DataFormatError' } },
    });
  });

  it('with injected handlers, a trainer exiting 1 is not retried and the run fails with States.TaskFailed', async () => {
    const calls: HandlerCalls = {};
    const notifications: WorkflowNotification[] = [];
    const run = runLocalWorkflow(
      options({
        handlers: injectedHandlers(calls, { members: 2 }),
        notify: (n) => void notifications.push(n),
        exitCodes: '1',
      }),
    );
    await expect(run).rejects.toMatchObject({ error: 'States.TaskFailed' });
    expect(trainerAttempts().map(({ attempt }) => attempt)).toEqual([1, 1]);
    expect(calls.evaluate).toBeUndefined();
    expect(notifications.map((n) => n.state)).toEqual([STATE.notifyFailure]);
  });
});
