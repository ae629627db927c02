import { readFile } from 'node:fs/promises';
import { InvalidConfigError } from '../errors';
import { resolveConfigJson, type RunConfig } from '../config/run-config';

/**
 * Reads and resolves a run config file for a cloud run: GPU defaults apply (resnet50, 64 px, 4 members),
 * since the Batch job trains on GPUs. Throws InvalidConfigError for a missing file or a bad config.
 */
export async function readCloudRunConfig(file: string): Promise<RunConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidConfigError(`cannot read config file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return resolveConfigJson(text, { gpu: true, awsBatch: true });
}
