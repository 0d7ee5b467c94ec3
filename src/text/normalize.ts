import * as OpenCC from 'opencc-js';
import { convertChineseNumerals } from './chinese-numerals.js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * The one normalization that runs on reports at index time and on questions at query time:
 * NFKC (full-width forms to half-width), traditional → simplified, counting Chinese numerals to
 * digits, and runs of white space folded. It keeps punctuation, so sentences can still be split.
 */
export function normalizeText(text: string): string {
  const nfkc = text.normalize('NFKC').replace(/\r\n?/g, '\n');
  return convertChineseNumerals(toSimplified(nfkc)).replace(/[\t\f\v\u00a0\u3000 ]+/g, ' ');
}

const QUOTES_AND_SPACE = /[\s"'“”‘’「」『』《》〈〉【】]/g;

/** The form text is compared in: normalized, without quotes, brackets of titles or spaces. */
export function matchKey(text: string): string {
  return normalizeText(text).replace(QUOTES_AND_SPACE, '').toLowerCase();
}

/** Display form: ASCII punctuation that NFKC produced between Chinese text turned back to full width. */
export function prettyChinese(text: string): string {
  return text
    .replace(/(?<=[\u3400-\u9fff\d%)）”])\s*,\s*/g, '，')
    .replace(/(?<=[\u3400-\u9fff\d%)）”])\s*;\s*/g, '；')
    .replace(/(?<=[\u3400-\u9fff])\s*:\s*/g, '：')
    .replace(/(?<=[\u3400-\u9fff])\?/g, '？')
    .replace(/(?<=[\u3400-\u9fff])!/g, '！');
}
