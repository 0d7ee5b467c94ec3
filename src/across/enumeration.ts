import type { Fact } from '../extract/facts.js';
import { factsOfReport, type FactStore } from '../store/fact-store.js';
import { tag } from '../text/segment.js';

/** A list a sentence gives: "其中医院187个、基层医疗卫生机构5014个和专业公共卫生机构85个". */
export interface Enumeration {
  /** The sentence's words before the list, after any list before it: what the list is of. */
  lead: string;
  items: { name: string; fact: Fact }[];
}

// A name in a list: words, and closed brackets within it (社区卫生服务中心（站）).
// A name may open on a number that is part of it (2型糖尿病, 0-6岁儿童).
// (跌倒/坠床: two kinds said as one item.)
const NAME = '(?:\\d+(?:[-~～]\\d+)?(?=[\\u3400-\\u9fff]))?(?:[\\u3400-\\u9fffA-Za-z·“”"「」]|(?<=[\\u3400-\\u9fff])/(?=[\\u3400-\\u9fff])|[(（][^()（）\\d]{1,6}[)）])+?';
// Between two items: the end of the last figure's brackets, a list joiner, then the next name.
const ITEM_GAP = new RegExp(`^\\s*[)）]?\\s*(、|和|及|以及|与|；|;|,|，)\\s*(${NAME})\\s*(?:[(（]|为|是|有|达|:|：)?\\s*$`, 'u');
// After a comma, words that start a new clause rather than name the next item: a whole's parts
// (其中), or a change or share of the last figure (同比增长, 占).
const CLAUSE_START = /^(?:均|都|也|还|仍|已|已经|但|并|且|再)?(?:其中|包括|比|较|同比|环比|增长|增加|下降|减少|提高|降低|占|共|合计|总计|低于|高于|超过|不足|相当于|两者|相差|接近|达到|逼近|突破|距|离)|^(?:已|已经|但|并|且|仍|尚)/;
// A figure set aside in brackets inside the list: 三级医院40个（其中三级甲等医院15个），二级医院…
const ASIDE = /[(（][^()（）]*\d[^()（）]*[)）]/g;
// Where the words naming the first item start: after the last boundary before its figure.
const BOUNDARY = /[,，。;；:：]|依次为|分别为|分别是|其中/g;
const FIRST_NAME = new RegExp(`(${NAME})\\s*(?:[(（]|为|是|有|达)?\\s*$`, 'u');

/**
 * The lists of figures a sentence gives, each item named by the words before its figure. Two
 * figures are of one list when only a joiner (、和及与) and a name stand between them and their
 * units agree; a list needs two items. Pure over the sentence's facts.
 */
export function enumerationsOf(sentence: Fact[], verbs: ReadonlySet<string> = new Set()): Enumeration[] {
  const named = (name: string) => afterVerb(clean(name), verbs);
  const sorted = sentence.filter((f) => f.kind === 'figure' && f.value !== undefined && !isAside(f)).sort((a, b) => a.span[0] - b.span[0]);
  // 散居儿童120例（30.5%）: a figure in brackets straight after another annotates it.
  const facts = sorted.filter((f, i) => i === 0 || !/^\s*[(（]\s*$/.test(f.quote.slice(sorted[i - 1]!.span[1], f.span[0])));
  const out: Enumeration[] = [];
  let run: Enumeration | undefined;
  // A list's lead runs from the end of the list before it: a whole before its parts stays in it.
  let listEnd = 0;
  let respective: Fact[] = [];
  const close = () => {
    const list = respective.length >= 2 ? respectively(run!.lead, respective) : run;
    if (list && list.items.length >= 2) out.push(list);
    respective = [];
  };
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    const prev = facts[i - 1];
    const between = prev ? f.quote.slice(prev.span[1], f.span[0]).replace(ASIDE, '') : '';
    // 区人民医院和区中医院门急诊人次分别为40.1万和22.3万: the figures after 分别 name nothing themselves.
    if (respective.length && prev!.unitClass === f.unitClass && BARE_JOINER.test(between)) {
      respective.push(f);
      continue;
    }
    const gap = prev && prev.unitClass === f.unitClass ? ITEM_GAP.exec(between) : null;
    const joins = gap && !(/[,，]/.test(gap[1]!) && CLAUSE_START.test(gap[2]!));
    // (共上报1026例，每百名出院患者报告2.86例: a figure per so many is no item beside a total.)
    const perHead = (name: string) => PER_HEAD.test(name);
    // (每千人口床位数甲县6.8张、乙县5.1张: after 、 the per-head measure of the first goes on.)
    // (我院每百名出院患者报告不良事件2.86例: the per-head words may lead the first item's name.)
    const firstPerHead = !!run?.items.length && (perHead(run.items[0]!.name) || PER_HEAD_LEAD.test(run.lead.split(/[,，;；:：]/).pop() ?? ''));
    const alike = !run?.items.length || firstPerHead === perHead(named(gap?.[2] ?? '')) || (firstPerHead && /、|和|及|与/.test(gap?.[1] ?? ''));
    if (run && gap && joins && alike && !FIGURE_LIKE.test(named(gap[2]!))) {
      run.items.push({ name: named(gap[2]!), fact: f });
      continue;
    }
    if (run && (run.items.length >= 2 || respective.length >= 2)) listEnd = prev!.span[1];
    if (run) close();
    run = firstItem(f, listEnd, verbs);
    if (run && !run.items.length && RESPECTIVELY.test(run.lead)) respective = [f];
  }
  if (run) close();
  return out;
}

