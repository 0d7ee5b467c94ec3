import { tag } from '../text/segment.js';

export interface Span {
  text: string;
  start: number;
}

const OPEN = '(（“《「『[【';
const CLOSE = ')）”》」』]】';

/** 1:1.27 is a ratio and 1,386 a thousands separator: neither ends a clause. */
function inNumber(text: string, i: number): boolean {
  const c = text[i];
  if (!/\d/.test(text[i - 1] ?? '')) return false;
  if (c === ':') return /\d/.test(text[i + 1] ?? '');
  return c === ',' && /^\d{3}(?!\d)/.test(text.slice(i + 1, i + 5));
}

/** Splits at separator characters that stand outside brackets and quotes. */
export function splitTopLevel(text: string, separators: string): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth = Math.max(0, depth - 1);
    // 1:1.27 is a ratio, not two clauses.
    else if (depth === 0 && separators.includes(c) && !inNumber(text, i)) {
      out.push({ text: text.slice(start, i), start });
      start = i + 1;
    }
  }
  out.push({ text: text.slice(start), start });
  return out.filter((s) => s.text.trim().length > 0);
}

/**
 * The longest sentence read as one. Real ones stay under 400 characters; a run of text without a
 * full stop (a PDF's list, a hostile file) is read in pieces, so no sentence's cost grows without bound.
 */
export const MAX_SENTENCE_CHARS = 1200;

