import { SurveyCamera } from '../../../src/data/simulate/survey-camera';
import { SeededRandom } from '../../../src/data/simulate/seeded-random';
import { SURVEYS, type SurveyName } from '../../../src/data/simulate/surveys';
import { simulateSurvey } from '../../../src/data/simulate/simulate-survey';
import type { GalaxyModel, PhysicalParameters } from '../../../src/data/simulate/galaxy-model';
import { channel, cornerStd, indicesOf, median } from './image-measures';

const SIZE = 48;
const emptySky: GalaxyModel = { components: [], parameters: {} as PhysicalParameters };
const star: GalaxyModel = {
  components: [{ kind: 'blob', x: 0, y: 0, flux: 2000, sigma: 0.01, colour: [1, 1, 1, 1] }],
  parameters: {} as PhysicalParameters,
};

/** Flux-weighted second-moment FWHM (arcsec) of a star's r-band image, in a 6-sigma box. */
function starFwhm(survey: SurveyName, seed: string): { measured: number; expected: number } {
  const camera = new SurveyCamera(SURVEYS[survey], SIZE, 'psf');
  const { planes, psfFwhm } = camera.observeLinear(star, new SeededRandom(seed));
  const r = planes[1];
  let sum = 0;
  let second = 0;
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const d2 = (x + 0.5 - SIZE / 2) ** 2 + (y + 0.5 - SIZE / 2) ** 2;
      if (d2 > 100) continue;
      sum += r[y * SIZE + x];
      second += r[y * SIZE + x] * d2;
    }
  const sigmaPx = Math.sqrt(second / sum / 2);
  return { measured: sigmaPx * 2.3548 * SURVEYS[survey].pixelScale, expected: psfFwhm };
}

describe('the two surveys differ the way the instruments do', () => {
  it('SDSS sky is noisier than DECaLS sky, in calibrated units and in the 8-bit images', () => {
    const noise = (survey: SurveyName) => {
      const camera = new SurveyCamera(SURVEYS[survey], SIZE, 'noise');
      const linear = camera.observeLinear(emptySky, new SeededRandom('sky')).planes[1];
      const mean = linear.reduce((a, b) => a + b, 0) / linear.length;
      const linearStd = Math.sqrt(linear.reduce((a, b) => a + (b - mean) ** 2, 0) / linear.length);
      const rgb = new Uint8Array(SIZE * SIZE * 3);
      camera.observe(emptySky, new SeededRandom('sky'), rgb, 0);
      const dataset = { images: rgb, width: SIZE, height: SIZE, channels: 3 } as never;
      return { linearStd, byteStd: cornerStd(channel(dataset, 0, 1), SIZE, 12) };
    };
    const sdss = noise('sdss');
    const decals = noise('decals');
    expect(sdss.linearStd).toBeGreaterThan(2 * decals.linearStd);
    expect(sdss.byteStd).toBeGreaterThan(1.3 * decals.byteStd);
  });

  it('a star is blurred to each survey’s seeing, which spans more DECaLS pixels', () => {
    for (const survey of ['sdss', 'decals'] as const) {
      for (const seed of ['a', 'b', 'c']) {
        const { measured, expected } = starFwhm(survey, seed);
        expect(measured).toBeGreaterThan(0.85 * expected);
        expect(measured).toBeLessThan(1.15 * expected);
      }
    }
    const sdssPx = SURVEYS.sdss.psfFwhm / SURVEYS.sdss.pixelScale;
    const decalsPx = SURVEYS.decals.psfFwhm / SURVEYS.decals.pixelScale;
    expect(decalsPx).toBeGreaterThan(1.2 * sdssPx);
  });

  it('the same galaxies have different colours in the two surveys, and spirals are bluer than ellipticals in both', () => {
    const blueOverRed = (survey: SurveyName, name: string) => {
      const dataset = simulateSurvey({
        survey,
        classes: ['elliptical', 'spiral'],
        n: 60,
        imageSize: SIZE,
        seed: 5,
        domain: 'source',
      });
      return median(
        indicesOf(dataset, name).map((i) => {
          const [red, blue] = [channel(dataset, i, 0), channel(dataset, i, 2)];
          let [sumRed, sumBlue] = [0, 0];
          for (let p = 0; p < red.length; p++)
            if (red[p] + blue[p] > 80) [sumRed, sumBlue] = [sumRed + red[p], sumBlue + blue[p]];
          return sumBlue / sumRed;
        }),
      );
    };
    const sdssElliptical = blueOverRed('sdss', 'elliptical');
    const decalsElliptical = blueOverRed('decals', 'elliptical');
    expect(Math.abs(decalsElliptical / sdssElliptical - 1)).toBeGreaterThan(0.1);
    expect(blueOverRed('sdss', 'spiral')).toBeGreaterThan(1.15 * sdssElliptical);
    expect(blueOverRed('decals', 'spiral')).toBeGreaterThan(1.15 * decalsElliptical);
  });

  it('stores a half-light radius in arcsec that does not depend on the survey, while the images do', () => {
    const options = {
      classes: ['elliptical', 'spiral', 'merger'] as const,
      n: 30,
      imageSize: 32,
      seed: 9,
      domain: 'source' as const,
    };
    const sdss = simulateSurvey({ ...options, classes: [...options.classes], survey: 'sdss' });
    const decals = simulateSurvey({ ...options, classes: [...options.classes], survey: 'decals' });
    expect(decals.extras?.half_light_radius_arcsec).toEqual(sdss.extras?.half_light_radius_arcsec);
    expect(decals.extras?.sersic_index).toEqual(sdss.extras?.sersic_index);
    expect(Buffer.from(decals.images).equals(Buffer.from(sdss.images))).toBe(false);
    const radii = Array.from(sdss.extras!.half_light_radius_arcsec);
    expect(Math.min(...radii)).toBeGreaterThan(0.2);
    expect(Math.max(...radii)).toBeLessThan(6);
  });
});
