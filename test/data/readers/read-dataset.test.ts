import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { readDataset } from '../../../src/data/readers';
import { DataFormatError, InvalidConfigError } from '../../../src/errors';
import { noiseImages, useTempDir, writeHdf5 } from './hdf5-fixture';

const tmp = useTempDir();
const source = { domain: 'source' } as const;

async function hdf5File(name: string): Promise<string> {
  const path = join(tmp.path(), name);
  await writeHdf5(path, {
    images: { data: noiseImages(2 * 3 * 3 * 3), shape: [2, 3, 3, 3], dtype: '<B' },
    ans: { data: Uint8Array.from([1, 0]) },
    class_names: { data: ['elliptical', 'spiral'] },
  });
  return path;
}

describe('readDataset', () => {
  it('reads HDF5 by extension, through a file:// URI, and by signature under any other name', async () => {
    const path = await hdf5File('survey.hdf5');
    const byPath = await readDataset(path, source);
    expect(byPath.classNames).toEqual(['elliptical', 'spiral']);
    const byUri = await readDataset(pathToFileURL(path).href, { domain: 'target' });
    expect(byUri).toMatchObject({ n: 2, domain: 'target', origin: path });
    const renamed = join(tmp.path(), 'survey.data');
    await copyFile(path, renamed);
    expect((await readDataset(renamed, source)).images).toEqual(byPath.images);
  });

  it('reads a folder of class subfolders as images', async () => {
    const root = join(tmp.path(), 'folder');
    await mkdir(join(root, 'lens'), { recursive: true });
    await sharp(Buffer.from(noiseImages(48)), { raw: { width: 4, height: 4, channels: 3 } })
      .png()
      .toFile(join(root, 'lens', 'a.png'));
    const dataset = await readDataset(root, source);
    expect(dataset).toMatchObject({ n: 1, classNames: ['lens'], height: 4 });
  });

  it('refuses other URI schemes, unknown formats and missing paths', async () => {
    await expect(readDataset('s3://bucket/x.h5', source)).rejects.toThrow(InvalidConfigError);
    const csv = join(tmp.path(), 'table.csv');
    await writeFile(csv, 'ra,dec\n1,2\n');
    await expect(readDataset(csv, source)).rejects.toThrow(
      new DataFormatError(`${csv}: unrecognised data format: not a folder, an HDF5 file or a .npy file`),
    );
    const missing = join(tmp.path(), 'nowhere.h5');
    await expect(readDataset(missing, source)).rejects.toThrow(`${missing}: cannot read (ENOENT)`);
  });
});
