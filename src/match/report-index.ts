import type { Catalogue } from '../catalogue/indicators.js';
import { measureOfChange } from '../extract/change-base.js';
import { canonicalQualifiers, type Fact } from '../extract/facts.js';
import { monthsOf } from '../reports/metadata.js';
import { Interned } from '../text/interned.js';
import { matchKey } from '../text/normalize.js';
import { cutForSearch } from '../text/segment.js';
import type { Synonyms } from './synonyms.js';

// What the index needs of one report, worked out from that report and the intents alone: the
// matching form of every text a fact is matched on, its sentences, and the words they hold. The
// build worker does it as it reads each report (and a snapshot keeps it), so the thread that
// answers only stitches reports together.

/** A fact's own matching data; the texts its report's facts share are numbers into the report's lists. */
export interface PreparedFact {
  metric: string;
  local: string;
  clause: string;
  /** Into ReportIndex.quotes, .paragraphs and .headings. */
  quote: number;
  paragraph: number;
  heading: number;
  /** Its sentence, numbered within the report. */
  sentence: number;
  parts: { text: string; id: string }[];
  head: string[];
  refersBack: boolean;
  months?: { from: number; to: number };
}

export interface ReportIndex {
  title: string;
  quotes: string[];
  paragraphs: string[];
  headings: string[];
  facts: PreparedFact[];
  /** The report's sentences in matching form, each with the measures its figures name and it does not. */
  sentences: string[];
  /** The words of its sentences, then the measures its figures name, each with how often: the typo vocabulary. */
  sentenceWords: [string, number][];
  measureWords: [string, number][];
  /** Institutions it speaks for, in matching form. */
  subjects: { key: string; name: string; region: string }[];
}

// (含生育保险,下同), (简称…): a note in brackets, not part of what a measure is called.
const BRACKET_NOTE = /[(（][^()（）]*(?:含|下同|包括|简称|以下|[,，])[^()（）]*[)）]/g;

// 去年这3个中心…, 上述机构…: a sentence that opens by pointing at what the one before named.
const POINTS_BACK = /^(?:[^，,。；]{0,6}?)(?:这|上述|前述|以上)(?:\d+|[一二两三四五六七八九十]+)?[个家所项名批类]?/;

// "总诊疗318.25万人次": a measure that people name with its unit (总诊疗人次), as questions do.
export const NAMING_UNIT = '人次';

/** The measure as matched: with its naming unit when the report wrote the unit after the figure. */
export function withNamingUnit(metric: string, unit: string): string {
  return unit === NAMING_UNIT && !metric.includes(NAMING_UNIT) && /[\u3400-\u9fff]$/.test(metric) ? metric + NAMING_UNIT : metric;
}

/** The measure as the report wrote it (`matched`, its matching form), without the naming unit matching adds. */
export function writtenMeasure(fact: Pick<Fact, 'unit' | 'metric'>, matched: string): string {
  const added = fact.unit === NAMING_UNIT && !fact.metric.includes(NAMING_UNIT) && matched.endsWith(NAMING_UNIT);
  return added ? matched.slice(0, -NAMING_UNIT.length) : matched;
}

/** The parts of wider indicators a measure names, and the indicator it ends on. */
function namedIndicators(metric: string, catalogue: Catalogue): { parts: PreparedFact['parts']; head: string[] } {
  const found = catalogue.find(metric);
  const parts = found.filter((m) => m.indicator.partOf).map((m) => ({ text: m.text, id: m.indicator.id }));
  const measure = measureOfChange(metric);
  const last = (measure === metric ? found : catalogue.find(measure)).at(-1);
  const head = last && last.index + last.text.length === measure.length ? catalogue.lineage(last.indicator.id) : [];
  return { parts, head };
}

/**
 * One report's index data. `paragraphs` are its blocks' texts (a table's header for its cells),
 * `title` its title; the same normalization as a question's: 每千常住人口 is read as 每千人口 on both sides.
 */
export function prepareReport(facts: readonly Fact[], title: string, paragraphs: readonly string[], synonyms: Synonyms, catalogue?: Catalogue): ReportIndex {
  // A sentence is the quote of each of its figures: normalize each text once.
  const keys = new Map<string, string>();
  const key = (s: string) => {
    let k = keys.get(s);
    if (k === undefined) keys.set(s, (k = canonicalQualifiers(synonyms.apply(matchKey(s)))));
    return k;
  };
  const quotes = new Interned();
  const blocks = new Interned();
  const headings = new Interned();
  const blockNo = new Map<number, number>();
  const sentenceOf = new Map<number, number>();
  const sentences: string[] = [];
  const named = new Map<string, { parts: PreparedFact['parts']; head: string[] }>();
  const prepared = facts.map((fact): PreparedFact => {
    const quote = key(fact.quote);
    let sentence = sentenceOf.get(fact.sentenceNo);
    if (sentence === undefined) {
      sentenceOf.set(fact.sentenceNo, (sentence = sentences.length));
      sentences.push(quote);
    }
    let paragraph = blockNo.get(fact.block);
    if (paragraph === undefined) blockNo.set(fact.block, (paragraph = blocks.of(key(paragraphs[fact.block] ?? ''))));
    // 基本医疗保险基金(含生育保险,下同)总收入: a note in brackets is not part of the measure's name.
    const metric = withNamingUnit(key(fact.metric.replace(BRACKET_NOTE, '')), fact.unit);
    let indicators = named.get(metric);
    if (!indicators) named.set(metric, (indicators = catalogue ? namedIndicators(metric, catalogue) : { parts: [], head: [] }));
    const months = fact.time ? monthsOf(fact.time.label) : undefined;
    return {
      metric,
      local: key(fact.local),
      clause: key(fact.clause),
      quote: quotes.of(quote),
      paragraph,
      heading: headings.of(key(fact.heading ?? '')),
      sentence,
      parts: indicators.parts,
      head: indicators.head,
      refersBack: POINTS_BACK.test(fact.quote),
      ...(months ? { months } : {}),
    };
  });
  // "其中:医院18934张,占84.2%" says 床位 only in the sentence before: a sentence is found by
  // what its figures measure as well as by its own words.
  prepared.forEach((p, i) => {
    const written = writtenMeasure(facts[i]!, p.metric);
    if (written && !sentences[p.sentence]!.includes(written)) sentences[p.sentence] = `${sentences[p.sentence]}\u0001${written}`;
  });
  const sentenceWords = new Map<string, number>();
  for (const s of sentences) for (const w of cutForSearch(s)) if (w.length >= 2 && /[\u3400-\u9fff]/.test(w)) sentenceWords.set(w, (sentenceWords.get(w) ?? 0) + 1);
  const measureWords = new Map<string, number>();
  prepared.forEach((p, i) => {
    const written = writtenMeasure(facts[i]!, p.metric);
    if (written.length >= 2 && written.length <= 8) measureWords.set(written, (measureWords.get(written) ?? 0) + 1);
  });
  const subjects = new Map<string, ReportIndex['subjects'][number]>();
  for (const f of facts) if (f.subject && !subjects.has(key(f.subject))) subjects.set(key(f.subject), { key: key(f.subject), name: f.subject, region: f.region });
  return {
    title: key(title),
    quotes: quotes.list,
    paragraphs: blocks.list,
    headings: headings.list,
    facts: prepared,
    sentences,
    sentenceWords: [...sentenceWords],
    measureWords: [...measureWords],
    subjects: [...subjects.values()],
  };
}
