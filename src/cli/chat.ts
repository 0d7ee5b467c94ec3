import { createInterface } from 'node:readline';
import { ask, FollowUps } from '../core/ask.js';
import { quietOnBrokenPipe, readConfigOrExit } from './entry.js';
import { buildFactStore, type FactStore } from '../store/fact-store.js';
import { renderText } from './render-text.js';

/** A chat in the terminal, with the follow-up memory of a real group chat. */
export async function runTerminalChat(store: FactStore): Promise<void> {
  const followUps = new FollowUps();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  process.stdout.write(`factbot: ${store.docs.size} 份报告, ${store.facts.length} 条数据。直接提问,例如"枣庄实际开放床位多少张";输入 /sources 看报告, /quit 退出。\n`);
  rl.setPrompt('> ');
  rl.prompt();
  // Lines are read as they come, so piped input works as typed input does.
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line) process.stdout.write(renderText(ask(store, line, { chat: 'terminal', followUps }), store) + '\n');
    rl.prompt();
  }
  rl.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  quietOnBrokenPipe();
  const config = readConfigOrExit();
  const store = await buildFactStore({ seedsDir: config.seedsDir, intentsDir: config.intentsDir });
  await runTerminalChat(store);
}
