import {
  augmentImage,
  flipHorizontal,
  flipVertical,
  rotate90,
  translate,
  zoom,
  type ImageShape,
} from '../../src/data/augment';
import { seededRng } from '../../src/data/rng';
import { InvalidConfigError } from '../../src/errors';

const square: ImageShape = { height: 9, width: 9, channels: 3 };
const wide: ImageShape = { height: 4, width: 7, channels: 2 };

function randomImage(shape: ImageShape, seed: number): Uint8Array {
  const rng = seededRng(seed);
  return Uint8Array.from({ length: shape.height * shape.width * shape.channels }, () =>
    Math.floor(rng() * 256),
  );
}

const sortedPixels = (image: Uint8Array) => Array.from(image).sort((a, b) => a - b);
const pixel = (image: Uint8Array, shape: ImageShape, y: number, x: number) =>
  Array.from(
    image.subarray((y * shape.width + x) * shape.channels, (y * shape.width + x + 1) * shape.channels),
  );

describe('geometric transforms', () => {
  const image = randomImage(square, 1);

  it('gives back the image after four quarter turns, also for non-square images', () => {
    let turned = image;
    for (let i = 0; i < 4; i++) turned = rotate90(turned, square, 1);
    expect(turned).toEqual(image);
    const wideImage = randomImage(wide, 2);
    const tall: ImageShape = { height: 7, width: 4, channels: 2 };
    const once = rotate90(wideImage, wide, 1);
    expect(rotate90(rotate90(rotate90(once, tall, 1), wide, 1), tall, 1)).toEqual(wideImage);
  });

  it('moves the top-right corner to the top-left on a counter-clockwise quarter turn', () => {
    const turned = rotate90(image, square, 1);
    expect(pixel(turned, square, 0, 0)).toEqual(pixel(image, square, 0, 8));
    expect(rotate90(image, square, 2)).toEqual(rotate90(rotate90(image, square, 1), square, 1));
    expect(rotate90(image, square, -1)).toEqual(rotate90(image, square, 3));
  });

  it('flips mirror the image, keep its pixels, and undo themselves', () => {
    const mirrored = flipHorizontal(image, square);
    expect(pixel(mirrored, square, 2, 0)).toEqual(pixel(image, square, 2, 8));
    expect(sortedPixels(mirrored)).toEqual(sortedPixels(image));
    expect(flipHorizontal(mirrored, square)).toEqual(image);
    const upsideDown = flipVertical(image, square);
    expect(pixel(upsideDown, square, 0, 3)).toEqual(pixel(image, square, 8, 3));
    expect(sortedPixels(upsideDown)).toEqual(sortedPixels(image));
    expect(flipVertical(upsideDown, square)).toEqual(image);
  });

  it('zoom 1 is the identity; zoom s scales the area of a centred disc by s squared', () => {
    expect(zoom(image, square, 1)).toEqual(image);
    const shape = { height: 41, width: 41, channels: 1 };
    const disc = new Uint8Array(41 * 41);
    for (let y = 0; y < 41; y++) {
      for (let x = 0; x < 41; x++) disc[y * 41 + x] = (y - 20) ** 2 + (x - 20) ** 2 <= 100 ? 200 : 0;
    }
    const flux = (img: Uint8Array) => img.reduce((sum, v) => sum + v, 0);
    expect(flux(zoom(disc, shape, 1.1)) / flux(disc)).toBeCloseTo(1.21, 1);
    expect(flux(zoom(disc, shape, 0.9)) / flux(disc)).toBeCloseTo(0.81, 1);
  });

  it('translate shifts content and mirrors the uncovered border', () => {
    const shifted = translate(image, square, 2, -1);
    expect(pixel(shifted, square, 5, 3)).toEqual(pixel(image, square, 3, 4));
    // Row 0 now shows row 2 (mirrored about the edge), column 8 shows column 7.
    expect(pixel(shifted, square, 0, 3)).toEqual(pixel(image, square, 2, 4));
    expect(pixel(shifted, square, 5, 8)).toEqual(pixel(image, square, 3, 7));
    expect(translate(image, square, 0, 0)).toEqual(image);
  });
});

describe('augmentImage', () => {
  const image = randomImage(square, 3);

  it('is deterministic under a seed, varies across draws, and leaves the input alone', () => {
    const copy = image.slice();
    const a = augmentImage(image, square, seededRng(5));
    expect(augmentImage(image, square, seededRng(5))).toEqual(a);
    const rng = seededRng(6);
    const draws = new Set(
      Array.from({ length: 8 }, () => Buffer.from(augmentImage(image, square, rng)).toString('hex')),
    );
    expect(draws.size).toBeGreaterThan(4);
    expect(image).toEqual(copy);
  });

  it('with only rotations and flips, yields one of the 8 symmetries of the square', () => {
    const rng = seededRng(7);
    const symmetries = new Set<string>();
    for (let turns = 0; turns < 4; turns++) {
      const turned = rotate90(image, square, turns);
      symmetries.add(Buffer.from(turned).toString('hex'));
      symmetries.add(Buffer.from(flipHorizontal(turned, square)).toString('hex'));
    }
    const seen = new Set<string>();
    for (let i = 0; i < 64; i++) {
      const out = augmentImage(image, square, rng, { zoom: false, maxShift: 0 });
      seen.add(Buffer.from(out).toString('hex'));
    }
    expect([...seen].every((key) => symmetries.has(key))).toBe(true);
    expect(seen.size).toBe(8);
  });

  it('turns a non-square image only by 0 or 180 degrees, keeping its shape', () => {
    const wideImage = randomImage(wide, 4);
    const rng = seededRng(8);
    for (let i = 0; i < 16; i++) {
      expect(sortedPixels(augmentImage(wideImage, wide, rng, { zoom: false, maxShift: 0 }))).toEqual(
        sortedPixels(wideImage),
      );
    }
  });

  it('refuses a zoom range or shift that makes no sense', () => {
    expect(() => augmentImage(image, square, seededRng(1), { zoom: [1.1, 0.9] })).toThrow(InvalidConfigError);
    expect(() => augmentImage(image, square, seededRng(1), { maxShift: 0.7 })).toThrow(/maxShift .* got 0.7/);
  });
});
