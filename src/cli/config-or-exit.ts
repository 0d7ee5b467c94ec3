import { ConfigError, readConfig, type Config } from '../config.js';

/** For entry points: the config, or the message naming each wrong variable and exit code 78. */
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
