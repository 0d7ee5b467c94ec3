import { createInterface } from 'node:readline';
import { ask } from '../core/ask.js';
import { renderText } from './render-text.js';
import { buildFactStore } from '../store/fact-store.js';
import { quietOnBrokenPipe, readConfigOrExit } from './entry.js';
import { createLogger, logStoreBuild } from '../log.js';

quietOnBrokenPipe();
const args = process.argv.slice(2);
const config = readConfigOrExit();
// Logs go to standard error at warn and above unless LOG_LEVEL says otherwise: standard output
// carries only answers.
const log = createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : 'warn', pretty: process.stderr.isTTY === true, fd: 2 });
const store = await buildFactStore({ seedsDir: config.seedsDir, intentsDir: config.intentsDir });
logStoreBuild(log, store);

if (args.includes('--json')) {
  // One question a line in, one JSON line out, in order; no context carries between lines.
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const r = ask(store, line);
    process.stdout.write(JSON.stringify({ question: line, intent: r.intent, answers: r.answers, suggestions: r.suggestions, ...(r.note ? { note: r.note } : {}) }) + '\n');
  }
} else {
  const question = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  if (!question) {
    process.stderr.write('usage: npm run --silent ask -- "问题"   |   npm run --silent ask -- --json < questions.txt\n');
    process.exit(2);
  }
  process.stdout.write(renderText(ask(store, question), store) + '\n');
}
