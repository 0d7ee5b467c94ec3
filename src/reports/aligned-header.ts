/**
 * A plain-text table aligned with spaces, whose header is written on two lines:
 *
 *     医院            开放床位   床位使用率（%）      平均住院日
 *                     （张）     2022年     2023年    （天）
 *     某某医院          2650      86.3       93.5       7.9
 *
 * Split on gaps, the two header lines have fewer cells than the rows, and no cell says which
 * column it stands over. Where each cell starts and ends on the line does: this puts every header
 * cell over the columns of figures it overlaps, so both header lines have as many cells as the rows
 * (a cell over two columns first, then an empty one), ready to be read as one header.
 */
import { eastAsianWidth } from 'get-east-asian-width';

interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * The cells of a line, apart by two or more spaces (a full-width space is two), with where each
 * starts and ends in display columns (`wide`: CJK as two).
 */
function spansOf(line: string, wide: boolean): Span[] {
  const spans: Span[] = [];
  let col = 0;
  let cell: Span | undefined;
  let spaces = 0;
  for (const ch of line.replace(/\s+$/, '')) {
    const cp = ch.codePointAt(0)!;
    const w = wide ? eastAsianWidth(cp) : 1;
    if (ch === ' ' || ch === '\u3000' || ch === '\u00a0') {
      spaces += ch === '\u3000' ? 2 : 1;
    } else {
      // (（万人次） （%）: two units a single space apart stand over two columns.)
      const unitsApart = spaces > 0 && /[)）]$/.test(cell?.text ?? '') && /[(（]/.test(ch);
      if (cell && spaces < 2 && !unitsApart) cell.text += ' '.repeat(spaces) + ch;
      else spans.push((cell = { text: ch, start: col, end: col }));
      cell.end = col + w;
      spaces = 0;
    }
    col += w;
  }
  return spans.map((s) => ({ ...s, text: s.text.trim() }));
}

const overlap = (a: Span, b: Span) => Math.min(a.end, b.end) - Math.max(a.start, b.start);

/**
 * The header line's cells put over `columns`: each in the first column it overlaps, an empty
 * cell in the others it spans. Undefined when a cell stands over no column, or two over one.
 */
function alignOver(header: Span[], columns: Span[]): string[] | undefined {
  const out: (string | undefined)[] = columns.map(() => undefined);
  for (const cell of header) {
    const over = columns.map((c, j) => (overlap(cell, c) > 0 ? j : -1)).filter((j) => j >= 0);
    if (!over.length || over.some((j) => out[j] !== undefined)) return undefined;
    over.forEach((j, k) => (out[j] = k === 0 ? cell.text : ''));
  }
  return out.map((c) => c ?? '');
}

/** Where each column of figures lies: from the rows of the usual number of cells, their widest reach. */
function columnsOf(rows: Span[][]): Span[] | undefined {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  const n = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const full = rows.filter((r) => r.length === n);
  if (!n || full.length < Math.max(2, rows.length / 2)) return undefined;
  const columns = full[0]!.map((s) => ({ ...s }));
  for (const r of full) r.forEach((s, j) => ((columns[j]!.start = Math.min(columns[j]!.start, s.start)), (columns[j]!.end = Math.max(columns[j]!.end, s.end))));
  // Columns that run into each other say the rows are not aligned.
  return columns.every((c, j) => j === 0 || c.start >= columns[j - 1]!.end) ? columns : undefined;
}

/**
 * The two header lines of a space-aligned table, each as many cells as its rows of figures have
 * (`rows`: the lines under the header), or undefined when the lines are not aligned that way.
 * Characters are first taken as a monospace font shows them (CJK two columns wide), then as one
 * column each, which is how some tools pad them.
 */
export function alignedHeader(top: string, sub: string, rows: readonly string[]): [string[], string[]] | undefined {
  if ([top, sub, ...rows].some((l) => /[\t|｜│┃║]/.test(l))) return undefined;
  for (const wide of [true, false]) {
    const columns = columnsOf(rows.map((r) => spansOf(r, wide)));
    if (!columns) continue;
    const topCells = alignOver(spansOf(top, wide), columns);
    const subCells = alignOver(spansOf(sub, wide), columns);
    if (topCells && subCells) return [topCells, subCells];
  }
  return undefined;
}
