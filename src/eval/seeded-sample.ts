import { randomInt, seededRng } from '../data/rng';

/**
 * Up to `count` distinct items of `items`, chosen uniformly with a seeded partial Fisher-Yates shuffle and
 * returned in their original order. All of them when there are no more than `count`.
 */
export function seededSample<T>(items: readonly T[], count: number, seed: number | string): T[] {
  if (items.length <= count) return [...items];
  const rng = seededRng(seed);
  const positions = items.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(rng, positions.length - i);
    [positions[i], positions[j]] = [positions[j], positions[i]];
  }
  return positions
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((i) => items[i]);
}
