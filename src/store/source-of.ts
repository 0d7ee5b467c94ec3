import type { Fact } from '../extract/facts.js';
import type { FactStore } from './fact-store.js';

/** Where a fact comes from, as every answer cites it: its report's file, title, publisher, date, page. */
export interface FactSource {
  file: string;
  title: string;
  publisher?: string;
  date?: string;
  page?: number;
}

export function sourceOf(store: FactStore, f: Fact): FactSource {
  const meta = store.docs.get(f.docId)?.meta;
  return {
    file: f.docId,
    title: meta?.title ?? f.docId,
    ...(meta?.publisher ? { publisher: meta.publisher } : {}),
    ...(meta?.date ? { date: meta.date } : {}),
    ...(f.page ? { page: f.page } : {}),
  };
}
