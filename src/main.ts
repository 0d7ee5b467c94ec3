import { runTerminalChat } from './cli/chat.js';
import { readConfig } from './config.js';
import { buildFactStore } from './store/fact-store.js';

// Until a chat platform is configured the bot runs as a chat in the terminal.
const config = readConfig(process.env);
const store = await buildFactStore({ seedsDir: config.seedsDir, intentsDir: config.intentsDir });
for (const f of store.failures) process.stderr.write(`not loaded: ${f.file}: ${f.reason}\n`);
await runTerminalChat(store);
