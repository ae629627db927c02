import path from 'node:path';
import { trainerContainerCommand, readDockerfile } from '../../containers/batch-job-command';

const ROOT = path.resolve(__dirname, '../..');
const GPU_DOCKERFILE = path.join(ROOT, 'containers/trainer/Dockerfile');
const CPU_DOCKERFILE = path.join(ROOT, 'containers/trainer-cpu/Dockerfile');

describe('the trainer container command line', () => {
  it('is `deepastro-uda train` with the same environment in the GPU and the CPU image', () => {
    expect(readDockerfile(GPU_DOCKERFILE).entrypoint).toEqual(['deepastro-uda', 'train']);
    expect(readDockerfile(CPU_DOCKERFILE)).toEqual(readDockerfile(GPU_DOCKERFILE));
  });

  it("takes every parameter the Train state sends and passes the job definition's flags", () => {
    const command = trainerContainerCommand({ store: 's', runId: 'r' }, 2);
    expect(command.args).toEqual(['--store', 's', '--run-id', 'r']);
    expect(command.environment).toMatchObject({ AWS_BATCH_JOB_ARRAY_INDEX: '2', LOG_LEVEL: 'info' });
  });
});
