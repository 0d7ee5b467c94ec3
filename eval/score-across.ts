// Scores the bot on a set of questions across facts over extra reports, without touching seeds/:
//   npm run --silent score:across -- SET_DIR [--verbose] [--no-dev2]
// SET_DIR holds the reports (.txt .md .html .pdf .docx, with any .meta.json beside them), qa.jsonl
// (one question a line: {id, kind, q, after, expect}; see eval/across-judge.ts for the shapes) and
// docs.json (id → [file-name prefix, title phrases]). The store is the seeds, the dev2 reports (so a
// set's questions must find their figures among others' too, unless --no-dev2) and the set's reports.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_EXTENSIONS } from '../src/reports/formats/index.js';
import { buildFactStore } from '../src/store/fact-store.js';
import { askSet, readDocs, readItems, tally } from './across-judge.js';

const args = process.argv.slice(2);
const setDir = args.find((a) => !a.startsWith('--'));
if (!setDir) {
  console.error('usage: npm run --silent score:across -- SET_DIR [--verbose] [--no-dev2]');
  process.exit(2);
}
const isReport = (f: string) => !/^README/i.test(f) && (f.endsWith('.meta.json') || REPORT_EXTENSIONS.some((e) => f.toLowerCase().endsWith(e)));

const dir = mkdtempSync(join(tmpdir(), 'score-across-'));
try {
  for (const src of ['seeds', ...(args.includes('--no-dev2') ? [] : ['test/fixtures/dev2']), setDir]) {
    for (const f of readdirSync(src)) if (isReport(f)) copyFileSync(join(src, f), join(dir, f));
  }
  const store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
  const items = readItems(setDir);
  const t = tally(askSet(store, items), readDocs(setDir));
  if (args.includes('--verbose')) console.log([...t.misses, ...t.silent.map((s) => `MIXED ${s}`)].join('\n'));
  console.log(`${setDir}: right ${t.right}/${items.length} = ${(t.right / items.length).toFixed(3)}, wrong ${t.wrong}, silently mixed ${t.silent.length}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
