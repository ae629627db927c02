import { join } from 'node:path';
import { resolveConfig } from '../../src/config/run-config';
import { writeGalaxy10File } from '../../src/data/galaxy10-writer';
import { loadDataSource, pairedPopulationOf } from '../../src/data/load-data-source';
import { silentLogger } from '../../src/logger';
import { openStore } from '../../src/storage/open-store';
import { caseConfig, type ScienceCase } from './variants';

/**
 * Gives every case of a Galaxy10-path pair its files: each (pair, task, seed, size) is simulated once,
 * exactly as the trainer would simulate it in place (same seeds, same pairing), written as
 * Galaxy10-layout HDF5 into `folder`, and read back by the trainer through the real-data reader.
 */
export async function withGalaxy10Files(
  cases: readonly ScienceCase[],
  folder: string,
): Promise<ScienceCase[]> {
  const written = new Map<string, { source: string; target: string }>();
  const result: ScienceCase[] = [];
  for (const scienceCase of cases) {
    if (scienceCase.pair.dataPath !== 'galaxy10') {
      result.push(scienceCase);
      continue;
    }
    const key = [scienceCase.pair.name, scienceCase.task, scienceCase.seed, scienceCase.sizes.n].join('/');
    let files = written.get(key);
    if (!files) {
      files = await writeCaseFiles(scienceCase, folder, key.replace(/[^A-Za-z0-9]+/g, '-'));
      written.set(key, files);
    }
    result.push({ ...scienceCase, files });
  }
  return result;
}

async function writeCaseFiles(
  scienceCase: ScienceCase,
  folder: string,
  stem: string,
): Promise<{ source: string; target: string }> {
  const config = resolveConfig(caseConfig({ ...scienceCase, files: undefined }));
  const paired = pairedPopulationOf(config);
  const store = openStore(folder);
  const write = async (role: 'source' | 'target'): Promise<string> => {
    const dataset = await loadDataSource(config.data[role], {
      domain: role,
      classes: config.classes[role],
      imageSize: config.model.imageSize,
      store,
      logger: silentLogger,
      ...(paired && { paired }),
    });
    const path = join(folder, `${stem}-${role}.h5`);
    await writeGalaxy10File(dataset, path);
    return path;
  };
  return { source: await write('source'), target: await write('target') };
}
