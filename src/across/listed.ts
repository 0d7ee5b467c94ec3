import { inMonthsAsked } from './trend.js';
import type { Fact } from '../extract/facts.js';
import type { ParsedQuestion } from '../match/question.js';
import type { FactStore } from '../store/fact-store.js';
import { matchKey } from '../text/normalize.js';
import { covered } from '../text/covered.js';
import { escapeRegExp } from '../text/regexp.js';
import { enumerationsInDocs, type Enumeration } from './enumeration.js';
import { fits, inTable, kindShown, LIST_TOTAL, type Entry } from './entries.js';

/** The part of a list's paragraph read for the question's words: a paragraph may be a page long. */
const MAX_PARAGRAPH = 2000;
/** Lists whose lead or section names the question's words this much qualify (a two-character word in the section). */
const LIST_MIN_SCORE = 2;

/**
 * The list a report gives of the parts asked (专业公共卫生机构中，疾控中心30个，卫生监督所28个…;
 * 按职业分，居前四位的依次为散居儿童120例…): among the lists of the reports of the place asked (or
 * of the best facts), the one whose lead or section names the question's words most (a lead weighs
 * twice its heading), among those whose paragraph or section holds every word the question says.
 * `named` says the question itself named the items compared (甲项和乙项).
 */
export function listed(store: FactStore, q: ParsedQuestion, scored: Fact[], topics: string[], among?: string, order?: 'asc' | 'desc', sortedBy?: string): { list: Entry[]; named: boolean } | undefined {
  // A rate asked is ranked by rates; counts by counts, whatever share the match puts first.
  const asksRate = /率|比例|占比|比重|百分/.test(q.text);
  const best = scored.find((f) => (f.unitClass === 'percent') === asksRate);
  const lists = enumerationsInDocs(store, docsAsked(store, q, scored)).filter((e) => !inTable(store, e.items[0]!.fact) && inMonthsAsked(store, e.items[0]!.fact, q.months));
  // 养老机构哪类最多 is not asked of a list of 医疗卫生机构: every word the question says (but
  // 数量, 情况…) stands in the list's paragraph or section.
  // (比区 of 门急诊比区中医院 is the joiner stuck to a name by segmentation, not a word said.)
  const said = topics.filter((t) => !store.intents.generic.has(t) && !/^(?:比|和|与|跟|及)/.test(t));
  let chosen: { list: Entry[]; named: boolean; score: number } | undefined;
  for (const e of lists) {
    // A rate asked is not ranked by counts, nor counts by rates.
    if (best && (e.items[0]!.fact.unitClass === 'percent') !== (best.unitClass === 'percent')) continue;
    const texts = listTexts(store, e);
    if (!said.every((t) => covered(t, texts.context) >= Math.min(2, t.length))) continue;
    // 最少的是甲乡、乙乡和丙乡: the few at one end of a ranking answer only a ranking from that end.
    const end = listEnd(e);
    if (end && order && end !== order) continue;
    // 甲病病例多在…: a list of one disease's cases yields to one of all the cases asked.
    const narrower = diseaseNotAsked(store, e.lead, q.text) ? NARROWER : 0;
    // 某指标前三: the question's most telling word (its longest) stands in the list's own sentence,
    // lead or section, not only somewhere in its paragraph.
    const longest = Math.max(0, ...said.map((t) => t.length));
    if (said.length && !said.some((t) => t.length === longest && covered(t, texts.own) >= Math.min(2, t.length))) continue;
    // (监测点5个，其中城市2个… then 糖尿病患病率 in the next sentence: a word asked that only the
    // paragraph says, of the longest words asked, is another sentence's.)
    if (said.some((t) => t.length === longest && t.length >= 3 && covered(t, texts.own) < 2)) continue;
    const picked = namedOnly(entriesOfList(e, among), topics, q.text);
    if (picked.list.length < 2) continue;
    const holdsBest = !!best && e.items.some((x) => x.fact === best);
    const named = said.reduce((n, t) => n + 2 * covered(t, texts.lead) + covered(t, texts.heading), 0);
    // 哪几个街道: a list of streets and nothing else is what was asked.
    const ofKind = !!among && kindShown(among) && picked.list.length === e.items.length;
    // Of lists a section names alike, the longest is the breakdown asked (five diseases, not two deaths).
    // 哪一类, 哪一级: the lists a report sorts by that (按事件类别分, 按事件分级) are the ones asked.
    const bySort = !!sortedBy && (e.lead.replace(/[,，;；。:：\s]+$/, '').split(/[。!?！？]/).pop() ?? '').includes(sortedBy);
    const score = named + e.items.length / 100 + (holdsBest ? 1 : 0) + (picked.named ? 2 : 0) + (ofKind || bySort ? 2 : 0) - narrower;
    if ((score >= LIST_MIN_SCORE || holdsBest) && (!chosen || score > chosen.score)) chosen = { ...picked, score };
  }
  return chosen;
}

