import * as jieba from 'nodejs-jieba';

// jieba keeps one dictionary per process: the defaults are loaded once, and the words of
// intents/userdict.txt are inserted on every store build, so a reload can add words.
let loaded = false;
const inserted = new Set<string>();

export function loadSegmenter(): void {
  if (!loaded) {
    jieba.load();
    loaded = true;
  }
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
