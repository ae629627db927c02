/** An external sky viewer centred on a candidate: plain links, never fetched by the report itself. */
export interface SkyLink {
  readonly label: string;
  readonly href: string;
}

function coordinate(value: number): string {
  return value.toFixed(6);
}

/**
 * Links to look at a position in the sky: the Legacy Surveys viewer (DR10 images, covers DECaLS and
 * most of the SDSS footprint) and the SDSS navigator. Null coordinates give no links.
 */
export function skyLinks(ra: number | null, dec: number | null): SkyLink[] {
  if (ra === null || dec === null || !Number.isFinite(ra) || !Number.isFinite(dec)) return [];
  const position = `ra=${coordinate(ra)}&dec=${coordinate(dec)}`;
  return [
    {
      label: 'Legacy Surveys',
      href: `https://www.legacysurvey.org/viewer?${position}&layer=ls-dr10&zoom=16`,
    },
    {
      label: 'SDSS',
      href: `https://skyserver.sdss.org/dr16/en/tools/chart/navi.aspx?${position}&scale=0.2`,
    },
  ];
}
