import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { readImageFolder } from '../../../src/data/readers/image-folder';
import { DataFormatError } from '../../../src/errors';
import { noiseImages, useTempDir } from './hdf5-fixture';

const tmp = useTempDir();

/** Writes a real PNG (or JPEG) of the given raw RGB pixels. */
async function writeImage(path: string, pixels: Uint8Array, size: number, format: 'png' | 'jpeg' = 'png') {
  const image = sharp(Buffer.from(pixels), { raw: { width: size, height: size, channels: 3 } });
  await (format === 'png' ? image.png() : image.jpeg({ quality: 95 })).toFile(path);
}

/** root/<class>/<i>.png for each class, `count` images of size x size each. */
async function makeFolder(name: string, classes: Record<string, number>, size = 6): Promise<string> {
  const root = join(tmp.path(), name);
  let seed = 1;
  for (const [className, count] of Object.entries(classes)) {
    await mkdir(join(root, className), { recursive: true });
    for (let i = 0; i < count; i++) {
      await writeImage(join(root, className, `${i}.png`), noiseImages(size * size * 3, seed++), size);
    }
  }
  return root;
}

const source = { domain: 'source' } as const;

describe('readImageFolder', () => {
  it('reads one class per subfolder, alphabetically, with exact PNG pixels', async () => {
    const root = await makeFolder('basic', { spiral: 2, elliptical: 1 });
    await writeFile(join(root, 'spiral', 'README.txt'), 'not an image');
    const dataset = await readImageFolder(root, source);
    expect(dataset).toMatchObject({ n: 3, height: 6, width: 6, channels: 3, origin: root });
    expect(dataset.classNames).toEqual(['elliptical', 'spiral']);
    expect(Array.from(dataset.labels)).toEqual([0, 1, 1]);
    // The spirals were written with seeds 1 and 2, the elliptical with 3; labels put elliptical first.
    expect(dataset.images.subarray(0, 108)).toEqual(noiseImages(108, 3));
    expect(dataset.images.subarray(108, 216)).toEqual(noiseImages(108, 1));
  });

  it("orders labels by the caller's class list and decodes JPEG and grayscale to RGB", async () => {
    const root = await makeFolder('ordered', { elliptical: 1, spiral: 1 });
    await sharp(Buffer.alloc(36, 200), { raw: { width: 6, height: 6, channels: 1 } })
      .jpeg()
      .toFile(join(root, 'spiral', 'gray.JPG'));
    const dataset = await readImageFolder(root, { ...source, classNames: ['spiral', 'elliptical'] });
    expect(dataset.classNames).toEqual(['spiral', 'elliptical']);
    expect(Array.from(dataset.labels)).toEqual([0, 0, 1]);
    expect(dataset.channels).toBe(3);
    // '0.png' sorts before 'gray.JPG', so the gray image is the spiral class's second sample.
    const gray = dataset.images.subarray(108, 216);
    expect(Math.max(...gray)).toBeLessThanOrEqual(202);
    expect(Math.min(...gray)).toBeGreaterThanOrEqual(198);
  });

  it('keeps only selected classes', async () => {
    const root = await makeFolder('select', { a: 1, b: 2, c: 1 });
    const dataset = await readImageFolder(root, { ...source, selectClasses: ['b'] });
    expect(dataset.classNames).toEqual(['b']);
    expect(Array.from(dataset.labels)).toEqual([0, 0]);
  });

  it('names the image whose size differs from the others', async () => {
    const root = await makeFolder('sizes', { a: 2 });
    await writeImage(join(root, 'a', '9.png'), noiseImages(7 * 7 * 3), 7);
    await expect(readImageFolder(root, source)).rejects.toThrow(
      new DataFormatError(
        `${join(root, 'a', '9.png')}: wrong image size: 7x7, the folder's images are 6x6 (${join(root, 'a', '0.png')})`,
      ),
    );
  });

  it('refuses a class list mismatch, an empty class folder, a broken image and a wrong size', async () => {
    const root = await makeFolder('bad', { a: 1, b: 1 });
    await expect(readImageFolder(root, { ...source, classNames: ['a', 'c'] })).rejects.toThrow(
      `${root}: class list mismatch: class folders are [a, b], expected [a, c]`,
    );
    await expect(readImageFolder(root, { ...source, imageSize: { height: 8, width: 8 } })).rejects.toThrow(
      /wrong image size: images are 6x6x3 after harmonization \(none\), the model input is 8x8/,
    );
    await mkdir(join(root, 'c'));
    await expect(readImageFolder(root, source)).rejects.toThrow(`${root}: class 'c' has no samples`);
    await writeFile(join(root, 'c', 'broken.png'), 'not a png');
    await expect(readImageFolder(root, source)).rejects.toThrow(
      `${join(root, 'c', 'broken.png')}: cannot decode image`,
    );
  });
});
