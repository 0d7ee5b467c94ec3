import { exitOnSettingError, readConfigOrExit } from './cli/entry.js';
import { loadTargetsFile } from './push/targets.js';
import { createLogger, logStoreBuild } from './log.js';
import { buildFactStoreIsolated, snapshotDir } from './store/isolated-build.js';

// `npm start`: the server with every configured channel. With no credentials it still runs and
// says which channels are off and why; `npm run chat` talks to the bot in the terminal.
const config = readConfigOrExit();
const log = createLogger({ level: config.logLevel, pretty: !config.production && process.stdout.isTTY === true });
// A setting that does not work here (a port in use, an address not on this machine, Redis not
// answering, a wrong push targets file) stops the start with one line naming it and exit code 1;
// nothing is left running (no push schedule, no connections).
// The targets file is checked before the reports are read, so its error comes at once.
if (config.push.targetsFile) await loadTargetsFile(config.push.targetsFile).catch((err: unknown) => exitOnSettingError(err));
// Reports are read in a worker thread, so a hostile file fails that file, not the start. The
// build starts before the server's code loads, so that the worker reads while this thread loads it.
const building = buildFactStoreIsolated({ seedsDir: config.seedsDir, intentsDir: config.intentsDir, limits: config.build, cacheDir: snapshotDir(config.dataDir), unpaced: true });
building.catch(() => undefined); // a failed build is thrown below, not reported as unhandled meanwhile
const { startServer } = await import('./server/start.js');
const store = await building;
logStoreBuild(log, store);
const running = await startServer({ config, store, log }).catch((err: unknown) => {
  log.flush();
  return exitOnSettingError(err);
});

// On SIGTERM: stop taking events, finish replies under way, close connections, then exit. A second
// signal, or 25 s (inside Docker's default 30 s grace), ends it at once.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down: finishing replies under way');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting with replies unfinished');
      process.exit(1);
    }, 25_000);
    force.unref();
    process.once(signal, () => process.exit(1));
    void running.close().then(
      () => {
        log.info('shut down cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
