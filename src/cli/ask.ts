import { createInterface } from 'node:readline';
import { ask, type AskResult } from '../core/ask.js';
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
  process.stdout.write(renderText(ask(store, question)) + '\n');
}

function renderText(r: AskResult): string {
  if (r.intent !== 'ask_figure') return `（这是一条${r.intent}指令；在聊天里发给机器人即可。）`;
  if (r.answers.length === 0) {
    const lines = [r.note ?? '没有找到答案。'];
    if (r.suggestions.length) lines.push(`我知道的有：${r.suggestions.join('；')}`);
    return lines.join('\n');
  }
  return r.answers
    .map((a, i) =>
      [
        `${i === 0 ? '▶' : '·'} ${a.answer}  ${a.metric}（${a.region}${a.time ? '，' + a.time : ''}）`,
        `  “${a.quote}”`,
        `  ——《${a.source.title}》${a.source.date ? ' ' + a.source.date : ''}  [${a.source.file}]  置信度 ${a.confidence.toFixed(2)}`,
      ].join('\n'),
    )
    .join('\n');
}
