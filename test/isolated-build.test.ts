import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../src/extract/facts.js';
import { MAX_SENTENCE_CHARS, splitSentences } from '../src/extract/text-spans.js';
import { extractInWorkers } from '../src/store/isolated-build.js';

const MISBEHAVING = new URL('./helpers/misbehaving-worker.ts', import.meta.url).href;
const limits = { fileTimeoutMs: 4000, memoryMb: 256 };

describe('a build reads reports in a worker, so one file fails alone', () => {
  it.each([
    ['a file that fills the heap', 'greedy-1.md', /more than 256 MB \(BUILD_MEMORY_MB\)/],
    ['a file that never finishes', 'spin-1.md', /longer than 4 s \(BUILD_FILE_TIMEOUT_SEC\)/],
    ['a file that ends the thread', 'exit-1.md', /reader stopped \(exit code 3\)/],
  ])('%s is failed with the limit named, and the files after it are read by a new worker', async (_what, bad, reason) => {
    const names = ['a.md', bad, 'b.md', 'c.md'];
    const { reports, failures } = await extractInWorkers({ dir: '.', intentsDir: resolve('intents'), names, siblings: names, entry: MISBEHAVING }, limits);
    expect(reports.map((r) => r.report.doc.id)).toEqual(['a.md', 'b.md', 'c.md']);
    expect(failures).toEqual([{ file: bad, reason: expect.stringMatching(reason) }]);
  }, 60_000);

  it('two bad files in a row each fail alone', async () => {
    const names = ['spin-1.md', 'exit-2.md', 'a.md'];
    const { reports, failures } = await extractInWorkers({ dir: '.', intentsDir: resolve('intents'), names, siblings: names, entry: MISBEHAVING }, { ...limits, fileTimeoutMs: 2000 });
    expect(failures.map((f) => f.file)).toEqual(['spin-1.md', 'exit-2.md']);
    expect(reports.map((r) => r.report.doc.id)).toEqual(['a.md']);
  }, 60_000);

  it('a worker that ends after a file was read blames no file; a new worker reads the rest', async () => {
    const names = ['a.md', 'quits-1.md', 'b.md'];
    const { reports, failures } = await extractInWorkers({ dir: '.', intentsDir: resolve('intents'), names, siblings: names, entry: MISBEHAVING }, limits);
    expect(reports.map((r) => r.report.doc.id)).toEqual(['a.md', 'quits-1.md', 'b.md']);
    expect(failures).toEqual([]);
  }, 60_000);

  it('a worker that cannot start at all fails the build with the cause, not a file', async () => {
    const names = ['a.md'];
    await expect(extractInWorkers({ dir: '.', intentsDir: resolve('intents'), names, siblings: names, entry: 'file:///nowhere/worker.ts' }, limits)).rejects.toThrow(/stopped before reading a report/);
  }, 60_000);
});

describe('bounds on what one report yields', () => {
  it.each([
    ['a real sentence stays whole', '全市共有医疗卫生机构2702个，实际开放床位25970张。', [29]],
    ['a run without a full stop is cut after its last comma within the limit', '床位1张，'.repeat(400), [1200, 800]],
    ['without any mark it is cut before a figure, never inside one', '全市床位' + '1234567张床位'.repeat(150), [1193, 311]],
  ])('%s', (_what, text, lengths) => {
    const pieces = splitSentences(text);
    expect(pieces.map((p) => p.text.length)).toEqual(lengths);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    for (const p of pieces) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
    expect(Math.max(...pieces.map((p) => p.text.length))).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
  });

  it('a report yielding more facts than the limit stops with a reason that says what to do', () => {
    const doc = { id: 'flood.md', path: 'flood.md', meta: { title: '某市统计公报', region: '某市', origin: 'derived' as const }, blocks: Array.from({ length: 50 }, (_, i) => ({ kind: 'paragraph' as const, text: `全市第${i}项床位${i + 1}张。` })) };
    expect(extractFacts(doc).length).toBe(50);
    expect(() => extractFacts(doc, { maxFacts: 20 })).toThrow(/more than 20 facts.*split it/);
  });
});

describe('a build gives way to the answers', () => {
  it.runIf(process.platform === 'linux')('runs its workers at the lowest priority, and leaves the answering thread as it was', async () => {
    const { Worker } = await import('node:worker_threads');
    const { getPriority } = await import('node:os');
    const before = getPriority();
    const entry = `data:text/javascript,${encodeURIComponent("import { parentPort } from 'node:worker_threads'; import { getPriority } from 'node:os'; parentPort.postMessage(getPriority());")}`;
    const worker = new Worker(new URL('../src/store/worker-boot.mjs', import.meta.url), { workerData: { entry } });
    const seen = await new Promise<number>((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect(seen).toBe(19);
    expect(getPriority()).toBe(before);
  });
});