/** What a list of one disease's cases loses against a list of the cases asked. */
const NARROWER = 5;
// The lead of a list that gives only one end of a ranking.
const LOW_END = /(?:最少|最低|最小|最短|最差|倒数|后\s*\S{1,2}\s*位)[^,，。;；]*$/;
const HIGH_END = /(?:最多|最高|最大|最长|居前|排前|前\s*\S{1,2}\s*位|排名前)[^,，。;；]*$/;

/** 最少的是…: 'asc'; 居前三位的是…: 'desc'; undefined for a list that gives all its items. */
export function listEnd(e: Enumeration): 'asc' | 'desc' | undefined {
  return LOW_END.test(e.lead) ? 'asc' : HIGH_END.test(e.lead) ? 'desc' : undefined;
}

/** Whether a figure is an item of a list that gives only the other end of a ranking than `order`. */
export function fromOtherEnd(store: FactStore, f: Fact, order: 'asc' | 'desc' | undefined): boolean {
  if (!order) return false;
  const e = enumerationsInDocs(store, [f.docId]).find((x) => x.items.some((i) => i.fact === f));
  const end = e && listEnd(e);
  return !!end && end !== order;
}

/** A disease (one, not a class of them) the text names that the question does not. */
function diseaseNotAsked(store: FactStore, text: string, question: string): boolean {
  const catalogue = store.intents.catalogue;
  return catalogue.find(text).some((m) => m.indicator.topic === 'disease' && !catalogue.hasParts(m.indicator.id) && !question.includes(m.text) && !catalogue.find(question).some((q) => q.indicator.id === m.indicator.id));
}

// A list's words as questions are compared with them, read once per list (a store's lists are cached).
type ListTexts = { lead: string; heading: string; own: string; context: string };
const textsOfList = new WeakMap<Enumeration, ListTexts>();
function listTexts(store: FactStore, e: Enumeration): ListTexts {
  let t = textsOfList.get(e);
  if (!t) {
    const norm = (text: string) => store.intents.synonyms.apply(matchKey(text));
    const f = e.items[0]!.fact;
    const heading = norm(f.heading ?? '');
    const paragraph = store.blocks.get(f.docId)?.[f.block]?.text ?? f.quote;
    const context = norm(paragraph.slice(0, MAX_PARAGRAPH));
    // (A lead of the line above, 按事件类别分，上报数量如下：, is the list's own words too.)
    const lead = norm(e.lead);
    const above = context.includes(lead) ? '' : lead;
    t = { lead, heading, own: `${norm(f.quote)}${noted(context, norm(f.quote))}${above}${heading}`, context: `${context}${above}${heading}` };
    textsOfList.set(e, t);
  }
  return t;
}

