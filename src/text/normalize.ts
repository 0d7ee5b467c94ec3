import * as OpenCC from 'opencc-js';
import { convertChineseNumerals } from './chinese-numerals.js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
// Taiwan phrases (網際網路 → 互联网) and Hong Kong variants (衞, 佔); the phrase table is used only on
// text written in traditional script, since on simplified text it rewrites words (显著 → 显着).
const taiwanToSimplified = OpenCC.Converter({ from: 'twp', to: 'cn' });
const hongKongToSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
/**
 * Share of Chinese characters that traditional → simplified changes, above which a text is
 * traditional, and how many it must change at least. A report in traditional script changes a
 * fifth of its characters or more, a question in it two or more (醫院床位數); a name in
 * simplified text (乾县, 蒓源县) changes one, or far less than a fifth, and is kept as written, in
 * the reports and the questions alike.
 */
const TRADITIONAL_SHARE = 0.1;
const TRADITIONAL_SHARE_LONG = 0.2;
const LONG_TEXT = 200;
const TRADITIONAL_MIN = 2;

/** Traditional script (Taiwan, Hong Kong or general) to simplified, as the mainland writes it. */
export function simplify(text: string): string {
  const plain = toSimplified(text);
  let changed = 0;
  let cjk = 0;
  for (let i = 0; i < text.length && i < plain.length; i++) {
    if (text.charCodeAt(i) >= 0x3400) cjk++;
    if (text[i] !== plain[i]) changed++;
  }
  const traditional = changed >= TRADITIONAL_MIN && changed / cjk >= (cjk >= LONG_TEXT ? TRADITIONAL_SHARE_LONG : TRADITIONAL_SHARE);
  // Simplified text is left as written: the few characters conversion would change in it are
  // names (乾县 is no 干县, 蒓源县 is written so), and a card shows names as the report does.
  return traditional ? hongKongToSimplified(taiwanPhrases(text)) : text;
}

// Taiwan's software vocabulary in the phrase table reads words of health reports wrongly:
// 新增 (newly added) would become 添加, 智慧医疗 智能医疗. These keep their plain conversion.
const KEEP_AS_WRITTEN = ['新增', '智慧'];
const PLACEHOLDER = (i: number) => String.fromCharCode(0xe000 + i);

function taiwanPhrases(text: string): string {
  let held = text;
  KEEP_AS_WRITTEN.forEach((w, i) => (held = held.split(w).join(PLACEHOLDER(i))));
  let out = taiwanToSimplified(held);
  KEEP_AS_WRITTEN.forEach((w, i) => (out = out.split(PLACEHOLDER(i)).join(toSimplified(w))));
  return out;
}

/**
 * The one normalization that runs on reports at index time and on questions at query time:
 * NFKC (full-width forms to half-width), traditional → simplified, counting Chinese numerals to
 * digits, and runs of white space folded. It keeps punctuation, so sentences can still be split.
 */
export function normalizeText(text: string): string {
  const nfkc = text.normalize('NFKC').replace(/\r\n?/g, '\n');
  return convertChineseNumerals(simplify(nfkc)).replace(/[\t\f\v\u00a0\u3000 ]+/g, ' ');
}

const QUOTES_AND_SPACE = /[\s"'“”‘’「」『』《》〈〉【】]/g;

/** The form text is compared in: normalized, without quotes, brackets of titles or spaces. */
export function matchKey(text: string): string {
  return normalizeText(text).replace(QUOTES_AND_SPACE, '').toLowerCase();
}

// ASCII punctuation that NFKC produced between Chinese text, each match turned back to full width:
// a comma or semicolon with the spaces around it, a colon with its spaces, ? and !.
const ASCII_BETWEEN_CHINESE = /(?<=[\u3400-\u9fff\d%)）”])\s*([,;])\s*|(?<=[\u3400-\u9fff])\s*:\s*|(?<=[\u3400-\u9fff])([?!])/g;
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };

/** Display form: ASCII punctuation that NFKC produced between Chinese text turned back to full width. */
export function prettyChinese(text: string): string {
  return text.replace(ASCII_BETWEEN_CHINESE, (m, sep?: string, mark?: string) => FULL_WIDTH[sep ?? mark ?? ':']!);
}

/**
 * The display form with a map from offsets in the text to offsets in it, so a sentence is made
 * pretty once however many figures it holds (making each figure's prefix pretty is quadratic).
 */
export function prettyWithOffsets(text: string): { text: string; at: (offset: number) => number } {
  const rawEnds: number[] = [];
  const shifts: number[] = [];
  let shift = 0;
  const pretty = text.replace(ASCII_BETWEEN_CHINESE, (m: string, sep: string | undefined, mark: string | undefined, index: number) => {
    shift += m.length - 1;
    rawEnds.push(index + m.length);
    shifts.push(shift);
    return FULL_WIDTH[sep ?? mark ?? ':']!;
  });
  const at = (offset: number): number => {
    // The last replacement that ends at or before the offset says how much shorter the text is.
    let lo = 0;
    let hi = rawEnds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rawEnds[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - (lo ? shifts[lo - 1]! : 0);
  };
  return { text: pretty, at };
}
