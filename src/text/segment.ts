import { fileURLToPath } from 'node:url';
import * as jieba from 'nodejs-jieba';

// jieba keeps one dictionary per process: the defaults are loaded once, and the words of
// intents/userdict.txt are inserted on every store build, so a reload can add words.
let loaded = false;
const inserted = new Set<string>();

// Only the dictionaries cut and tag read: the bot never extracts keywords, so the 6 MB idf list
// and the stop words (read by keyword extraction alone) are one-line stand-ins (~0.1 s and ~20 MB
// at start). cppjieba refuses an empty idf file, hence the one line. Beside this module in src/
// and, copied by scripts/build.mjs, in dist/.
const STUB = (name: string) => fileURLToPath(new URL(`./jieba/${name}`, import.meta.url));

export function loadSegmenter(): void {
  if (!loaded) {
    jieba.load({ idfDict: STUB('idf.utf8'), stopWordDict: STUB('stop_words.utf8') });
    loaded = true;
  }
}

/** Loads the stand-in dictionaries again at the next call (tests that loaded another set). */
export function reloadSegmenter(): void {
  loaded = false;
  inserted.clear();
}

/** Adds words (entity names, metric terms) so jieba keeps them whole. */
export function addWords(words: Iterable<string>): void {
  loadSegmenter();
  for (const w of words) {
    if (w.length >= 2 && !inserted.has(w)) {
      jieba.insertWord(w);
      inserted.add(w);
    }
  }
}

export interface Token {
  word: string;
  tag: string;
}

export function tag(text: string): Token[] {
  loadSegmenter();
  return jieba.tag(text);
}

/** 沂水县 by its short name 沂水, or 岳阳市 whole: a place's name jieba tags as a place. */
export function taggedPlace(short: string, whole: string): boolean {
  if (tag(short)[0]?.tag === 'ns') return true;
  const words = tag(whole);
  return words.length === 1 && words[0]!.tag === 'ns';
}

/** 岗 of 在|岗, 册 of 在|册: the one-character noun jieba cuts from the 在 before it, one word with it. */
export function nounAfterZai(next: Token | undefined): boolean {
  return !!next && /^[\u3400-\u9fff]$/.test(next.word) && /^n/.test(next.tag);
}

/** 丙类: a word jieba found (or was taught) without a part of speech, which it tags x as it does symbols. */
export function isUntaggedWord(t: Token): boolean {
  return t.tag === 'x' && /^[\u3400-\u9fff]{2,}$/.test(t.word);
}

export function cut(text: string): string[] {
  loadSegmenter();
  return jieba.cut(text);
}

export function cutForSearch(text: string): string[] {
  loadSegmenter();
  return jieba.cutForSearch(text);
}
