import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, FollowUps, type AskResult } from '../../src/core/ask.js';
import { answerCard } from '../../src/core/cards.js';
import { extractFacts, extractFromSentence } from '../../src/extract/facts.js';
import { findFigures } from '../../src/extract/figures.js';
import { validateCardV2 } from '../../src/platforms/feishu/card-schema.js';
import { renderFeishuCard } from '../../src/platforms/feishu/render.js';
import { MARKDOWN_MAX_BYTES, renderWeCom, TEXT_MAX_BYTES } from '../../src/platforms/wecom/render.js';
import { cleanReport } from '../../src/reports/clean.js';
import { resolveMeta } from '../../src/reports/metadata.js';
import type { ReportDoc } from '../../src/reports/types.js';
import type { FactStore } from '../../src/store/fact-store.js';
import { matchKey, normalizeText, prettyChinese } from '../../src/text/normalize.js';
import { storeFrom } from '../helpers/store.js';
import { hostileQuestion, hostileText, longText, reportLike, RUNS, SEED } from './helpers/arbitraries.js';
import { Tally } from './helpers/tally.js';

// Property tests of the text pipeline and the core: hostile strings in, never a throw, always
// well-formed output. Every property runs RUNS inputs from a fixed seed.

const tally = new Tally('fuzz-core');
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom();
});
afterAll(() => tally.print());

