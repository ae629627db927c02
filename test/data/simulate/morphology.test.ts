import { MORPHOLOGIES } from '../../../src/data/simulate/morphology/morphologies';
import { SeededRandom } from '../../../src/data/simulate/seeded-random';
import { SurveyCamera } from '../../../src/data/simulate/survey-camera';
import { SURVEYS } from '../../../src/data/simulate/surveys';
import type { SimulatedClass } from '../../../src/data/tasks';
import type { PhysicalParameters } from '../../../src/data/simulate/galaxy-model';
import { median, momentAxisRatio, peaks, ringContrast, smooth } from './image-measures';

const SIZE = 48;
const PER_CLASS = 25;

/**
 * Observes PER_CLASS random galaxies of a class through a survey and returns the calibrated g and r
 * bands (noise and PSF included); r smoothed by 1 px to tame the noise for peak finding.
 */
function observeClass(
  survey: 'sdss' | 'decals',
  name: SimulatedClass,
): { g: Float64Array; r: Float64Array; parameters: PhysicalParameters }[] {
  const camera = new SurveyCamera(SURVEYS[survey], SIZE, 'morphology');
  return Array.from({ length: PER_CLASS }, (_, i) => {
    const galaxy = MORPHOLOGIES[name](new SeededRandom(`${name}/${i}`));
    const { planes } = camera.observeLinear(galaxy, new SeededRandom(`${survey}/${i}`));
    return {
      g: Float64Array.from(planes[0]),
      r: smooth(Float64Array.from(planes[1]), SIZE, 1),
      parameters: galaxy.parameters,
    };
  });
}

const share = (values: boolean[]) => values.filter(Boolean).length / values.length;
const nuclei = (image: Float64Array) => peaks(image, SIZE, 0.15, 4).length;

describe.each(['sdss', 'decals'] as const)('each label looks like its morphology in %s', (survey) => {
  it('lenses show a blue ring or arc at the Einstein radius, brighter than just inside it; smooth galaxies fade', () => {
    const contrast = (name: SimulatedClass) =>
      observeClass(survey, name).map(({ g, parameters }, i) => {
        // Smooth galaxies are probed at the radii lenses have: 1.8 to 3 arcsec.
        const radius = name === 'lens' ? parameters.einstein_radius_arcsec : 1.8 + (1.2 * (i % 5)) / 4;
        return ringContrast(g, SIZE, SURVEYS[survey].pixelScale, radius);
      });
    const lenses = contrast('lens');
    expect(share(lenses.map((c) => c > 1))).toBeGreaterThanOrEqual(0.6);
    expect(median(lenses)).toBeGreaterThan(1.05);
    for (const smoothClass of ['elliptical', 'round_smooth'] as const) {
      const values = contrast(smoothClass);
      expect(share(values.map((c) => c > 1))).toBe(0);
      expect(median(values)).toBeLessThan(0.6);
    }
  });

  it('mergers have two nuclei; ellipticals, smooth and disturbed galaxies have one', () => {
    const twoNuclei = (name: SimulatedClass) =>
      share(observeClass(survey, name).map(({ r }) => nuclei(r) >= 2));
    expect(twoNuclei('merger')).toBeGreaterThanOrEqual(0.9);
    expect(twoNuclei('merging')).toBeGreaterThanOrEqual(0.6);
    for (const single of ['elliptical', 'round_smooth', 'in_between_smooth', 'disturbed'] as const) {
      expect(twoNuclei(single)).toBeLessThanOrEqual(0.08);
    }
  });

  it('cigars and edge-on disks are elongated, round smooth galaxies are round', () => {
    const axisRatio = (name: SimulatedClass) =>
      median(observeClass(survey, name).map(({ r }) => momentAxisRatio(r, SIZE, 0.5)));
    expect(axisRatio('round_smooth')).toBeGreaterThan(0.85);
    for (const elongated of ['cigar', 'edge_on_bulge', 'edge_on_no_bulge'] as const) {
      expect(axisRatio(elongated)).toBeLessThan(0.6);
    }
    expect(axisRatio('edge_on_no_bulge')).toBeLessThan(axisRatio('edge_on_bulge'));
  });
});
