import { readFileSync } from 'node:fs';
import { appendFile, cp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffStores } from '../src/admin/reload.js';
import { ask } from '../src/core/ask.js';
import { factKey } from '../src/push/choose.js';
import { grams } from '../src/match/fact-index.js';
import { buildPostings, gramKey, Postings, postingsOf } from '../src/match/postings.js';
import { loadIntents } from '../src/match/intents.js';
import { buildFactStore, extractReport, type FactStore } from '../src/store/fact-store.js';
import { FACTS_PER_PART, joinParts, packReport, splitParts, unpackPart, unpackReport } from '../src/store/packed-report.js';
import { prepareExtracted } from '../src/store/prepared-report.js';
import { buildFactStoreIsolated } from '../src/store/isolated-build.js';
import { Sliced, SLICE_MS } from '../src/store/sliced.js';
import { tempDirs } from './helpers/temp-dirs.js';

const tempDir = tempDirs('factbot-handover-');
const limits = { fileTimeoutMs: 60_000, memoryMb: 1024 };
const QUESTIONS = ['枣庄实际开放床位多少张？', '淄博的孕产妇死亡率是多少', '瑞安市家庭医生签约率', '枣庄执业医师有多少人', '全市总诊疗人次'];

/** The naive index the typed arrays replace: a Map from each gram to the sentences holding it. */
function naivePostings(sentences: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  sentences.forEach((s, id) => {
    for (const g of new Set(grams(s))) {
      if (!out.has(g)) out.set(g, []);
      out.get(g)!.push(id);
    }
  });
  return out;
}

describe('postings in typed arrays', () => {
  it('hold for every gram the same sentences as a Map of arrays, and nothing for grams no sentence has', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...'床位医师率枣庄的1.%'), fc.constantFrom('𠀀', '\u0001', ' ', '\uffff'), fc.string({ maxLength: 3 })), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), (sentences) => {
        const naive = naivePostings(sentences);
        const postings = new Postings(buildPostings(sentences));
        for (const [g, ids] of naive) expect([...postings.get(g)]).toEqual(ids);
        for (const absent of ['无', '无有', 'zz']) if (!naive.has(absent)) expect(postings.get(absent).length).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a single character and a pair starting with it differ', '床', '床位'],
    ['a character beyond the basic plane is its two halves', '𠀀', '\ud840'],
  ])('keys: %s', (_what, a, b) => expect(gramKey(a)).not.toBe(gramKey(b)));

  it('lists grouped by key read back by key, and an empty index answers nothing', () => {
    const p = new Postings(postingsOf(new Map([[30, [1, 4]], [7, [2]]])));
    expect([...p.byKey(30)]).toEqual([1, 4]);
    expect([...p.byKey(7)]).toEqual([2]);
    expect(p.byKey(8).length).toBe(0);
    expect(new Postings(buildPostings([])).get('床').length).toBe(0);
    expect(new Postings(buildPostings([''])).get('').length).toBe(0);
  });
});