/** fc.assert with the fixed seed, counting the inputs tried. */
function check<T>(family: string, arb: fc.Arbitrary<T>, predicate: (v: T) => void, runs = RUNS): void {
  let inputs = 0;
  let failures = 0;
  try {
    fc.assert(
      fc.property(arb, (v) => {
        inputs++;
        try {
          predicate(v);
        } catch (err) {
          failures++;
          throw err;
        }
      }),
      { numRuns: runs, seed: SEED },
    );
  } finally {
    tally.add(family, { inputs, failures });
  }
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('normalizeText and matchKey', () => {
  it('never throw, fold white space, keep line breaks', () => {
    check('normalizeText', hostileText(), (s) => {
      const n = normalizeText(s);
      expect(typeof n).toBe('string');
      expect(n).not.toMatch(/[\t\f\v\u00a0\u3000\r]| {2}/);
      // \r\n and a lone \r become \n; no line break is made or lost.
      expect(count(n, /\n/g)).toBe(count(s.normalize('NFKC'), /\r\n|\r|\n/g));
    });
  });

  it('matchKey holds no white space, no quotes or title brackets, and is lower case', () => {
    check('matchKey', hostileText(), (s) => {
      const k = matchKey(s);
      expect(k).not.toMatch(/[\s"'“”‘’「」『』《》〈〉【】]/);
      expect(k).toBe(k.toLowerCase());
    });
  });

  it('long hostile texts too', () => {
    check('normalizeText (long)', longText, (s) => {
      expect(() => normalizeText(s)).not.toThrow();
      expect(() => matchKey(s)).not.toThrow();
    }, 60);
  });

  // Regression test for a bug this suite found (src/text/chinese-numerals.ts:41):
  // PATTERN = /([〇零一…千]+)(?=[个家…])/g backtracked over a whole run of numeral characters from
  // every start position when no measure word follows, so a
  // run of n numerals costs O(n²): 8,000 take ~0.5 s, 100,000 take ~60 s, with the event loop
  // blocked. normalizeText runs on a whole report at load and on /reload, so one report with a long
  // run of 一/十/〇 (OCR junk, a table of 〇) stalls the reload and every chat for as long.
  // Fix: let a match start only at the start of a run, which matches the same spans:
  //   new RegExp(`(?<!${NUMERAL})(${NUMERAL}+)(?=[${COUNTED}])`, 'g')   (16,000 characters: 2.6 s → 0.6 ms)
  it('normalizes a run of 10,000 numeral characters in linear time (under 0.25 s; quadratic took ~1 s)', () =>
    tally.check('normalizeText (numeral run)', { inputs: 1 }, () => {
      const started = performance.now();
      normalizeText('十'.repeat(10_000));
      expect(performance.now() - started).toBeLessThan(250);
    }));
});

describe('findFigures', () => {
  it('finds figures exactly where they stand, in order, with finite values', () => {
    check('findFigures', hostileText(), (raw) => {
      for (const s of [raw, normalizeText(raw)]) {
        const figures = findFigures(s);
        let last = 0;
        for (const f of figures) {
          expect(f.index).toBeGreaterThanOrEqual(last);
          expect(f.end).toBeGreaterThan(f.index);
          expect(f.end).toBeLessThanOrEqual(s.length);
          expect(s.slice(f.index, f.end)).toBe(f.raw);
          expect(Number.isFinite(f.value) && f.value >= 0).toBe(true);
          expect(typeof f.unitClass).toBe('string');
          last = f.end;
        }
      }
    });
  });
});

describe('cleanReport, extractFromSentence and extractFacts', () => {
  it('cleanReport gives headings and paragraphs of one line each', () => {
    check('cleanReport', longText, (s) => {
      for (const b of cleanReport(s)) {
        expect(['heading', 'paragraph']).toContain(b.kind);
        expect(b.text.length).toBeGreaterThan(0);
        expect(b.text).not.toContain('\n');
      }
    }, 200);
  });

  it('extractFromSentence places every figure where its answer stands', () => {
    check('extractFromSentence', reportLike, (raw) => {
      const sentence = normalizeText(raw).replace(/\n/g, '');
      for (const d of extractFromSentence(sentence, 2022)) {
        expect(['figure', 'date', 'statement']).toContain(d.kind);
        const [a, b] = d.spanInSentence;
        expect(0 <= a && a <= b && b <= sentence.length).toBe(true);
        if (d.kind === 'figure') {
          expect(sentence.slice(a, b)).toBe(d.answer);
          expect(Number.isFinite(d.value)).toBe(true);
        }
        expect(typeof d.metric).toBe('string');
      }
    });
  });

  it('extractFacts: every fact quotes its answer at its span, with unique ids', () => {
    // White space after a sentence's end mark is taken out here: it triggered the span bug that
    // has its own regression test below, which this property then need not trip over again.
    check('extractFacts', reportLike, (raw0) => {
      const raw = raw0.replace(/([。!?！？…]|\.{3,})\s+/g, '$1');
      const blocks = cleanReport(raw);
      const doc: ReportDoc = { id: 'fuzz.txt', path: 'fuzz.txt', meta: resolveMeta(blocks, undefined, 'fuzz'), blocks, year: 2022 };
      const facts = extractFacts(doc);
      const ids = new Set<string>();
      let sentenceNo = 0;
      for (const f of facts) {
        expect(ids.has(f.id)).toBe(false);
        ids.add(f.id);
        expect(f.docId).toBe('fuzz.txt');
        expect(f.quote.slice(f.span[0], f.span[1])).toBe(prettyChinese(f.answer));
        expect(f.sentenceNo).toBeGreaterThanOrEqual(sentenceNo);
        sentenceNo = f.sentenceNo;
        expect(f.block).toBeGreaterThanOrEqual(0);
        expect(f.block).toBeLessThan(blocks.length);
        if (f.value !== undefined) expect(Number.isFinite(f.value)).toBe(true);
        expect(typeof f.region).toBe('string');
      }
    });
  });

  // Regression test for a bug this suite found (src/extract/facts.ts:88-89): a sentence that opens
  // with white space (it follows "……" or "..." and a space, which fixSpaces keeps when a digit, a
  // letter or an emoji comes next) got
  // its facts' span shifted right by the width of that space:
  //   const lead = sentence.text.length - sentence.text.trimStart().length;
  //   const pretty = prettyChinese(sentence.text.slice(lead, lead + d.spanInSentence[0]));
  // spanInSentence already counts from the untrimmed sentence, so `lead` is added twice. The
  // daily push card (factViewOf highlights f.span unchecked) then bolds "5970张。" instead of
  // "25970张", the CLI's JSON `span` is wrong, /api/reports marks the wrong characters, and answer
  // cards silently lose the highlight (factView drops a span that does not match).
  // Fix: sentence.text.slice(lead, d.spanInSentence[0]).
  it('places the span right in a sentence that follows "…… " (it was one character off)', () =>
    tally.check('extractFacts (span after ellipsis)', { inputs: 1 }, () => {
      const raw = '全市卫生事业稳步发展…… 2021年，全市实际开放床位25970张。';
      const blocks = cleanReport(raw);
      const facts = extractFacts({ id: 'x.txt', path: 'x.txt', meta: resolveMeta(blocks, undefined, 'x'), blocks, year: 2022 });
      const beds = facts.find((f) => f.answer === '25970张')!;
      expect(beds.quote).toBe('2021年，全市实际开放床位25970张。');
      expect(beds.quote.slice(beds.span[0], beds.span[1])).toBe('25970张');
    }));
});

/** What every answer of ask() must be, whatever the question. */
function wellFormed(r: AskResult): void {
  expect(typeof r.intent).toBe('string');
  expect(Array.isArray(r.answers)).toBe(true);
  for (const a of r.answers) {
    expect(typeof a.answer).toBe('string');
    expect(a.answer.length).toBeGreaterThan(0);
    expect(typeof a.metric).toBe('string');
    expect(typeof a.quote).toBe('string');
    expect(typeof a.source.file).toBe('string');
    expect(store.docs.has(a.source.file)).toBe(true);
    expect(typeof a.source.title).toBe('string');
    const [s, e] = a.span;
    expect(Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s <= e && e <= a.quote.length).toBe(true);
    expect(a.quote.slice(s, e)).toBe(prettyChinese(a.answer));
    expect(Number.isFinite(a.confidence)).toBe(true);
    expect(a.confidence).toBeGreaterThanOrEqual(0);
    expect(a.confidence).toBeLessThanOrEqual(1);
    expect(['figure', 'date', 'statement']).toContain(a.kind);
  }
  expect(r.suggestions.length).toBeLessThanOrEqual(3);
  for (const s of r.suggestions) expect(typeof s).toBe('string');
  if (r.intent === 'ask_figure' && r.answers.length === 0) expect(typeof r.note).toBe('string');
  // What the CLI and the API print must serialize.
  expect(() => JSON.stringify({ ...r, parsed: undefined, match: undefined })).not.toThrow();
}

describe('ask(store, text)', () => {
  it('never throws and answers in the documented shape', () => {
    check('ask', hostileQuestion, (q) => wellFormed(ask(store, q)));
  });

  // BUG (src/match/question.ts:61 and 195): PUNCT leaves out "%" and the tokens keep single
  // characters such as 第, so a "question" that is only "%" (or "第") gets one topic word with a
  // high idf and is answered with a figure at confidence 0.69 (99.37% 病历规范率; 全省第一). README:
  // "When it does not know, it says so … a wrong figure is worse than no answer."
  // Fix: treat symbols (%, ‰, /) as punctuation for topic words, and when no topic word of two or
  // more characters (or a known noun) is left, answer as for 'no-topic'.
  it('answers no figure to a question with no topic at all: "%" or "第" (today: a figure at 0.69)', () =>
    tally.check('ask (no topic: "%", "第")', { inputs: 2 }, () => {
      for (const q of ['%', '第']) expect(ask(store, q).answers.map((a) => `${a.answer} ${a.metric}`)).toEqual([]);
    }));

  it('carries follow-ups over any sequence of hostile questions in one chat', () => {
    check('ask (follow-ups)', fc.array(hostileQuestion, { minLength: 1, maxLength: 5 }), (qs) => {
      const followUps = new FollowUps();
      for (const q of qs) wellFormed(ask(store, q, { chat: 'feishu:oc_fuzz', followUps }));
    }, 100);
  });

  it('renders every answer as a valid Feishu card and a WeCom message within its byte limits', () => {
    check('ask → cards', hostileQuestion, (q) => {
      const r = ask(store, q);
      if (r.intent !== 'ask_figure') return;
      const card = answerCard(r);
      expect(validateCardV2(renderFeishuCard(card))).toEqual([]);
      const w = renderWeCom(card, { linkFor: (f) => `https://bot.example.org/reports/${encodeURIComponent(f)}` });
      expect(Buffer.byteLength(w.markdown)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
      expect(Buffer.byteLength(w.text)).toBeLessThanOrEqual(TEXT_MAX_BYTES);
    }, 500);
  });
});