/** Sentences of a paragraph, each with its end mark. */
export function splitSentences(paragraph: string): Span[] {
  const out: Span[] = [];
  // An ellipsis (…… or ......) ends a thought as a full stop does.
  const re = /(?:[^。!?！？….]|\.(?!\.\.))+(?:(?:[。!?！？…]+|\.{3,})["”’)）]?|$)/g;
  for (const m of paragraph.matchAll(re)) {
    if (m[0].trim()) out.push(...inPieces({ text: m[0], start: m.index! }));
  }
  return out;
}

/** A sentence over the limit cut after its last clause mark (，；、 or a space) within the limit. */
function inPieces(sentence: Span): Span[] {
  const pieces: Span[] = [];
  let { text, start } = sentence;
  while (text.length > MAX_SENTENCE_CHARS) {
    const window = text.slice(0, MAX_SENTENCE_CHARS);
    const mark = Math.max(window.lastIndexOf('，'), window.lastIndexOf(','), window.lastIndexOf('；'), window.lastIndexOf(';'), window.lastIndexOf('、'), window.lastIndexOf(' '));
    let cut = mark > MAX_SENTENCE_CHARS / 2 ? mark + 1 : MAX_SENTENCE_CHARS;
    // Without a mark, never inside a figure.
    while (cut > MAX_SENTENCE_CHARS / 2 && /[\d.,%]/.test(text[cut] ?? '')) cut--;
    pieces.push({ text: text.slice(0, cut), start });
    text = text.slice(cut);
    start += cut;
  }
  if (text.trim()) pieces.push({ text, start });
  return pieces;
}

// Words at the edges of a phrase that only set the scene or link it to its figure: 全市共有…,
// …达到. Single characters are only dropped when jieba reads them as words of their own, so
// 达成, 使用, 及时 and 签约 keep their first or last character.
// (我们全院门急诊, 所以东院区, 出院病人呢: the words of speech around a measure are none of it.)
const LEADING = /^(?:[,，、:：;；\s]|其中|另外|此外|同时|目前|现已|现有|已有|共计|共有|累计|合计|总计|全市|全区|全县|全省|全国|全院|我市|我区|我县|本市|辖区|达到|拥有|先后|分别|等|我们|咱们|我院|所以|那么|但是|而且|然后)+/;
// (…卫生院要达到30家: a lone 要 before a target's figure goes as a link word does.)
const TRAILING = /(?:达到了|达到|共有|共计|累计|合计|总计|超过|不足|分别|只有|也就|(?<![行作认成视称])为|[,，、:：(（\s呢吧啊呀嘛])+$/;
const LINK_TAGS = /^(c|p|d|ul|uj|r)$/;
// (病原学阳性率则…: a conjunction left at a phrase's end is none of it.)
const LINK_WORDS = new Set(['达', '为', '是', '有', '共', '计', '至', '到', '了', '的', '已', '均', '等', '近', '约', '超', '则', '而', '却', '也', '又', '要']);

// 正高级, 正主任医师: a rank, not the adverb 正 (正加快).
const RANK_PREFIX = /^正(?=高级|主任|副主任|处级|科级|院长)/;

export function trimPhrase(s: string): string {
  let out = s;
  for (let i = 0; i < 4; i++) {
    const before = out;
    // (区)共登记… of "9个县（市、区）共登记…": the tail of a bracket the phrase began inside.
    out = out.replace(/^[^()（）]{1,6}[)）]/, '').replace(LEADING, '').replace(TRAILING, '');
    const tokens = tag(out);
    const first = tokens[0];
    // Only when what follows still opens with a word of its own: 为辖区 → 辖区, but 在岗 stays.
    if (first && first.word.length === 1 && (LINK_TAGS.test(first.tag) || LINK_WORDS.has(first.word)) && tokens.length > 1 && !RANK_PREFIX.test(out)) {
      const rest = tag(out.slice(1))[0];
      if (rest && rest.word.length >= 2) out = out.slice(1);
    }
    out = out.replace(/(?<=[率数量额])达$/, '');
    const last = tag(out).at(-1);
    if (last && last.word.length === 1 && LINK_WORDS.has(last.word) && out.length > 1) out = out.slice(0, -1);
    if (out === before) break;
  }
  out = out.trim();
  // A phrase that is only a link word (为, 的) says nothing.
  if (out.length === 1 && LINK_WORDS.has(out)) return '';
  return balance(out);
}

/** Drops a closing bracket that lost its opening one, and closes one left open: 急救中心(站、点). */
function balance(s: string): string {
  let out = s.replace(/^[)）]+/, '');
  const opens = (out.match(/[(（]/g) ?? []).length;
  const closes = (out.match(/[)）]/g) ?? []).length;
  if (opens > closes) out += ')'.repeat(opens - closes);
  return out;
}

const NOUNISH = /^(n|nr|ns|nt|nz|nrt|nrfg|ng|vn|an|a|j|b|x|eng|s|f|k|zg|m|q)$/;
// Words tagged as nouns that only quantify what comes before them: 219人全部取得….
const NOT_HEAD = /^(全部|全体|所有|均|都|分别|各|其中|以上|以下|左右)/;
const STOP_WORDS = new Set(['全部', '全体', '均', '都', '也', '已', '还', '到', '在', '为', '是', '有', '对', '向', '给', '让', '将', '把', '从', '自']);

/**
 * The noun phrase a text opens with: "村卫生室全部配备…" → "村卫生室", "“名医基层工作站”" → itself.
 * Stops at the first verb, adverb or preposition; quotes and brackets are carried whole.
 */
export function leadingNounPhrase(text: string): string {
  let out = '';
  if (NOT_HEAD.test(text)) return '';
  const tokens = tag(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (/^[“”"'《》()（）]$/.test(t.word)) {
      out += t.word;
      continue;
    }
    if (/^[、和及与或]$/.test(t.word) && out) {
      const next = tokens[i + 1];
      if (next && NOUNISH.test(next.tag)) {
        out += t.word;
        continue;
      }
      break;
    }
    if (t.word === '的' && out) {
      const next = tokens[i + 1];
      if (next && NOUNISH.test(next.tag) && next.tag !== 'm') {
        out += t.word;
        continue;
      }
      break;
    }
    if (STOP_WORDS.has(t.word) || /[,，。;；:：!?]/.test(t.word)) break;
    // A verb inside a noun phrase (辅助诊断建议) when a noun follows it.
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (!NOUNISH.test(t.tag) && !(out && /^v/.test(t.tag) && prev?.tag === 'vn' && next && /^n/.test(next.tag))) break;
    out += t.word;
  }
  // Unbalanced quotes left at the edge are dropped.
  return out.replace(/^[”》)）]+/, '').replace(/[“《(（]+$/, '').trim();
}

/** True when a phrase ends in a verb: 整治改造, 设立, 开展 (the figure after it counts its object). */
export function endsWithVerb(text: string): boolean {
  const tokens = tag(text.replace(/[“”"《》]/g, ''));
  const last = tokens[tokens.length - 1];
  return last !== undefined && /^v/.test(last.tag) && last.tag !== 'vn';
}

/** True when a phrase opens with a verb: "达到国家推荐标准". */
export function startsWithVerb(text: string): boolean {
  const first = tag(text)[0];
  return first !== undefined && /^(v|d|p)/.test(first.tag) && first.tag !== 'vn';
}
