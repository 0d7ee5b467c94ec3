import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Fact } from '../src/extract/facts.js';
import type { FactStore } from '../src/store/fact-store.js';
import { matchKey } from '../src/text/normalize.js';
import { cutForSearch } from '../src/text/segment.js';

export interface Answerer {
  name: string;
  /** The first answer: its text and the report it cites, or nothing. */
  answer(question: string): { answer: string; file: string } | undefined;
}

const tokenize = (text: string) => cutForSearch(matchKey(text)).filter((w) => /[\p{L}\p{N}]/u.test(w));

/** A plain full-text search over the same sentences, with the same jieba tokenizer: the sentence is the answer. */
export function miniSearch(store: FactStore): Answerer {
  const seen = new Map<string, Fact>();
  for (const f of store.facts) if (!seen.has(`${f.docId}|${f.sentenceNo}`)) seen.set(`${f.docId}|${f.sentenceNo}`, f);
  const docs = [...seen.values()].map((f, id) => ({ id, text: f.quote, file: f.docId }));
  const ms = new MiniSearch({ fields: ['text'], storeFields: ['text', 'file'], tokenize, processTerm: (t) => t });
  ms.addAll(docs);
  return {
    name: 'MiniSearch (jieba), plain full text',
    answer: (q) => {
      const hit = ms.search(q)[0];
      return hit ? { answer: String(hit.text), file: String(hit.file) } : undefined;
    },
  };
}

/** Fuse.js alone over the facts' measures and sentences: the best fuzzy match's figure is the answer. */
export function fuseAlone(store: FactStore): Answerer {
  const fuse = new Fuse(store.facts as Fact[], { keys: [{ name: 'metric', weight: 2 }, { name: 'quote', weight: 1 }], ignoreLocation: true, threshold: 0.6, includeScore: true });
  return {
    name: 'Fuse.js alone',
    answer: (q) => {
      const hit = fuse.search(q, { limit: 1 })[0];
      return hit ? { answer: hit.item.answer, file: hit.item.docId } : undefined;
    },
  };
}
