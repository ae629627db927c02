import { resolveConfig } from '../../../src/config/run-config';
import { histogramMatchTables, withMatchedIntensities } from '../../../src/data/harmonize/histogram-match';
import { PIXEL_SCALE_COLUMN } from '../../../src/data/harmonize/model-pixel-scale';
import { silentLogger } from '../../../src/logger';
import { openStore } from '../../../src/storage/open-store';
import { loadTrainingData } from '../../../src/uda/training/training-data';
import { temporaryFolder, tinyConfig } from './train-fixtures';

describe('loadTrainingData with data.intensityMatch', () => {
  const base = tinyConfig();
  const plain = resolveConfig(base);
  const matchedConfig = resolveConfig({ ...base, data: { ...base.data, intensityMatch: 'histogram' } });

  test('histogram: the target is mapped to the whole source set by its own tables; the fingerprint is the file as read', async () => {
    const store = openStore(temporaryFolder());
    const asRead = await loadTrainingData(plain, store, silentLogger);
    const matched = await loadTrainingData(matchedConfig, store, silentLogger);
    // The tables of the target as read against the source as read (train, validation and test rows).
    const wholeSource = {
      ...asRead.sourceTrain,
      images: Uint8Array.from([
        ...asRead.sourceTrain.images,
        ...asRead.sourceValidation.images,
        ...asRead.sourceTest.images,
      ]),
    };
    const expected = withMatchedIntensities(asRead.target, histogramMatchTables(asRead.target, wholeSource));
    expect(Buffer.from(matched.target.images).equals(Buffer.from(expected.images))).toBe(true);
    expect(Buffer.from(matched.target.images).equals(Buffer.from(asRead.target.images))).toBe(false);
    expect(Buffer.from(matched.sourceTrain.images).equals(Buffer.from(asRead.sourceTrain.images))).toBe(true);
    expect(matched.fingerprints).toEqual(asRead.fingerprints);
  });

  test("auto matches where the surveys' pixel distributions are far apart: an HSC-like linear stretch, not DECaLS", async () => {
    const store = openStore(temporaryFolder());
    const withTarget = (survey: string, intensityMatch: string) =>
      resolveConfig({
        ...base,
        data: { ...base.data, target: { ...base.data.target, survey }, intensityMatch },
      } as never);
    const same = async (survey: string) => {
      const [auto, none] = await Promise.all(
        ['auto', 'none'].map((mode) => loadTrainingData(withTarget(survey, mode), store, silentLogger)),
      );
      return Buffer.from(auto.target.images).equals(Buffer.from(none.target.images));
    };
    expect(await same('decals')).toBe(true);
    expect(await same('hsc')).toBe(false);
  });

  test('resolves to auto by default and idempotently; an unknown mode is refused naming the field', () => {
    expect(plain.data.intensityMatch).toBe('auto');
    expect(matchedConfig.data.intensityMatch).toBe('histogram');
    expect(resolveConfig(matchedConfig)).toEqual(matchedConfig);
    expect(() =>
      resolveConfig({ ...base, data: { ...base.data, intensityMatch: 'equalize' } } as never),
    ).toThrow(/data\.intensityMatch/);
  });
});

describe('loadTrainingData with data.commonField', () => {
  // DECaLS (0.262"/px) as the source, SDSS (0.396"/px, a wider field) as the target, unless reversed.
  const base = tinyConfig();
  const withField = (commonField?: string, regression = false, surveys = ['decals', 'sdss']) =>
    resolveConfig({
      ...base,
      data: {
        ...base.data,
        source: { ...base.data.source, survey: surveys[0] },
        target: { ...base.data.target, survey: surveys[1] },
        ...(commonField && { commonField }),
      },
      ...(regression && { method: 'mmd', regression: { target: 'half_light_radius_arcsec' } }),
    } as never);

  test("target crops the wider target to the source's field and records its scale; none reads it as it is", async () => {
    const store = openStore(temporaryFolder());
    const [cropped, none] = await Promise.all(
      ['target', 'none'].map((mode) => loadTrainingData(withField(mode), store, silentLogger)),
    );
    const scale = (data: typeof none) => data.target.extras![PIXEL_SCALE_COLUMN][0];
    expect(scale(none)).toBeCloseTo(0.396, 6);
    // DECaLS' field at 16 px: 16 x 0.262 = 4.192"; SDSS cropped to round(4.192 / 0.396) = 11 px.
    expect(scale(cropped)).toBeCloseTo((11 * 0.396) / 16, 6);
    expect(Buffer.from(cropped.target.images).equals(Buffer.from(none.target.images))).toBe(false);
    expect(Buffer.from(cropped.sourceTrain.images).equals(Buffer.from(none.sourceTrain.images))).toBe(true);
    expect(cropped.fingerprints).toEqual(none.fingerprints);
  });

  test("target shrinks a narrower target onto the source's field and records its scale; the source stays", async () => {
    const store = openStore(temporaryFolder());
    const [framed, none] = await Promise.all(
      ['target', 'none'].map((mode) =>
        loadTrainingData(withField(mode, false, ['sdss', 'decals']), store, silentLogger),
      ),
    );
    const scale = (data: typeof none) => data.target.extras![PIXEL_SCALE_COLUMN][0];
    expect(scale(none)).toBeCloseTo(0.262, 6);
    // SDSS' field at 16 px: 16 x 0.396 = 6.336"; DECaLS' 16 px shrunk to round(16 x 4.192 / 6.336) = 11 px.
    expect(scale(framed)).toBeCloseTo((16 * 0.262) / 11, 6);
    expect(Buffer.from(framed.target.images).equals(Buffer.from(none.target.images))).toBe(false);
    expect(Buffer.from(framed.sourceTrain.images).equals(Buffer.from(none.sourceTrain.images))).toBe(true);
  });

  test('defaults to target with a regression head and none without; idempotent; an unknown mode is refused naming the field', () => {
    expect(withField().data.commonField).toBe('none');
    expect(withField(undefined, true).data.commonField).toBe('target');
    expect(resolveConfig(withField(undefined, true))).toEqual(withField(undefined, true));
    expect(() => withField('widest')).toThrow(/data\.commonField/);
  });
});
