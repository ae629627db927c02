import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { applyClassMap } from '../../../src/data/labels/class-map';
import { LABEL_MAPS, labelMapIds } from '../../../src/data/labels/label-maps';
import { readGalaxy10Hdf5 } from '../../../src/data/readers/galaxy10-hdf5';
import { GALAXY10_CLASSES } from '../../../src/data/tasks';
import { DataFormatError } from '../../../src/errors';
import { useTempDir, writeHdf5, noiseImages } from '../readers/hdf5-fixture';
import { writeGalaxy10Layout } from '../galaxy10-layouts';

const tmp = useTempDir();

/** The lists as the files' authors publish them (Zenodo records 10845026 and 10844811). */
const PUBLISHED_DECALS = [
  'Disturbed',
  'Merging',
  'Round Smooth',
  'In-between Round Smooth',
  'Cigar Shaped Smooth',
  'Barred Spiral',
  'Unbarred Tight Spiral',
  'Unbarred Loose Spiral',
  'Edge-on without Bulge',
  'Edge-on with Bulge',
];
const PUBLISHED_SDSS = [
  'Disk, Face-on, No Spiral',
  'Smooth, Completely round',
  'Smooth, in-between round',
  'Smooth, Cigar shaped',
  'Disk, Edge-on, Rounded Bulge',
  'Disk, Edge-on, Boxy Bulge',
  'Disk, Edge-on, No Bulge',
  'Disk, Face-on, Tight Spiral',
  'Disk, Face-on, Medium Spiral',
  'Disk, Face-on, Loose Spiral',
];

function capturingLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'info' }, stream);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
  };
}

const tenLabels = (i: number) => i % 10;

describe('Galaxy10 label maps', () => {
  it('list the published names in the published label order', () => {
    expect(LABEL_MAPS['galaxy10-decals'].classes.map((c) => c.name)).toEqual(PUBLISHED_DECALS);
    expect(LABEL_MAPS['galaxy10-sdss'].classes.map((c) => c.name)).toEqual(PUBLISHED_SDSS);
    // The simulator's 10-class task numbers its classes as the DECaLS file does.
    expect([...GALAXY10_CLASSES]).toEqual(labelMapIds('galaxy10-decals'));
  });

  it("are detected from the real layouts, logged, and label 0 is each file's own first class", async () => {
    const decals = join(tmp.path(), 'decals-layout.h5');
    const sdss = join(tmp.path(), 'sdss-layout.h5');
    await writeGalaxy10Layout(decals, { layout: 'decals', n: 10, label: tenLabels, sigmaPx: () => 8 });
    await writeGalaxy10Layout(sdss, { layout: 'sdss', n: 10, label: tenLabels, sigmaPx: () => 7 });
    const { logger, lines } = capturingLogger();
    const size = { height: 32, width: 32 };
    const fromDecals = await readGalaxy10Hdf5(decals, { domain: 'target', imageSize: size, logger });
    const fromSdss = await readGalaxy10Hdf5(sdss, { domain: 'source', imageSize: size, logger });
    expect(fromDecals.classNames[fromDecals.labels[0]]).toBe('disturbed');
    expect(fromSdss.classNames[fromSdss.labels[0]]).toBe('face_on_no_spiral');
    expect(fromDecals.classNames).toEqual(labelMapIds('galaxy10-decals'));
    expect(fromSdss.classNames).toEqual(labelMapIds('galaxy10-sdss'));
    const detected = lines().filter((line) => line.msg === 'label map detected from the file layout');
    expect(detected.map((line) => line.labels)).toEqual(['galaxy10-decals', 'galaxy10-sdss']);
  });

  it('refuses an unnamed file of no published layout with one line listing the choices', async () => {
    const path = join(tmp.path(), 'unknown-layout.h5');
    await writeHdf5(path, {
      images: { data: noiseImages(10 * 64 * 64 * 3), shape: [10, 64, 64, 3], dtype: '<B' },
      ans: { data: Uint8Array.from({ length: 10 }, (_, i) => i), dtype: '<B' },
    });
    const error = await readGalaxy10Hdf5(path, { domain: 'source' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFormatError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(new RegExp(`^${path}: the file does not name its classes`));
    expect(message).toMatch(/"galaxy10-decals" \(Galaxy10 DECaLS.*"galaxy10-sdss" \(Galaxy10 SDSS/);
  });

  it("refuses a named map that disagrees with the file's own class_names", async () => {
    const path = join(tmp.path(), 'named.h5');
    await writeHdf5(path, {
      images: { data: noiseImages(2 * 4 * 4 * 3), shape: [2, 4, 4, 3], dtype: '<B' },
      ans: { data: Uint8Array.from([0, 1]), dtype: '<B' },
      class_names: { data: ['a', 'b'] },
    });
    await expect(readGalaxy10Hdf5(path, { domain: 'source', labels: 'galaxy10-sdss' })).rejects.toThrow(
      /class_names \[a, b\] are not the classes of label map "galaxy10-sdss"/,
    );
  });

  it('map several file classes into one task class, drop the unmapped ones and count them in the log', async () => {
    const path = join(tmp.path(), 'sdss-map.h5');
    await writeGalaxy10Layout(path, { layout: 'sdss', n: 20, label: tenLabels, sigmaPx: () => 7 });
    const { logger, lines } = capturingLogger();
    const dataset = await readGalaxy10Hdf5(path, {
      domain: 'source',
      classMap: {
        round_smooth: 'elliptical',
        in_between_smooth: 'elliptical',
        face_on_tight_spiral: 'spiral',
      },
      selectClasses: ['spiral', 'elliptical'],
      logger,
    });
    expect(dataset.classNames).toEqual(['spiral', 'elliptical']);
    // Labels 1, 2 (smooth) and 7 (tight spiral), two of each in 20 rows.
    expect(dataset.n).toBe(6);
    expect(Array.from(dataset.labels)).toEqual([1, 1, 0, 1, 1, 0]);
    const applied = lines().find((line) => line.msg === 'class map applied: unmapped classes dropped');
    expect(applied).toMatchObject({ kept: 6, dropped: 14 });
    expect((applied!.droppedByClass as Record<string, number>).face_on_no_spiral).toBe(2);
    expect(() => applyClassMap(dataset, { nope: 'x' })).toThrow(/classMap maps "nope", which is not a class/);
  });
});
