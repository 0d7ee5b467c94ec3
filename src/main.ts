import { runTerminalChat } from './cli/chat.js';
import { readConfig } from './config.js';
import { createLogger, logStoreBuild } from './log.js';
import { buildFactStore } from './store/fact-store.js';

// Until a chat platform is configured the bot runs as a chat in the terminal.
const config = readConfig(process.env);
// The chat greets with the counts; the log speaks only of problems unless LOG_LEVEL asks for more.
const log = createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : 'warn', pretty: false, fd: 2 });
const store = await buildFactStore({ seedsDir: config.seedsDir, intentsDir: config.intentsDir });
logStoreBuild(log, store);
await runTerminalChat(store);
