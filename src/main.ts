import { readConfigOrExit } from './cli/config-or-exit.js';
import { createLogger, logStoreBuild } from './log.js';
import { startServer } from './server/start.js';
import { buildFactStore } from './store/fact-store.js';

// `npm start`: the server with every configured channel. With no credentials it still runs and
// says which channels are off and why; `npm run chat` talks to the bot in the terminal.
const config = readConfigOrExit();
const log = createLogger({ level: config.logLevel, pretty: !config.production && process.stdout.isTTY === true });
const store = await buildFactStore({ seedsDir: config.seedsDir, intentsDir: config.intentsDir });
logStoreBuild(log, store);
const running = await startServer({ config, store, log });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    void running.close().then(() => process.exit(0));
  });
}
