import { readdirSync, readFileSync } from 'node:fs';
import * as jieba from 'nodejs-jieba';
import { describe, expect, it } from 'vitest';
import { cut, cutForSearch, reloadSegmenter, tag } from '../src/text/segment.js';

// Issue 14, item 5: jieba loads one-line stand-ins for the keyword-extraction dictionaries (idf,
// stop words), which cut and tag never read; segmentation is the same as with the full set.
describe("jieba's dictionaries", () => {
  const lines = [
    ...readdirSync('seeds').filter((f) => f.endsWith('.txt')).flatMap((f) => readFileSync(`seeds/${f}`, 'utf8').split('\n').filter((l) => l.trim()).slice(0, 40)),
    ...readFileSync('eval/dev-qa.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { q: string }).q),
  ];
  const segmentAll = () => lines.map((l) => [cut(l), tag(l), cutForSearch(l)]);

  it('segments the seeds and the dev questions as the full set does', () => {
    expect(lines.length).toBeGreaterThan(100);
    const stubbed = segmentAll();
    jieba.load(); // every default dictionary, the 6 MB idf list too
    const full = segmentAll();
    reloadSegmenter(); // the next call loads the stand-ins again
    expect(stubbed).toEqual(full);
    expect(segmentAll()).toEqual(full);
  }, 60_000);

  // patches/nodejs-jieba: the addon loads one copy of the dictionary (no TextRank extractor, whose
  // copy doubled jieba's memory and load time) and frees it when a worker thread ends.
  it('runs the patched addon: one dictionary, keyword extraction by TextRank not built in', () => {
    expect(() => jieba.textRankExtract('枣庄市实际开放床位多少张', 3)).toThrow(/not built in/);
  });

  it('gives the dictionary back when a worker thread that loaded it ends', async () => {
    const { Worker } = await import('node:worker_threads');
    const code = `import(${JSON.stringify(new URL('../node_modules/nodejs-jieba/dist/index.mjs', import.meta.url).href)}).then((j) => { j.load(); j.cut('枣庄市实际开放床位'); })`;
    const rss: number[] = [];
    for (let i = 0; i < 4; i++) {
      const w = new Worker(code, { eval: true });
      await new Promise((r) => w.once('exit', r));
      rss.push(process.memoryUsage().rss);
    }
    // A dictionary left behind by each worker would add ~120 MB a worker.
    expect(rss[3]! - rss[1]!).toBeLessThan(60 * 2 ** 20);
  }, 60_000);
});
