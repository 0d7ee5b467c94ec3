/**
 * Tables as reports print them in plain text: cells apart by tabs, runs of spaces, "|" or "｜",
 * or " / ". A run of two or more such lines, one of them holding a number, is a table; its first
 * line is the header when it names columns rather than giving figures.
 */

import { alignedHeader } from './aligned-header.js';

/** Stands between cells once a line is known to be a table row; no report writes it. */
export const CELL = '\u241F';

// The bars between cells: markdown's, full-width, and a box table's (│ 规章 │ 0 │).
const BAR = '[|｜│┃║]';
// One tab is one cell boundary: two tabs around nothing are an empty (merged) cell, kept in place.
const SEPARATOR = new RegExp(` *\\t *|\\s*${BAR}\\s*|[ \\u3000\\u00a0]{2,}|\\s+\\/\\s+`, 'g');
const BARS = new RegExp(`^${BAR}|${BAR}$`, 'g');
const BARRED = new RegExp(`^${BAR}.*${BAR}$`);
const BAR_OR_TAB = new RegExp(`[\\t]|${BAR}|\\s\\/\\s`);
// (├──────┼────┤: a box table's rules are rules too.)
const MARKDOWN_RULE = /^[|｜\s:：\-—=+\u2500-\u257f]+$/;
const SPACED_LABEL = new RegExp(`^([\\u3400-\\u9fff])[ \\u3000]{1,4}([\\u3400-\\u9fff])(?=[ \\u3000]{2,}|\\t|\\s*${BAR})`);
const NUMERIC_CELL = /^[+\-±≤≥<>约近]?\s*\d[\d,.]*\s*(%|‰|万|亿|\S{0,4})?$/;

/** The cells of a line, when it can be a table row: two or more, none of them a sentence. */
export function cellsOf(line: string): string[] | undefined {
  // (| 　　其中：医院 |: a cell indented with wide spaces is no empty cell before it.)
  const barred = BARRED.test(line.trim());
  // (合  计, 全  市: a two-character label spaced out to the column's width is one cell.)
  const trimmed = line.trim().replace(BARS, '').trim().replace(SPACED_LABEL, '$1$2');
  if (!trimmed || MARKDOWN_RULE.test(trimmed)) return undefined;
  const cells = trimmed.split(SEPARATOR).map((c) => c.trim());
  // | 三、本年度办理结果 |  |  |: a barred row that only names a section of the table stays in it.
  const section = barred && cells.length >= 3 && cells.slice(1).every((c) => c === '');
  // (|        | 2023年 | 2022年 |: a barred header's second line, empty under the names' column, names columns.)
  const subHeader = barred && cells[0] === '' && cells.filter((c) => c !== '').length >= 2 && cells.every((c) => c === '' || namesColumn(c));
  if (cells.length < 2 || (cells[0] === '' && !subHeader) || (cells.filter((c) => c !== '').length < 2 && !section)) return undefined;
  // Gaps of spaces alone are weaker evidence than tabs or bars (OCR leaves them inside sentences).
  if (cells.length < 3 && !BAR_OR_TAB.test(trimmed) && !barred) return undefined;
  // A sentence split by a wide gap is no row: cells are short and carry no full stop. (Barred
  // cells are cells whatever their length: 申请人无正当理由逾期不补正、行政机关不再处理其…申请.)
  if (cells.some((c) => c.length > (barred ? 80 : 40) || /[。！？!?]$/.test(c))) return undefined;
  return cells;
}

// 2022年, 2023年末, 上半年: a sub-header cell that is a period, which goes before its group's name.
export const PERIOD_CELL = /^(?:(?:19|20)\d{2}\s*年?(?:度|末|底)?|[上下]半年|[一二三四]季度|\d{1,2}(?:[—\-~至]\d{1,2})?月)$/;

export function isNumericCell(cell: string): boolean {
  return NUMERIC_CELL.test(cell.replace(/\s+/g, ''));
}

/**
 * Marks the rows of every table in a report's lines: their cells joined by CELL. A lone line of
 * cells, or lines with no figure in any cell (a speaker list "姓名  职务"), stay as they are.
 */
export function markTableRows(lines: string[], asWritten: (line: string) => string = (l) => l): string[] {
  const out = [...lines];
  let i = 0;
  while (i < lines.length) {
    if (MARKDOWN_RULE.test(lines[i]!.trim()) && lines[i]!.trim()) {
      i++;
      continue;
    }
    const run: { at: number; cells: string[] }[] = [];
    const rules: number[] = [];
    let j = i;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim() && MARKDOWN_RULE.test(line.trim()) && run.length) {
        rules.push(j);
        continue;
      }
      const cells = cellsOf(line);
      if (!cells) break;
      run.push({ at: j, cells });
    }
    const numericRows = run.filter((r) => r.cells.slice(1).some(isNumericCell)).length;
    if (run.length >= 2 && numericRows >= Math.max(1, Math.ceil((run.length - 1) / 2))) {
      alignTwoLineHeader(lines.map(asWritten), run);
      for (const r of run) out[r.at] = r.cells.join(CELL);
      for (const at of rules) out[at] = DROP;
      // (A rule drawn above the header, ====, is the table's; left, it would join its caption.)
      for (let k = run[0]!.at - 1; k >= 0 && lines[k]!.trim() && MARKDOWN_RULE.test(lines[k]!.trim()); k--) out[k] = DROP;
      i = j;
    } else {
      i++;
    }
  }
  // A markdown rule (|---|---|) under the header is no row, and must not split the table; a box
  // table's line of one cell (│ 第二十条第（一）项 │) is the caption of the part below it.
  // (A box table's rules, wherever they stand, are no text.)
  return out.filter((l) => l !== DROP && !BOX_RULE.test(l)).map((l) => (l.includes(CELL) ? l : (ONE_BOXED_CELL.exec(l)?.[1] ?? l)));
}

const YEAR_NAMED = /^(?:19|20)\d{2}年[\u3400-\u9fff]{1,6}$/;
/** A cell that names a column, though it opens on digits: 2023年, 2023年目标. */
export const namesColumn = (c: string) => !isNumericCell(c) || PERIOD_CELL.test(c.replace(/\s+/g, '')) || YEAR_NAMED.test(c.trim());

/**
 * 床位使用率（%） over 2022年 | 2023年, in a table aligned with spaces: two header lines above
 * the first row of figures, split into fewer cells than the rows, are put over their columns.
 */
function alignTwoLineHeader(lines: readonly string[], run: { at: number; cells: string[] }[]): void {
  const [top, sub, first] = run;
  // (2023年目标, 2023年实际: a year with what it is of names a column, no figure.)
  const figures = (r: { cells: string[] }) => r.cells.slice(1).some((c) => !namesColumn(c));
  if (!top || !sub || !first || figures(top) || figures(sub) || !figures(first)) return;
  if (top.cells.length === first.cells.length && sub.cells.length === first.cells.length) return;
  const aligned = alignedHeader(lines[top.at]!, lines[sub.at]!, run.slice(2).map((r) => lines[r.at]!));
  if (!aligned) return;
  top.cells = aligned[0].map((c) => c.normalize('NFKC'));
  sub.cells = aligned[1].map((c) => c.normalize('NFKC'));
}

const DROP = '\u0000';
const BOX_RULE = /^\s*[\u2500-\u257f][\u2500-\u257f\s]*$/;
// (Box bars only: a markdown line of one cell is no caption.)
const ONE_BOXED_CELL = /^\s*[│┃║]\s*([^│┃║]+?)\s*[│┃║]\s*$/;
