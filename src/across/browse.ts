import type { Indicator } from '../catalogue/indicators.js';
import type { Fact } from '../extract/facts.js';
import { covered } from '../text/covered.js';
import { matchKey } from '../text/normalize.js';
import { tag } from '../text/segment.js';
import { speakerOf } from '../extract/speakers.js';
import { factsOfReport, type FactStore } from '../store/fact-store.js';
import type { ParsedQuestion } from '../match/question.js';
import { answeredQuestionFor } from '../match/question-for.js';
import type { AcrossResult } from './types.js';
import { headIndicator } from './gather.js';

const TOPIC_NAMES: Record<Indicator['topic'] | 'other', string> = {
  resources: '资源与机构',
  staff: '卫生人员',
  services: '医疗服务',
  efficiency: '运行效率',
  cost: '费用',
  public_health: '公共卫生',
  maternal_child: '妇幼健康',
  disease: '疾病防控',
  insurance: '医疗保障',
  planning: '规划目标',
  health_outcome: '健康水平',
  other: '其他',
};
// Items a browse card lists in all; a report of few sections shows more of each.
const ITEMS_SHOWN = 60;
const GROUPS_SHOWN = 10;
// A report's own phrase longer than this makes a poor question to tap.
const LONGEST_METRIC = 24;
// Characters of a report's name that must be found in its title or headings to name it.
const NAMES_REPORT = 4;
// A report's subtitle stands among its first few lines and is short.
const OPENING_LINES = 4;
const SUBTITLE_CHARS = 40;
const LONGEST_NAME = 40;

type Group = { topic: string; items: { indicator: string; question: string }[] };

/**
 * 乙市有哪些数据, 这份公报讲了什么, /报告 <名>, 关于床位有哪些数字: the figures the bot has for a
 * report (grouped by the report's own sections), a place or an indicator (grouped by topic), each
 * as a question that the bot answers with that very figure.
 */
export function browse(store: FactStore, q: ParsedQuestion, core: string, command = false): AcrossResult | undefined {
  const regions = new Set(q.regions.flatMap((r) => store.regions.withDescendants(r.name)));
  const named = reportsNamed(store, core, command);
  // A place named with a report's name keeps that place's reports (白河发布会: not 青川's).
  const docs = regions.size ? named.filter((id) => regions.has(store.docs.get(id)?.meta.region ?? '')) : named;
  // 青川区人民医院年度报告: 医院 names the report here, not an indicator to keep to.
  const titles = docs.map((id) => matchKey(store.docs.get(id)?.meta.title ?? ''));
  // 甲县人民医院有哪些数据: the words of the institution's name (医院) are no topic to keep to.
  const lineage = topicsTouched(store, q, (name) => titles.some((t) => t.includes(matchKey(name))) || !!q.subject?.includes(name));
  const inScope = (f: Fact) =>
    f.kind === 'figure' &&
    f.status === 'actual' &&
    (!q.subject || f.subject === q.subject) &&
    (!lineage.size || indicatorOf(store, f)?.id !== undefined && lineage.has(indicatorOf(store, f)!.id)) &&
    (docs.length ? docs.includes(f.docId) : regions.size ? regions.has(f.region) : lineage.size > 0);
  const facts = store.facts.filter(inScope);
  if (!facts.length) return undefined;
  const groups = docs.length === 1 && !lineage.size ? bySection(store, facts) : byTopic(store, facts);
  const title = q.subject ?? (docs.length === 1 ? `《${store.docs.get(docs[0]!)?.meta.title ?? docs[0]}》` : q.regions.map((r) => r.name).join('、') || '所有报告');
  const about = lineage.size ? `关于${[...q.indicators].map((id) => store.intents.catalogue.byId.get(id)?.name ?? id).join('、')}` : '';
  return {
    kind: 'browse',
    indicator: title,
    rows: [],
    missing: [],
    mixed: null,
    notes: [`${title}${about}共有${facts.length}个数字，按${docs.length === 1 && !lineage.size ? '报告的章节' : '主题'}列出其中一部分；点选或复制问题即可查询。`],
    groups,
  };
}

// The indicator a measure names last, its head (医疗卫生机构实有床位 counts beds, not institutions).
const indicatorOf = (store: FactStore, f: Fact) => {
  const id = headIndicator(store, f.metric, f.unit);
  return store.intents.catalogue.byId.get(id);
};

// 嘉宾：某院院长 某某 — the line that names a transcript's guest.
const SPEAKER_LABEL = /^\s*(?:嘉宾|主持人|记者|主讲人|访谈嘉宾|问|答)\s*[:：]/;