describe('stitching in slices', () => {
  it('does a burst in slices of a few milliseconds, yielding between them, in order; a failing item fails alone', async () => {
    let clock = 0;
    const done: string[] = [];
    // Each item takes 1 ms of the fake clock.
    const sliced = new Sliced<{ name: string }>((item) => {
      clock += 1;
      if (item.name === 'bad') throw new Error('broken bytes');
      done.push(item.name);
    }, () => clock);
    const names = Array.from({ length: 20 }, (_, i) => (i === 7 ? 'bad' : `r${i}`));
    for (const name of names) sliced.push({ name });
    let turns = 0;
    let finished = false;
    const counting = (async () => {
      while (!finished) {
        turns++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const failures = await sliced.drained();
    finished = true;
    await counting;
    expect(done).toEqual(names.filter((n) => n !== 'bad'));
    expect(failures).toEqual([{ file: 'bad', reason: expect.stringMatching(/could not be read: broken bytes/) }]);
    // 20 items of 1 ms in slices of SLICE_MS: the event loop turned between the slices.
    expect(turns).toBeGreaterThanOrEqual(Math.floor(20 / SLICE_MS) - 1);
  });

  it('resolves at once when nothing was pushed', async () => {
    await expect(new Sliced(() => undefined).drained()).resolves.toEqual([]);
  });
});

/** What a store answers and indexes, to compare stores built different ways. */
function shape(store: FactStore) {
  return {
    facts: store.facts.map((f) => `${f.id}|${f.answer}|${f.metric}|${f.quote}`),
    sentences: store.index.sentences,
    vocabulary: store.index.vocabulary,
    digests: [...store.docs.values()].map((d) => d.digest),
    answers: QUESTIONS.map((q) => ask(store, q).answers[0]?.answer ?? null),
    near: ['床位', '签约率', '死亡率', '医师'].map((w) => [...store.index.sentencesNear(w)]),
  };
}

describe('a store built off the main thread, and its snapshot', () => {
  it('is the same store as one built in this thread, with or without a snapshot', async () => {
    const here = shape(await buildFactStore({ seedsDir: 'seeds', intentsDir: 'intents' }));
    const cacheDir = join(await tempDir(), 'store-cache');
    const cold = await buildFactStoreIsolated({ seedsDir: 'seeds', intentsDir: 'intents', limits, cacheDir });
    const warm = await buildFactStoreIsolated({ seedsDir: 'seeds', intentsDir: 'intents', limits, cacheDir });
    expect(cold.fromSnapshot).toBeUndefined();
    expect(warm.fromSnapshot).toBe(5);
    expect(shape(cold)).toEqual(here);
    expect(shape(warm)).toEqual(here);
    expect(shape(await buildFactStoreIsolated({ seedsDir: 'seeds', intentsDir: 'intents', limits }))).toEqual(here);
  }, 120_000);

  it('reads again only the report that changed, and keeps only the files the last build used', async () => {
    const root = await tempDir();
    const seeds = join(root, 'seeds');
    const cacheDir = join(root, 'store-cache');
    await cp('seeds', seeds, { recursive: true });
    await buildFactStoreIsolated({ seedsDir: seeds, intentsDir: 'intents', limits, cacheDir });
    const before = (await readdir(cacheDir)).sort();
    expect(before.filter((f) => f.startsWith('report-'))).toHaveLength(5);
    expect(before.filter((f) => f.startsWith('corpus-'))).toHaveLength(1);

    const changed = (await readdir(seeds)).find((f) => f.endsWith('.txt'))!;
    await appendFile(join(seeds, changed), '\n全市共有负压救护车987辆。\n');
    const after = await buildFactStoreIsolated({ seedsDir: seeds, intentsDir: 'intents', limits, cacheDir });
    expect(after.fromSnapshot).toBe(4);
    expect(after.facts.some((f) => f.answer === '987辆')).toBe(true);
    // Pruning runs after the build returns.
    await expect.poll(async () => (await readdir(cacheDir)).filter((f) => !before.includes(f)).length).toBe(2);
    await expect.poll(async () => (await readdir(cacheDir)).length).toBe(6);
  }, 120_000);

  it('is not used when the intents changed, and a damaged snapshot file is read again from its report', async () => {
    const root = await tempDir();
    const intents = join(root, 'intents');
    const cacheDir = join(root, 'store-cache');
    await cp('intents', intents, { recursive: true });
    await buildFactStoreIsolated({ seedsDir: 'seeds', intentsDir: intents, limits, cacheDir });
    await appendFile(join(intents, 'synonyms.txt'), '\n# a comment changes the intents\n');
    const rebuilt = await buildFactStoreIsolated({ seedsDir: 'seeds', intentsDir: intents, limits, cacheDir });
    expect(rebuilt.fromSnapshot).toBeUndefined();

    const [damaged] = (await readdir(cacheDir)).filter((f) => f.startsWith('report-'));
    await writeFile(join(cacheDir, damaged!), 'not a snapshot');
    const again = await buildFactStoreIsolated({ seedsDir: 'seeds', intentsDir: intents, limits, cacheDir });
    expect(again.docs.size).toBe(5);
    expect(again.failures).toEqual([]);
    expect(shape(again)).toEqual(shape(rebuilt));
  }, 120_000);
});

describe('what a reload changed, counted report by report', () => {
  it('counts the same facts added and removed as comparing every fact of both stores', async () => {
    const root = await tempDir();
    const seeds = join(root, 'seeds');
    await cp('seeds', seeds, { recursive: true });
    const before = await buildFactStore({ seedsDir: seeds, intentsDir: 'intents' });
    const [first, second, third] = (await readdir(seeds)).filter((f) => f.endsWith('.txt'));
    await appendFile(join(seeds, first!), '\n全市共有负压救护车987辆，发热门诊12个。\n');
    await rm(join(seeds, second!));
    await writeFile(join(seeds, 'new-report.txt'), '某市2024年卫生健康统计公报\n全市共有医疗卫生机构321个，床位4567张。\n');
    await writeFile(join(seeds, third!), readFileSync(join('seeds', third!), 'utf8').replace(/\d{3,}/g, '7777'));
    const after = await buildFactStore({ seedsDir: seeds, intentsDir: 'intents' });
    const naive = (a: FactStore, b: FactStore) => {
      const ka = new Set(a.facts.map(factKey));
      const kb = new Set(b.facts.map(factKey));
      return { factsAdded: [...kb].filter((k) => !ka.has(k)).length, factsRemoved: [...ka].filter((k) => !kb.has(k)).length };
    };
    const diff = diffStores(before, after);
    expect(diff.docsAdded).toEqual(['new-report.txt']);
    expect(diff.docsRemoved).toEqual([second]);
    expect(diff.docsChanged.sort()).toEqual([first, third].sort());
    expect({ factsAdded: diff.factsAdded, factsRemoved: diff.factsRemoved }).toEqual(naive(before, after));
    expect(diff.factsAdded).toBeGreaterThan(2);
  }, 60_000);
});

describe('a large report is handed over in parts', () => {
  it('packs at most FACTS_PER_PART facts a part, and the parts read back as the report', async () => {
    const root = await tempDir();
    const lines = Array.from({ length: 2 * FACTS_PER_PART + 500 }, (_, i) => `全市第${i}项床位${i + 1}张，其中${i % 7}张为负压床位。`);
    await writeFile(join(root, 'big.md'), `# 某市卫生健康统计公报\n\n## 床位\n\n${lines.join('\n\n')}\n`);
    const intents = await loadIntents('intents');
    const prepared = prepareExtracted(await extractReport(root, 'big.md', ['big.md']), intents);
    expect(prepared.report.facts.length).toBeGreaterThan(2 * FACTS_PER_PART);
    const parts = packReport(prepared);
    expect(parts).toHaveLength(Math.ceil(prepared.report.facts.length / FACTS_PER_PART));
    const read = parts.map(unpackPart);
    expect(read.map((p) => p.head !== undefined)).toEqual(parts.map((_, i) => i === 0));
    for (const p of read) expect(p.facts.length).toBeLessThanOrEqual(FACTS_PER_PART);
    expect(unpackReport(parts)).toEqual(prepared);
    expect(unpackReport(splitParts(joinParts(parts)))).toEqual(prepared);

    // Built through the workers, part by part, it is the store built in one piece here.
    const here = await buildFactStore({ seedsDir: root, intentsDir: 'intents' });
    const there = await buildFactStoreIsolated({ seedsDir: root, intentsDir: 'intents', limits, cacheDir: join(root, 'cache') });
    expect(there.index.facts.map((f) => [f.sentence, f.zones.quote, f.zones.heading])).toEqual(here.index.facts.map((f) => [f.sentence, f.zones.quote, f.zones.heading]));
    expect(shape(there)).toEqual(shape(here));
    // And again from its snapshot, whose parts come back from one file.
    const again = await buildFactStoreIsolated({ seedsDir: root, intentsDir: 'intents', limits, cacheDir: join(root, 'cache') });
    expect(again.failures).toEqual([]);
    expect(again.fromSnapshot).toBe(1);
    expect(shape(again)).toEqual(shape(here));
  }, 120_000);
});
