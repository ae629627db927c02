import pino from 'pino';

/** The structured logger every library function takes; JSON lines by default. */
export type Logger = pino.Logger;

/** A pino logger writing JSON lines to stderr, so stdout stays free for results. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

/** A logger that drops everything: for tests and library calls whose caller does not care. */
export const silentLogger: Logger = pino({ level: 'silent' });