/** （各乡镇报告数:…）: a sentence wholly in brackets notes the sentence before it, which is its own too. */
function noted(paragraph: string, quote: string): string {
  if (!/^\s*[(（]/.test(quote)) return '';
  const at = paragraph.indexOf(quote.slice(0, 12));
  if (at <= 0) return '';
  const before = paragraph.slice(0, at).replace(/[。!?！？]\s*$/, '');
  return before.slice(Math.max(before.lastIndexOf('。'), before.lastIndexOf('!'), before.lastIndexOf('?')) + 1);
}

/** The reports of the place asked, or else those of the best facts. */
export function docsAsked(store: FactStore, q: ParsedQuestion, scored: Fact[]): string[] {
  if (q.regions.length) {
    const places = new Set(q.regions.flatMap((r) => store.regions.withDescendants(r.name)));
    const docs = [...store.docs.values()].filter((d) => places.has(d.meta.region)).map((d) => d.id);
    if (docs.length) return docs;
  }
  return [...new Set(scored.slice(0, 3).map((f) => f.docId))];
}

// 报告病例数居前3位的病种依次为: the measure is what stands before the list's own ranking words.
const LIST_WORDS = /(?:居|排|位居|排名|排在)?前\s*\S{1,2}\s*位.*$|(?:依次|分别)(?:为|是)$|(?:中|里|里面|当中|其中)$/;

/**
 * 甲病、乙病、丙病的管理率哪个最高: when two or more words of a list in the question
 * (parts joined by 、和与及跟) each name one item alone, those items are the ones compared.
 */
function namedOnly(list: Entry[], topics: string[], question: string): { list: Entry[]; named: boolean } {
  const listed = listedWords(question);
  const named = new Set<Entry>();
  for (const t of topics.filter((x) => listed.some((part) => part.includes(x)))) {
    const hits = list.filter((e) => e.entity.includes(t));
    if (hits.length === 1) named.add(hits[0]!);
  }
  return named.size >= 2 ? { list: list.filter((e) => named.has(e)), named: true } : { list, named: false };
}

// 门急诊比区中医院多多少: 比 sets two things side by side too (not 比例, 比重, 比率).
const JOINER = /、|和|与|及|跟|(?<![相对])同(?!比|期)|(?<![同环相对])比(?!例|重|率)/;
/** The parts of the question's clauses that hold a joiner: 甲项和乙项满意度 → 甲项, 乙项满意度. */
function listedWords(question: string): string[] {
  return question.split(/[,，。;；?？!！\s]/).filter((c) => JOINER.test(c)).flatMap((c) => c.split(JOINER));
}

/**
 * What a list's lead says it breaks down, as a measure: its last clause without the list's own
 * words, figures and dates (2023年末，全市医疗卫生机构总数达900个，其中 → 全市医疗卫生机构总数).
 */
export function measureOfLead(lead: string): string {
  const bare = lead.replace(/[,，:：;；\s]+$/, '').replace(LIST_WORDS, '').replace(/[,，:：;；\s]+$/, '');
  const clauses = bare.split(/[,，:：;；。]/).map((c) =>
    c
      .replace(/(?:19|20)\d{2}年(?:\d{1,2}月)?(?:末|底|初)?/g, '')
      .replace(/[\d.,]+\s*(?:万|亿)?[\u3400-\u9fff%‰]?/g, '')
      // (2021年、2022年、2023年…分别为18.72亿元、19.70亿元: the years and figures listed leave their 、.)
      .replace(/分别(?:为|是|达到?)?/g, '')
      .replace(/^[、和与及\s]+|[、和与及\s]+$/g, '')
      .replace(/(?:达到|达|为|是|有|共)+$/, '')
      .replace(/^其中/, '')
      .trim(),
  );
  return clauses.reverse().find((c) => c.replace(/[^\u3400-\u9fff]/g, '').length >= 2) ?? '';
}

// 提高到, …接种率达到: words that end on how a figure moved or was reached name nothing ranked.
const VERB_ENDED = /(?:到|至|达到|达|为|是|提高|降低|提升|下降|增加|减少|增长|上升)$/;

function entriesOfList(e: Enumeration, among?: string): Entry[] {
  const measure = measureOfLead(e.lead) || e.items[0]!.fact.metric;
  // 从疾病类型看，甲病、乙类伤害…: a lead whose last clause sorts by the kind asked says every item is
  // of it, whatever its name (按职业分 after 传染病病例 sorts by no disease).
  const ofKind = !!among && leadSortsBy(e.lead, among);
  return e.items
    // (其中2023年药品16.12亿元: the year said first is no part of the item's name.)
    // (2023年全县麻疹疫苗接种率: nor the whole area the sentence opens on.)
    .map((i) => ({ ...i, name: i.name.replace(/^(?:19|20)\d{2}年度?(?:全[市县区省])?(?=[\u3400-\u9fff]{2})/, '') }))
    .map((i) => ({ ...i, name: among ? placeOf(i.name, among) : i.name }))
    .filter((i) => i.fact.status === 'actual' && !LIST_TOTAL.test(i.name) && !VERB_ENDED.test(i.name) && (!among || ofKind || fits(i.name, among)))
    .map((i) => ({ fact: i.fact, entity: i.name, measure }));
}

/** Whether the clause that opens a list (its lead's last) sorts by the kind asked: 按疾病分, 从疾病类型看, 病种. */
function leadSortsBy(lead: string, among: string): boolean {
  const last = lead.replace(/[,，:：;；\s]+$/, '').split(/[,，:：;；。]/).pop() ?? '';
  const kind = escapeRegExp(among);
  return new RegExp(`(?:按|从)\\S*${kind}|${kind}(?:类型|种类|类别|种|类)`).test(last);
}

/** 病例多在甲镇 → 甲镇: the name of the kind asked after the words that lead to it. */
function placeOf(name: string, among: string): string {
  const cut = /^.*(?:在|于|是|为|有|的)(?=[\u3400-\u9fff]{2,})/.exec(name)?.[0];
  const rest = cut ? name.slice(cut.length) : name;
  return rest.length >= 2 && fits(rest, among) ? rest : name;
}