/**
 * A report's figures under its own section headings, in the order it gives them; a transcript's
 * "headings" are its speakers' turns (嘉宾：…), no sections: its figures go under their topics.
 */
function bySection(store: FactStore, facts: Fact[]): Group[] {
  const topicOf = (f: Fact) => {
    if (f.heading && !speakerOf(f.heading) && !SPEAKER_LABEL.test(f.heading)) return sectionName(f.heading);
    const ind = indicatorOf(store, f);
    return ind ? TOPIC_NAMES[ind.topic] : '其他';
  };
  return grouped(store, facts, topicOf, (f) => (indicatorOf(store, f) ? 0 : 1));
}

/** Figures of several reports under the catalogue's topics; a figure it does not know under its section. */
function byTopic(store: FactStore, facts: Fact[]): Group[] {
  return grouped(store, facts, (f) => {
    const ind = indicatorOf(store, f);
    return ind ? TOPIC_NAMES[ind.topic] : f.heading ? sectionName(f.heading) : '其他';
  }, (f) => (indicatorOf(store, f) ? 0 : 1));
}

/** Figures under their group in report order; a full group keeps those `rankOf` puts first. */
function grouped(store: FactStore, facts: Fact[], groupOf: (f: Fact) => string, rankOf: (f: Fact) => number): Group[] {
  const groups = new Map<string, { topic: string; all: { f: Fact; at: number; question: string }[] }>();
  const seen = new Set<string>();
  facts.forEach((f, at) => {
    // One item per measure: 参保人数 of each county is one thing to ask about, asked of the first.
    const said = matchKey(f.metric);
    // 13, 率: a measure of fewer than two characters of words asks nothing a user could read;
    // 回首过去, 一名, 全面: one that ends on no noun names nothing to count.
    // 最少的是甲乡, 我院是…, 分布在甲镇, (各乡镇报告数:甲镇): words of a sentence, not a measure.
    const readable = f.metric.replace(/[^\u3400-\u9fff]/g, '').length >= 2 && !NOT_A_MEASURE.test(f.metric) && endsOnNoun(f.metric);
    if (f.metric.length > LONGEST_METRIC || !readable || seen.has(said)) return;
    // Only a question that, asked, gives this very figure is offered (甲市回首过去是多少 is not).
    const question = answeredQuestionFor(f, store);
    if (!question) return;
    seen.add(said);
    const topic = groupOf(f);
    const g = groups.get(topic) ?? { topic, all: [] };
    g.all.push({ f, at, question });
    groups.set(topic, g);
  });
  const shown = [...groups.values()].sort((a, b) => (a.topic === '其他' ? 1 : b.topic === '其他' ? -1 : 0)).slice(0, GROUPS_SHOWN);
  const ranked = shown.map(({ all }) => [...all].sort((a, b) => rankOf(a.f) - rankOf(b.f) || a.at - b.at));
  const counts = itemsPerGroup(ranked.map((r) => r.length), ITEMS_SHOWN);
  return shown.map(({ topic }, g) => ({
    topic,
    items: ranked[g]!.slice(0, counts[g]).sort((a, b) => a.at - b.at).map(({ f, question }) => ({ indicator: f.metric, question })),
  }));
}

/**
 * How many items each group shows of the `sizes` it has: one of each in turn until `budget` is
 * spent, so a small section leaves room for a large one.
 */
export function itemsPerGroup(sizes: number[], budget: number): number[] {
  const counts = sizes.map(() => 0);
  for (let left = budget, more = true; left > 0 && more; ) {
    more = false;
    for (let g = 0; g < sizes.length && left > 0; g++) {
      if (counts[g]! >= sizes[g]!) continue;
      counts[g]!++;
      left--;
      more = true;
    }
  }
  return counts;
}

