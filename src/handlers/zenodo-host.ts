import { InvalidConfigError } from '../errors';
import { DEFAULT_ZENODO_URL } from '../zenodo/client';

/**
 * The Zenodo the stack configured for the Lambdas (ZENODO_URL, else zenodo.org). An event may name that
 * host again, but no other: a Lambda fetches from the configured host only (ZenodoHttp refuses every
 * other URL, including a file's `links.self`).
 * @throws InvalidConfigError naming the event field
 */
export function configuredZenodoUrl(eventUrl: string | undefined): string {
  const configured = process.env.ZENODO_URL || DEFAULT_ZENODO_URL;
  const origin = new URL(configured).origin;
  if (eventUrl !== undefined && new URL(eventUrl).origin !== origin) {
    throw new InvalidConfigError(
      `zenodoUrl: ${eventUrl} is not the configured Zenodo host ${origin} (ZENODO_URL of the function)`,
    );
  }
  return configured;
}