// 分别为40.1万和22.3万: figures one for each thing named before 分别, in order.
const RESPECTIVELY = /分别(?:为|是|达到|达|有|占)?\s*[:：]?\s*$/;
const PER_HEAD = /^(?:每|人均|户均|平均每|床均|千人口|万人口)/;
const PER_HEAD_LEAD = /每(?:百|千|万|十万)|人均|户均|千人口|万人口/;
const OWN_AREA = /^\s*(?:全市|全区|全县|全省|全院|我市|我区|我县|我院|本市|本区|本县)/;
const PLACE_END = /(?:区|县|市|镇|乡|街道)$/;
const BARE_JOINER = /^\s*[)）]?\s*(?:、|和|及|与|以及)\s*$/;

/**
 * The figures after 分别, named by the things joined before it, in order (区人民医院和区中医院门急诊
 * 人次 → 区人民医院, 区中医院: the measure the last name carries is the one the first figure's
 * measure adds to the first name). The lead is what precedes the names.
 */
function respectively(lead: string, facts: Fact[]): Enumeration | undefined {
  // 居前三位的是甲、乙和丙,分别为…: the names may end their own clause before 分别.
  const before = lead.replace(RESPECTIVELY, '').replace(/[,，]\s*$/, '');
  let cut = 0;
  for (const m of before.matchAll(BOUNDARY)) cut = m.index! + m[0].length;
  // 全区甲医院和乙医院: the report's own area before the first name is no part of it;
  // 居前三位的是甲: nor the words that lead to it.
  const names = before.slice(cut).replace(OWN_AREA, '');
  const led = /^.*(?:的是|依次为|依次是|分别是)/.exec(names)?.[0] ?? '';
  // 2023年甲区、乙县…: a time before the first name is no part of it.
  const parts = names.slice(led.length).replace(/^(?:19|20)\d{2}年(?:末|底)?/, '').split(/、|和|及|与|以及/).map((p) => p.trim());
  if (parts.length !== facts.length || parts.some((p) => p.length < 2)) return undefined;
  const first = facts[0]!.metric;
  const rest = first.startsWith(parts[0]!) ? first.slice(parts[0]!.length) : '';
  // A measure that still joins names (、婴儿死亡率和…) is the names again, not a shared measure.
  const measure = /、|和|及|与/.test(rest) ? '' : rest;
  const last = parts.at(-1)!;
  // The measure the last name carries, when the first figure's words do not say it.
  let named = '';
  // (丁县一季度县域内就诊率: the time said with the measure is no part of the name either.)
  if (measure && last.endsWith(measure) && last.length > measure.length) parts[parts.length - 1] = last.slice(0, last.length - measure.length).replace(TIME_AT_END, '') || last;
  // 甲区、乙县和丙县的签约率分别为…: the measure after 的 is no part of the last name; 甲区、乙县和
  // 丙县每千人口床位数分别为…: places named alike end where the last one's place word does.
  else if (!measure) {
    const places = parts.slice(0, -1).every((p) => PLACE_END.test(p));
    const cut = places ? /^([\u3400-\u9fff]{1,6}?(?:区|县|市|镇|乡|街道))[\u3400-\u9fff]{2,}$/.exec(last)?.[1] : undefined;
    parts[parts.length - 1] = cut ?? last.replace(/^([\u3400-\u9fff]{2,})的[\u3400-\u9fff]{2,}$/, '$1');
    if (cut) named = last.slice(cut.length).replace(/^的/, '');
  }
  return { lead: before.slice(0, cut) + led + (measure || named), items: facts.map((fact, i) => ({ name: parts[i]!, fact })) };
}

/** A figure inside brackets that open on words (（其中三级甲等医院52个）), not on the figure itself. */
function isAside(f: Fact): boolean {
  const before = f.quote.slice(0, f.span[0]);
  const open = Math.max(before.lastIndexOf('（'), before.lastIndexOf('('));
  const close = Math.max(before.lastIndexOf('）'), before.lastIndexOf(')'));
  // （各乡镇报告数:甲镇12例,乙镇9例…）: a sentence wholly in brackets is a note of its own, not an aside.
  if (open >= 0 && before.slice(0, open).trim() === '') return false;
  return open > close && before.slice(open + 1).trim().length > 0;
}