const NOUN = /^(n|nr|ns|nt|nz|ng|vn|j|eng|userdict|x|zg|k)/;
// 参保率, 基金结存: endings that name a measure, however jieba tags them.
const MEASURE_END = /(?:率|比|比例|数|量|额|人次|结存|结余|收入|支出|指数|得分|分数|评分)$/;
// (《某某》访谈实录|, 嘉宾, 概括为3个方面: a title, a speaker, the parts of a speech.)
const NOT_A_MEASURE = /[:：《》|｜]|^(?:嘉宾|主持人|记者|问|答)$|方面$|的是|^(?:我院|我们|我市|我县|我区)|(?:集中|分布|位于)在?[\u3400-\u9fff]{2,}(?:镇|乡|街道|县|区|市|学校|小学|中学)/;
// Measures tagged once: a report's figures are browsed again and again.
const nounEnded = new Map<string, boolean>();
const MAX_TAGGED = 20_000;
/** Whether a measure's last word is a noun (床位数, 满意度, 投资), as jieba tags it. */
function endsOnNoun(metric: string): boolean {
  let ok = nounEnded.get(metric);
  if (ok === undefined) {
    const last = tag(metric.replace(/[^\u3400-\u9fffA-Za-z]+$/, '')).at(-1);
    ok = (!!last && NOUN.test(last.tag)) || MEASURE_END.test(metric);
    if (nounEnded.size > MAX_TAGGED) nounEnded.clear();
    nounEnded.set(metric, ok);
  }
  return ok;
}

/** "(一)医疗业务量稳中有升" → "医疗业务量稳中有升": the numbering is the report's, not the topic's. */
function sectionName(heading: string): string {
  const bare = heading.replace(/^[\s(（]*[一二三四五六七八九十\d]+[)）、.．]\s*/, '').replace(/^[【\[]\s*|\s*[】\]]$/g, '');
  return bare.slice(0, 20) || heading;
}

/**
 * Reports the words name: a file name's start (/报告 503), or at least NAMES_REPORT characters of
 * the words found, in runs of two or more, in a report's title or its headings (青川区人民医院年度
 * 报告 names 青川市青川区人民医院2024年度工作报告); after /报告, a shorter part of a title whole.
 * The best-covered reports win.
 */
export function reportsNamed(store: FactStore, words: string, command = false): string[] {
  // A report's name is short; a longer text names none better, and costs more to compare.
  // 医保局年报: a report's name as staff shorten it, read in the words its title uses.
  const key = reportWords(store, matchKey(words).slice(0, LONGEST_NAME));
  if (key.length < 2) return [];
  const byFile = [...store.docs.keys()].filter((id) => id.startsWith(key));
  if (byFile.length) return byFile;
  let best = 0;
  let hits: string[] = [];
  for (const [id, names] of namesOf(store)) {
    const score = names.lines.some((h) => h.includes(key)) ? key.length : covered(key, names.title);
    // /报告 青川: words given as a report's name may be short when its title holds them whole.
    const least = command && names.title.includes(key) ? key.length : Math.max(NAMES_REPORT, key.length / 2);
    if (score < least || score < best) continue;
    if (score > best) hits = [];
    best = score;
    hits.push(id);
  }
  return hits;
}

/** A report's name in one wording: synonyms (医保局 → 医疗保障局) and 年报 as 年度报告. */
function reportWords(store: FactStore, key: string): string {
  return store.intents.synonyms.apply(key).replace(/年报/g, '年度报告');
}

// Each store's report names, read once: its title, and its headings and subtitle as they are matched.
const namesByStore = new WeakMap<FactStore, Map<string, { title: string; lines: string[] }>>();
function namesOf(store: FactStore): Map<string, { title: string; lines: string[] }> {
  let names = namesByStore.get(store);
  if (names) return names;
  names = new Map();
  for (const [id, d] of store.docs) {
    // A heading or a subtitle (a short line among the report's first) names its report only whole
    // (/报告 一切为了群众健康).
    const opening = (store.blocks.get(id) ?? []).slice(0, OPENING_LINES).map((b) => b.text).filter((t) => t.length <= SUBTITLE_CHARS);
    const headings = new Set([...factsOfReport(store, id).map((f) => f.heading ?? ''), ...opening]);
    names.set(id, { title: reportWords(store, matchKey(d.meta.title)), lines: [...headings].filter(Boolean).map((h) => reportWords(store, matchKey(h))) });
  }
  namesByStore.set(store, names);
  return names;
}

/** 关于床位有哪些数字: only indicators of the lineage the question names (床位 and its parts). */
function topicsTouched(store: FactStore, q: ParsedQuestion, inTitle: (name: string) => boolean): Set<string> {
  const out = new Set<string>();
  const cat = store.intents.catalogue;
  // 某县医共体那篇新闻: words the question names the report by (医共体 in its title) are no topic.
  const named = (id: string) => inTitle(cat.byId.get(id)?.name ?? id) || cat.formsOf(id).some((form) => q.text.includes(form) && inTitle(form));
  for (const id of q.indicators) if (!named(id)) for (const ind of cat.byId.values()) if (cat.lineage(ind.id).includes(id)) out.add(ind.id);
  return out;
}
