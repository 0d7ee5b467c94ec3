import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { storeFrom } from './helpers/store.js';

// Question sets written apart from the code, over the seeds and over reports the bot was not built
// for. The dev set (eval/dev-qa.jsonl, the project's copy of the shared one; `npm run score`) and
// the next three are held to the product's bar. dev2 (eight reports of new genres, issue 10) and
// the blind sets written for it are held where they stand now, so that no change loses ground;
// raise their floors as they improve. (The blind sets are scored here on their own reports, without the
// seeds beside them, and score lower so: what else is in the store changes word weights and places.)
const SETS = [
  { name: 'the dev questions over the seeds', seeds: 'seeds', qa: 'eval/dev-qa.jsonl', minRight: 0.95, maxWrong: 0 },
  { name: 'held-out questions over the seeds', seeds: 'seeds', qa: 'test/fixtures/holdout-qa.jsonl', minRight: 0.95, maxWrong: 0 },
  { name: 'an unseen news-style report (济宁)', seeds: 'test/fixtures/unseen', qa: 'test/fixtures/unseen/qa.jsonl', minRight: 0.95, maxWrong: 0 },
  { name: 'an unseen letter-style report (兰山区)', seeds: 'test/fixtures/unseen2', qa: 'test/fixtures/unseen2/qa.jsonl', minRight: 0.95, maxWrong: 0 },
  { name: 'dev2: eight reports of the genres admins add', seeds: 'test/fixtures/dev2', qa: 'test/fixtures/dev2/qa.jsonl', minRight: 0.96, maxWrong: 0 },
  { name: 'blind set A: a statistics brief with tables, a county MCH summary', seeds: 'test/fixtures/blind-a', qa: 'test/fixtures/blind-a/qa.jsonl', minRight: 0.84, maxWrong: 1 },
  { name: 'blind set B: a saved web page, an interview transcript', seeds: 'test/fixtures/blind-b', qa: 'test/fixtures/blind-b/qa.jsonl', minRight: 0.71, maxWrong: 2 },
  { name: 'blind set C: a supervision annual report, a chronic-disease survey', seeds: 'test/fixtures/blind-c', qa: 'test/fixtures/blind-c/qa.jsonl', minRight: 0.86, maxWrong: 3 },
  { name: 'blind set D: a county\'s half-year speech, a hospital\'s web report', seeds: 'test/fixtures/blind-d', qa: 'test/fixtures/blind-d/qa.jsonl', minRight: 0.8, maxWrong: 2 },
  { name: 'blind set E: a city statistics bulletin, a district press conference', seeds: 'test/fixtures/blind-e', qa: 'test/fixtures/blind-e/qa.jsonl', minRight: 0.89, maxWrong: 2 },
  { name: 'blind set F: an emergency centre\'s annual report, a county survey of village doctors', seeds: 'test/fixtures/blind-f', qa: 'test/fixtures/blind-f/qa.jsonl', minRight: 0.72, maxWrong: 1 },
  { name: 'blind set G: a city CDC\'s work summary, a county hospital president\'s report', seeds: 'test/fixtures/blind-g', qa: 'test/fixtures/blind-g/qa.jsonl', minRight: 0.81, maxWrong: 1 },
  { name: 'blind set H: a city 医保 fund report, a county\'s meeting minutes in speaker turns', seeds: 'test/fixtures/blind-h', qa: 'test/fixtures/blind-h/qa.jsonl', minRight: 0.92, maxWrong: 1 },
  { name: 'blind set I: a province\'s hospital assessment notice with a ranking table, a county plan review saved from its website', seeds: 'test/fixtures/blind-i', qa: 'test/fixtures/blind-i/qa.jsonl', minRight: 0.76, maxWrong: 1 },
  { name: 'blind set J: a commission\'s final accounts, a city\'s monthly statistics express', seeds: 'test/fixtures/blind-j', qa: 'test/fixtures/blind-j/qa.jsonl', minRight: 0.73, maxWrong: 1 },
];

interface Item {
  q: string;
  expect: string[] | null;
  doc?: string;
}

const norm = (s: string) => s.normalize('NFKC').replace(/[\s,，]/g, '');

describe.each(SETS)('$name', ({ seeds, qa, minRight, maxWrong }) => {
  const items: Item[] = readFileSync(qa, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

  it(`answers at least ${minRight} right first, and at most ${maxWrong} wrong`, async () => {
    const store = await storeFrom(seeds);
    const misses: string[] = [];
    let right = 0;
    let wrong = 0;
    let positives = 0;
    for (const item of items) {
      const first = ask(store, item.q).answers[0];
      if (item.expect === null) {
        if (first) {
          wrong++;
          misses.push(`${item.q} → ${first.answer} (should not answer)`);
        }
        continue;
      }
      positives++;
      const ok = first && item.expect.some((e) => norm(first.answer).includes(norm(e))) && first.source.file.startsWith(item.doc!);
      if (ok) right++;
      else {
        if (first) wrong++;
        misses.push(`${item.q} → ${first ? `${first.answer} @${first.source.file}` : 'nothing'} (want ${item.expect.join('|')} @${item.doc})`);
      }
    }
    expect(wrong, misses.join('\n')).toBeLessThanOrEqual(maxWrong);
    console.log(`[eval] ${qa}: right ${right}/${positives}, wrong ${wrong}/${items.length}`);
    expect(right / positives, misses.join('\n')).toBeGreaterThanOrEqual(minRight);
  });
});