function firstItem(f: Fact, from: number, verbs: ReadonlySet<string>): Enumeration | undefined {
  const before = f.quote.slice(from, f.span[0]);
  // (用药相关事件：298例；: an item may name itself before a colon.)
  const named = before.replace(/(?<=[\u3400-\u9fff)）])\s*[:：]\s*$/, '');
  let cut = 0;
  for (const m of named.matchAll(BOUNDARY)) cut = m.index! + m[0].length;
  const found = FIRST_NAME.exec(named.slice(cut));
  const name = found && afterVerb(clean(found[1]!), verbs);
  if (!found || !name || FIGURE_LIKE.test(name)) return { lead: before, items: [] };
  // The lead keeps what stood before the name: 全市有 of 全市有三级医院9个.
  const nameAt = cut + found.index + found[1]!.lastIndexOf(name);
  return { lead: before.slice(0, nameAt), items: [{ name, fact: f }] };
}

/** 全市有三级医院 → 三级医院: the words after the last list verb, when two or more characters are left. */
function afterVerb(name: string, verbs: ReadonlySet<string>): string {
  // 病例以甲镇, 集中在乙乡: a place after 以/在/于, which the segmenter may glue to it (以甲镇).
  const place = PLACE_AFTER.exec(name);
  if (place) return place[1]!;
  if (!verbs.size) return name;
  const words = tag(name).map((t) => t.word);
  let at = 0;
  let cut = 0;
  words.forEach((w, i) => {
    at += w.length;
    if (verbs.has(w) && i < words.length - 1 && name.length - at >= 2) cut = at;
  });
  return name.slice(cut);
}

const TIME_AT_END = /(?:(?:19|20)\d{2}年|今年|去年|上年)?(?:前三季度|第?[一二三四]季度|上半年|下半年|全年|\d{1,2}(?:\s*[—\-~～至到]\s*\d{1,2})?月份?)$|(?:19|20)\d{2}年$/;
const PLACE_AFTER = /(?:以|在|于)([\u3400-\u9fff]{2,5}(?:镇|乡|街道|县|区|市|医院|卫生院|中心))$/;
const clean = (name: string) => name.replace(/^(?:其中|包括|分别|依次|共有|共|有|另外|另|此外)/, '').trim();
// 8种 before 210例 is a figure, not a name; 为 alone names nothing.
const FIGURE_LIKE = /^\d+(?:[-~～]\d+)?[\u3400-\u9fff]?$|^[\u3400-\u9fff]$/;

/**
 * The name a figure goes by as an item of a list in its report (甲山镇 of 流感病例以甲山镇(41例)和…),
 * or undefined when it is no list's item.
 */
export function listItemName(store: FactStore, f: Fact): string | undefined {
  for (const e of enumerationsInDocs(store, [f.docId])) {
    const item = e.items.find((i) => i.fact === f);
    if (item) return item.name;
  }
  return undefined;
}

// A store never changes once built: each report's lists are read once per store.
const listsByStore = new WeakMap<FactStore, Map<string, Enumeration[]>>();

/** The lists of every sentence of these reports. */
export function enumerationsInDocs(store: FactStore, docIds: string[]): Enumeration[] {
  let byDoc = listsByStore.get(store);
  if (!byDoc) listsByStore.set(store, (byDoc = new Map()));
  return docIds.flatMap((id) => {
    let lists = byDoc.get(id);
    if (!lists) byDoc.set(id, (lists = listsOfDoc(store, id)));
    return lists;
  });
}

function listsOfDoc(store: FactStore, id: string): Enumeration[] {
  const verbs = store.intents.across.listVerbs;
  const out: Enumeration[] = [];
  let sentence: Fact[] = [];
  for (const f of factsOfReport(store, id)) {
    if (sentence.length && f.sentenceNo !== sentence[0]!.sentenceNo) {
      out.push(...enumerationsOf(sentence, verbs));
      sentence = [];
    }
    sentence.push(f);
  }
  if (sentence.length) out.push(...enumerationsOf(sentence, verbs));
  return out.map((e) => (e.lead.trim() ? e : { ...e, lead: leadAbove(store, e.items[0]!.fact) }));
}

/** 按事件类别分，上报数量如下： then a list of its own: the line above that ends on a colon leads it. */
function leadAbove(store: FactStore, f: Fact): string {
  const blocks = store.blocks.get(f.docId);
  const own = blocks?.[f.block]?.text ?? '';
  const above = blocks?.[f.block - 1];
  const words = (t: string) => t.replace(/[^\u3400-\u9fff\d]/g, '');
  if (!above || above.kind !== 'paragraph' || !/[:：]\s*$/.test(above.text) || !words(own).startsWith(words(f.quote).slice(0, 6))) return '';
  return above.text.split(/[。!?！？]/).pop() ?? '';
}
