import { ConfigError, readConfig, SettingError, type Config } from '../config.js';

// What every command-line entry point (npm start, ask, chat, facts, push, add-report) does with
// its settings and its output streams.

/** The config, or the message naming each wrong variable and exit code 78. */
export function readConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return readConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}

/**
 * For every command-line entry point: when the reader of standard output (or error) goes away,
 * as `npm run --silent facts -- --json | head -1` does after one line, the command stops quietly
 * with exit code 0 instead of dying on EPIPE with a stack trace. Other stream errors are thrown.
 */
export function quietOnBrokenPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
}

/**
 * A setting found wrong at start (a port in use, Redis not answering, a bad push targets file):
 * the message on one line, no stack trace, and exit code 1. Anything else is a bug, thrown as is.
 */
export function exitOnSettingError(err: unknown, what = 'factbot cannot start'): never {
  if (err instanceof SettingError) {
    process.stderr.write(`${what}: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
