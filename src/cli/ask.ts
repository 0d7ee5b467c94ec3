import { createInterface } from 'node:readline';
import { ask } from '../core/ask.js';
import { renderText } from './render-text.js';
import { buildFactStore } from '../store/fact-store.js';
import { readConfig } from '../config.js';

const args = process.argv.slice(2);
const config = readConfig(process.env);
const store = await buildFactStore({ seedsDir: config.seedsDir, intentsDir: config.intentsDir });
for (const f of store.failures) process.stderr.write(`warning: ${f.file} not loaded: ${f.reason}\n`);

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
