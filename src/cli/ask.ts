import { createInterface } from 'node:readline';
import { ask, FollowUps } from '../core/ask.js';
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
  // One question a line in, one JSON line out, in order. A plain line carries no context; a line
  // {"q": "那甲市呢", "chat": "c1"} follows on from the chat's earlier questions, as in a group chat.
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const followUps = new FollowUps();
  for await (const line of rl) {
    const { q, chat } = questionLine(line);
    const r = ask(store, q, chat ? { chat, followUps } : {});
    process.stdout.write(JSON.stringify({ question: q, intent: r.intent, answers: r.answers, suggestions: r.suggestions, ...(r.note ? { note: r.note } : {}), ...(r.across ? { across: r.across } : {}) }) + '\n');
  }
} else {
  const question = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  if (!question) {
    process.stderr.write('usage: npm run --silent ask -- "问题"   |   npm run --silent ask -- --json < questions.txt\n');
    process.exit(2);
  }
  process.stdout.write(renderText(ask(store, question), store) + '\n');
}

function questionLine(line: string): { q: string; chat?: string } {
  if (!line.trimStart().startsWith('{')) return { q: line };
  try {
    const o = JSON.parse(line) as { q?: unknown; chat?: unknown };
    if (typeof o.q === 'string') return { q: o.q, ...(typeof o.chat === 'string' ? { chat: o.chat } : {}) };
  } catch {
    // Not JSON after all: the line is the question.
  }
  return { q: line };
}
