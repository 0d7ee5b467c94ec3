/**
 * Ranked lists: "报告病例数居前5位的病种依次为:病毒性肝炎(118例)、肺结核(64例)…". Each item is a
 * fact of its own whose answer is a name and whose rank is its place in the list, so "排第五的是
 * 哪个病" and "最多的是什么病" have an answer.
 */

export interface RankedItem {
  name: string;
  rank: number;
  /** What the list ranks by (报告病例数), as written before it. */
  measure: string;
  /** What the items are (病种), when the list says. */
  kind: string;
  /** Where the name stands in the sentence. */
  at: number;
}

const RANKING = /(?:居|排|位居|排名|排在)?前\s*(\d{1,2}|[二三四五六七八九十])\s*位的?([\u3400-\u9fff]{0,4}?)(?:依次|分别)?(?:为|是)\s*[:：]?/g;
const NUMERALS = '一二三四五六七八九十';
// 化学药品中，: a clause that names the part of a whole a list that follows ranks within.
const SCOPE_BEFORE = /(?:^|[,，:：。;；])\s*([\u3400-\u9fff]{2,10}?)(?:之中|当中|中|里)\s*[,，]\s*$/;
// Where the list ends: the sentence, or a clause that sums or shares it up.
const LIST_END = /[。;；]|[,，]\s*(?:合计|共计|共|占|三地|两地|均|分别|其中)/;

/** 报告病例数 of "…，报告病例数居前5位的": the words of the ranking's own clause, its measure. */
function ownMeasure(lead: string): string {
  return lead.slice(Math.max(lead.search(/[^,，:：。;；]*$/), 0)).replace(/^[^\u3400-\u9fff]+/, '').replace(/中$/, '').trim();
}

/**
 * 化学药品中，采购金额居前三位的…: the part of a whole a ranking ranks within, in the clause before
 * its own (`lead` is the sentence up to the ranking); not 各县中, which is only where its items are.
 */
export function rankingScope(lead: string): string | undefined {
  const scope = SCOPE_BEFORE.exec(lead.slice(0, lead.length - ownMeasure(lead).length))?.[1];
  return scope && !/^(?:各|全|所有|在)/.test(scope) ? scope : undefined;
}

/** Where a sentence's first ranked list opens (居前三位的依次为), if it has one. */
export function rankingAt(sentence: string): number {
  return sentence.search(new RegExp(RANKING.source));
}

/** The items of every ranked list in a sentence, ranks from 1, only when the count agrees. */
export function rankedItems(sentence: string): RankedItem[] {
  const out: RankedItem[] = [];
  for (const m of sentence.matchAll(RANKING)) {
    const n = /\d/.test(m[1]!) ? Number(m[1]) : NUMERALS.indexOf(m[1]!) + 1;
    const start = m.index! + m[0].length;
    const rest = sentence.slice(start);
    const stop = rest.search(LIST_END);
    const listText = stop >= 0 ? rest.slice(0, stop) : rest;
    const items = splitItems(listText);
    if (items.length !== n || n < 2) continue;
    const lead = sentence.slice(0, m.index!);
    const own = ownMeasure(lead);
    // (化学药品中，采购金额居前三位的…: the part of the whole the list ranks within is its measure's too.)
    const scope = rankingScope(lead);
    const measure = scope ? `${scope}${own}` : own;
    // 集里街道、淮川街道…: with no kind said, the items' shared ending says it.
    const shared = /(街道|社区|区|县|市|镇|乡|医院|卫生院)$/.exec(items[0]!.name)?.[1];
    const kind = m[2] || (shared && items.every((x) => x.name.endsWith(shared)) ? shared : '');
    items.forEach((item, i) => {
      out.push({ name: item.name, rank: i + 1, measure, kind, at: start + item.at });
    });
  }
  return out;
}

/** "A(118例)、B(64例)和C(52例)": names without their figures, with their offsets. */
function splitItems(text: string): { name: string; at: number }[] {
  const pieces: { text: string; at: number }[] = [];
  let at = 0;
  for (const piece of text.split('、')) {
    pieces.push({ text: piece, at });
    at += piece.length + 1;
  }
  // The last two are joined by 和, 及 or 以及 (A、B和C); a name may hold 和 too, so only the last cut counts.
  const last = pieces.pop();
  if (last) {
    const join = /^(.*[)）\d例人次%])\s*(?:和|及|以及)(.+)$/.exec(last.text) ?? /^([^()（）]+?)(?:和|以及|及)([^()（）]+)$/.exec(last.text);
    if (join && pieces.length > 0) {
      pieces.push({ text: join[1]!, at: last.at });
      pieces.push({ text: join[2]!, at: last.at + last.text.length - join[2]!.length });
    } else pieces.push(last);
  }
  return pieces
    .map((p) => ({ name: p.text.replace(/[(（].*$/, '').replace(/\d.*$/, '').replace(/^\s*(?:和|及|以及)/, '').trim(), at: p.at }))
    .filter((p) => p.name.length >= 2 && p.name.length <= 16 && /^[\u3400-\u9fff·]+$/.test(p.name));
}

/** The place in a ranking a question asks for: 第5, 排第五, 最多 (1). Undefined when it asks none. */
export function askedRank(question: string): number | 'last' | undefined {
  // 第一人民医院, 第一季度: an ordinal in a name or a period ranks nothing.
  const nth = /第\s*(\d{1,2}|[一二三四五六七八九十])(?!人民|医院|中学|小学|批|届|次|季度|阶段|轮|期|年|个|条|款|章|节)\s*(?:位|名|多)?/.exec(question);
  if (nth) return /\d/.test(nth[1]!) ? Number(nth[1]) : NUMERALS.indexOf(nth[1]!) + 1;
  if (/最多|最高|最大|最常见|居首|首位|之首/.test(question)) return 1;
  if (/最少|最低|最小/.test(question)) return 'last';
  return undefined;
}

/** The words of a question that only say which place in a ranking is asked. */
export const RANK_WORDS = /(?:排名|排在|排)?第\s*(?:\d{1,2}|[一二三四五六七八九十])\s*(?:位|名)?|最多|最高|最大|最常见|居首|首位|之首|最少|最低|最小/g;
