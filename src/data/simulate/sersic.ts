/**
 * Sersic profile arithmetic: I(r) = Ie exp(-b_n ((r/Re)^(1/n) - 1)), with Re the half-light radius.
 * Analytic normalisation keeps a galaxy's flux independent of the pixel grid that renders it.
 */

/** b_n such that Re encloses half the light (Ciotti & Bertin 1999 expansion; good for n > 0.36). */
export function sersicB(n: number): number {
  return 2 * n - 1 / 3 + 4 / (405 * n) + 46 / (25515 * n * n);
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Gamma(x) for x > 0 (Lanczos, g = 7). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = 0.99999999999980993;
  for (let i = 0; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i + 1);
  const t = z + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** P(a, x), the regularised lower incomplete gamma function (series below a+1, continued fraction above). */
export function regularizedLowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  const logPrefactor = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 500 && term > sum * 1e-12; k++) {
      term *= x / (a + k);
      sum += term;
    }
    return sum * Math.exp(logPrefactor);
  }
  // Lentz's continued fraction for Q(a, x).
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = 1 / (an * d + b);
    c = b + an / c;
    const delta = c * d;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-12) break;
  }
  return 1 - Math.exp(logPrefactor) * h;
}

/** Surface brightness at Re (flux per arcsec^2) of an elliptical Sersic profile of total `flux`. */
export function sersicIe(flux: number, halfLightRadius: number, n: number, axisRatio: number): number {
  const b = sersicB(n);
  const logArea = Math.log(2 * Math.PI * n * axisRatio) + b + lnGamma(2 * n) - 2 * n * Math.log(b);
  return flux / (halfLightRadius * halfLightRadius * Math.exp(logArea));
}

/** Fraction of a Sersic profile's light inside (elliptical) radius r. */
export function sersicEnclosedFraction(r: number, halfLightRadius: number, n: number): number {
  const b = sersicB(n);
  return regularizedLowerGamma(2 * n, b * Math.pow(r / halfLightRadius, 1 / n));
}

export interface SersicLight {
  readonly flux: number;
  readonly halfLightRadius: number;
  readonly sersicIndex: number;
}

/**
 * Half-light radius (arcsec) of concentric Sersic profiles added together, each measured in its own
 * elliptical apertures: the survey-independent size of a bulge + disk galaxy. Bisection on the enclosed flux.
 */
export function halfLightRadiusOfSum(profiles: readonly SersicLight[]): number {
  const total = profiles.reduce((sum, p) => sum + p.flux, 0);
  const enclosed = (r: number): number =>
    profiles.reduce(
      (sum, p) => sum + p.flux * sersicEnclosedFraction(r, p.halfLightRadius, p.sersicIndex),
      0,
    );
  let low = 0;
  let high = Math.max(...profiles.map((p) => p.halfLightRadius)) * 2;
  for (let i = 0; i < 40; i++) {
    const mid = 0.5 * (low + high);
    if (enclosed(mid) < total / 2) low = mid;
    else high = mid;
  }
  return 0.5 * (low + high);
}
