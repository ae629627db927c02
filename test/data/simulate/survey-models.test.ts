import { createHash } from 'node:crypto';
import type { GalaxyModel, PhysicalParameters } from '../../../src/data/simulate/galaxy-model';
import { changedInstrument } from '../../../src/data/simulate/instrument';
import { linearStretchToRgb } from '../../../src/data/simulate/linear-stretch';
import { SeededRandom } from '../../../src/data/simulate/seeded-random';
import { simulateSurvey } from '../../../src/data/simulate/simulate-survey';
import { SurveyCamera } from '../../../src/data/simulate/survey-camera';
import { SURVEY_NAMES, SURVEYS, type SurveyModel } from '../../../src/data/simulate/surveys';
import { SIMULATED_CLASSES } from '../../../src/data/tasks';

const EMPTY_SKY: GalaxyModel = { components: [], parameters: {} as PhysicalParameters };

/** A bright compact galaxy: a round Sersic of 200 nmgy at the field centre. */
const BRIGHT_CORE: GalaxyModel = {
  components: [
    {
      kind: 'sersic',
      ...{ x: 0, y: 0, flux: 200, halfLightRadius: 0.6, sersicIndex: 2 },
      ...{ axisRatio: 1, positionAngle: 0, colour: [1, 1, 1, 1] as const },
    },
  ],
  parameters: {} as PhysicalParameters,
};

function standardDeviation(values: Float32Array): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

describe('survey models', () => {
  it('render sdss and decals byte for byte as before the new survey fields (hashes from b556e1f)', () => {
    const recorded = {
      sdss: '3c5ab44bcc8128b33760f4967e2081c6fda25cea600abfdc91d213a62fde0883',
      decals: '4a5b3f69a39dad2b56bff736582de4c1f113401701774299a1eb3a56a607ce6d',
    };
    for (const survey of ['sdss', 'decals'] as const) {
      const dataset = simulateSurvey({
        survey,
        classes: [...SIMULATED_CLASSES],
        n: 40,
        imageSize: 32,
        seed: 7,
      });
      expect(createHash('sha256').update(dataset.images).digest('hex')).toBe(recorded[survey]);
    }
  });

  it('gives every survey plausible images: not blank, not saturated white, deterministic', () => {
    for (const survey of SURVEY_NAMES) {
      const options = { survey, classes: ['elliptical', 'spiral', 'merger'] as const, n: 9, imageSize: 24 };
      const dataset = simulateSurvey({ ...options, classes: [...options.classes], seed: 3 });
      const again = simulateSurvey({ ...options, classes: [...options.classes], seed: 3 });
      expect(Buffer.from(dataset.images).equals(Buffer.from(again.images))).toBe(true);
      const mean = dataset.images.reduce((a, b) => a + b, 0) / dataset.images.length;
      expect(mean).toBeGreaterThan(3);
      expect(mean).toBeLessThan(160);
    }
  });

  it('resamples a fixed-field cutout: pixels are fieldOfView / imageSize wide', () => {
    expect(new SurveyCamera(SURVEYS.hsc, 32, 's').pixelScale).toBeCloseTo(10.75 / 32, 12);
    expect(new SurveyCamera(SURVEYS.hsc, 64, 's').pixelScale).toBeCloseTo(10.75 / 64, 12);
    expect(new SurveyCamera(SURVEYS.sdss, 32, 's').pixelScale).toBe(0.396);
    const hsc = simulateSurvey({ survey: 'hsc', classes: ['spiral', 'elliptical'], n: 2, imageSize: 32 });
    expect(Array.from(hsc.extras!.pixel_scale_arcsec)).toEqual([10.75 / 32, 10.75 / 32]);
  });

  it('makes sky noise fall as 1 / sqrt(depth): 4x the photons per nanomaggy halves it', () => {
    const shallow: SurveyModel = { ...SURVEYS.sdss, backgroundResidual: 0 };
    const deep: SurveyModel = {
      ...shallow,
      bands: shallow.bands.map((b) => ({
        ...b,
        electronsPerNanomaggy: 4 * b.electronsPerNanomaggy,
      })) as never,
    };
    const noise = (survey: SurveyModel) =>
      standardDeviation(
        new SurveyCamera(survey, 64, 'n').observeLinear(EMPTY_SKY, new SeededRandom('o')).planes[1],
      );
    expect(noise(shallow) / noise(deep)).toBeCloseTo(2, 1);
  });

  it('saturates bright cores flat at the survey level, and leaves them alone without one', () => {
    const flat = (survey: SurveyModel) => {
      const { planes } = new SurveyCamera(survey, 32, 's').observeLinear(BRIGHT_CORE, new SeededRandom('o'));
      const peak = Math.max(...planes[1]);
      return { peak, atPeak: planes[1].filter((v) => Math.abs(v - peak) < 1e-3).length };
    };
    const saturated = flat(SURVEYS.hsc);
    expect(saturated.peak).toBeCloseTo(SURVEYS.hsc.saturation!, 3);
    expect(saturated.atPeak).toBeGreaterThan(4);
    const unsaturated = flat({ ...SURVEYS.hsc, saturation: undefined });
    expect(unsaturated.peak).toBeGreaterThan(1.5 * SURVEYS.hsc.saturation!);
    expect(unsaturated.atPeak).toBe(1);
  });

  it('applies instrument changes from the config to a named survey, and nothing without them', () => {
    expect(changedInstrument(SURVEYS.sdss, undefined)).toBe(SURVEYS.sdss);
    const options = {
      survey: 'sdss' as const,
      classes: ['spiral', 'elliptical'] as const,
      n: 4,
      imageSize: 16,
    };
    const plain = simulateSurvey({ ...options, classes: [...options.classes] });
    const blurred = simulateSurvey({ ...options, classes: [...options.classes], instrument: { psfFwhm: 3 } });
    expect(Buffer.from(plain.images).equals(Buffer.from(blurred.images))).toBe(false);
    expect(Array.from(blurred.extras!.psf_fwhm_arcsec).every((f) => f > 2)).toBe(true);
    expect(blurred.origin).toContain('instrument={"psfFwhm":3}');
  });

  it('stretches linearly: bytes proportional to flux over the maximum, clipped at black and white', () => {
    const survey: SurveyModel = { ...SURVEYS.hsc, channelWeights: [1, 1, 1], stretchMaximum: 100 };
    const planes = [0, 1, 2].map(() => Float32Array.from([-5, 10, 20, 50, 100, 400]));
    const out = new Uint8Array(6 * 3);
    linearStretchToRgb(planes, survey, out, 0);
    expect(Array.from(out.filter((_, i) => i % 3 === 1))).toEqual([0, 26, 51, 128, 255, 255]);
  });
});
