import type { PsfProfile, StretchKind, SurveyModel } from './surveys';

/**
 * Changes a user may make to a named survey, to vary one shift at a time: the image's pixel scale or
 * cutout field, the PSF's profile and median FWHM, the depth (a factor on every band's photons per
 * nanomaggy), the stretch and its white level, and the saturation level.
 */
export interface InstrumentChanges {
  readonly pixelScale?: number;
  readonly fieldOfView?: number;
  readonly psfFwhm?: number;
  readonly psfProfile?: PsfProfile;
  readonly depth?: number;
  readonly stretch?: StretchKind;
  readonly stretchMaximum?: number;
  readonly saturation?: number;
}

/** The survey with the changes applied; no changes, the survey itself. */
export function changedInstrument(survey: SurveyModel, changes: InstrumentChanges | undefined): SurveyModel {
  if (!changes) return survey;
  const { depth, ...fields } = changes;
  const bands =
    depth === undefined
      ? survey.bands
      : (survey.bands.map((b) => ({ ...b, electronsPerNanomaggy: b.electronsPerNanomaggy * depth })) as [
          (typeof survey.bands)[0],
          (typeof survey.bands)[1],
          (typeof survey.bands)[2],
        ]);
  return { ...survey, ...fields, bands };
}
