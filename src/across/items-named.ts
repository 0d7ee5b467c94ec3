import type { ParsedQuestion } from '../match/question.js';
import type { FactStore } from '../store/fact-store.js';
import { bareUnit } from './compare.js';
import type { Entry } from './entries.js';
import { answersTo, type ParseCore } from './gather.js';
import { periodKey } from './trend.js';

/** The things a question names one after another (甲、乙、丙这三项), at most this many. */
const MAX_ITEMS = 8;
// 这三项, 这几个, 几项指标: the words that point back at the things named.
const POINTER = /^(?:这|那)?(?:[两二三四五六七八九十\d]+|几)?(?:项|个|种|类)?(?:指标|数据|工作)?/;

export interface NamedItems {
  /** Whose they are (甲医院 of 甲医院门诊、出院…), as written. */
  owner: string;
  items: string[];
  /** What is asked of each (增长, 完成进度), as written after the list. */
  asked: string;
}

/**
 * The things a question names in a list ("甲医院门诊、住院、检查这三样哪个涨得最多" → 门诊, 住院,
 * 手术 of 甲医院, each asked 增长), or undefined when it names fewer than two. The owner is the
 * place or institution the first item opens with.
 */
export function namedItems(core: string, parseCore: ParseCore): NamedItems | undefined {
  // Only 、 joins names for sure: a comma ends a clause, 和 may stand inside a name.
  const listed = /([\u3400-\u9fffA-Za-z]{1,16}(?:、[\u3400-\u9fffA-Za-z]{1,10}){1,7}(?:(?:和|及|与|以及)[\u3400-\u9fffA-Za-z]{1,10})?)/.exec(core);
  const list = listed ? { index: listed.index, text: listed[1]! } : alikePair(core);
  if (!list) return undefined;
  const parts = list.text.split(/、|和|及|与|以及|跟|同/).filter(Boolean);
  // 手术这三项, 手术等: the last item ends where the words pointing back begin.
  const last = parts.length - 1;
  parts[last] = parts[last]!.replace(/(?:这|那|等|哪|谁).*$/, '');
  if (parts.length < 2 || parts.length > MAX_ITEMS) return undefined;
  const first = parseCore(parts[0]!);
  const owner = ownerWords(parts[0]!, first);
  const items = [parts[0]!.slice(owner.length), ...parts.slice(1)].map((p) => p.trim());
  if (items.some((p) => p.length < 1)) return undefined;
  const after = core.slice(list.index + list.text.length).replace(/^[,，\s]+/, '');
  const asked = after.replace(POINTER, '').replace(/^[,，\s]+/, '');
  return { owner: core.slice(0, list.index) + owner, items, asked };
}

/**
 * 甲分站和乙分站: two names joined by 和 that end alike (分站, 分站) are two things named, though 和
 * may stand inside one name.
 */
function alikePair(core: string): { index: number; text: string } | undefined {
  for (const m of core.matchAll(/([\u3400-\u9fff]{3,10})(和|与|跟|同)([\u3400-\u9fff]{3,10})/g)) {
    const [a, joiner, b] = [m[1]!, m[2]!, m[3]!];
    for (let k = Math.min(4, a.length - 1); k >= 2; k--) {
      const at = b.indexOf(a.slice(-k));
      if (at >= 1) return { index: m.index!, text: `${a}${joiner}${b.slice(0, at + k)}` };
    }
  }
  return undefined;
}

/** The place or institution words a text opens with, as written (甲医院 of 甲医院门诊, 乙县 of 乙县床位). */
function ownerWords(text: string, q: ParsedQuestion): string {
  const institution = /^[\u3400-\u9fff]{0,12}?(?:医院|卫生院|保健院|中心)/.exec(text)?.[0];
  if (institution && (q.subject || q.regions.length) && institution.length < text.length) return institution;
  const names = [...(q.subject ? [q.subject] : []), ...q.regions.flatMap((r) => [r.name, ...r.aliases])].filter((n) => text.startsWith(n));
  return names.sort((a, b) => b.length - a.length)[0] ?? '';
}

// 哪个增长最快: a change is asked of each, not its level.
const CHANGE_ASKED = /增长|增加|提高|提升|下降|降低|减少|增速|增幅|降幅|涨|降/;

/**
 * Each thing named asked on its own, of one owner: its figure when every one has a figure of one
 * unit and period whose measure names it. All or nothing: a ranking of some of them is not one.
 */
export function itemsRanked(store: FactStore, named: NamedItems, parseCore: ParseCore): Entry[] | undefined {
  const entries: Entry[] = [];
  for (const item of named.items) {
    const asked = parseCore(`${named.owner}${item}${named.asked}`);
    const q = CHANGE_ASKED.test(named.asked) ? { ...asked, status: 'change' as const } : asked;
    const f = answersTo(store, q).map((s) => s.fact).find((x) => x.kind === 'figure' && x.value !== undefined && x.status === q.status && x.metric.includes(item));
    if (!f) return undefined;
    entries.push({ fact: f, entity: item, measure: named.asked || f.metric.replace(item, '') });
  }
  const [head, ...rest] = entries;
  if (!head) return undefined;
  const alike = rest.every((e) => bareUnit(e.fact.unit) === bareUnit(head.fact.unit) && e.fact.unitClass === head.fact.unitClass && periodKey(e.fact) === periodKey(head.fact) && e.fact.status === head.fact.status);
  return alike ? entries : undefined;
}
