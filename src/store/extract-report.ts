import { extractFacts, type Fact } from '../extract/facts.js';
import { loadReport } from '../reports/load.js';
import type { ReportDoc } from '../reports/types.js';

// What building a store does for one file, apart from indexing: kept apart from the store so the
// build worker loads only what reading and extraction need.

/** The most facts one report may yield; a 500-page yearbook of tables stays well under it. */
export const MAX_FACTS_PER_REPORT = 30_000;

/** One report read and its facts extracted: what building a store does per file. */
export interface ExtractedReport {
  doc: ReportDoc;
  facts: Fact[];
  /** Caveats (metadata ignored, pages unread) to report as warnings. */
  notes: string[];
}

/** Reads one report and extracts its facts; throws with the reason when it cannot be used. */
export async function extractReport(dir: string, name: string, siblings: readonly string[]): Promise<ExtractedReport> {
  const { doc, notes } = await loadReport(dir, name, siblings);
  let facts: Fact[];
  try {
    facts = extractFacts(doc, { maxFacts: MAX_FACTS_PER_REPORT });
  } catch (err) {
    throw new Error(`extraction failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { doc, facts, notes };
}

