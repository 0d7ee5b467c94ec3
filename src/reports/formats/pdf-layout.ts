import { PAGE_MARK } from '../clean.js';

// A PDF page's text items, as pdf.js gives them with their positions, rebuilt into the lines and
// paragraphs a person reads: columns in reading order, a table's cells split by tabs, running
// headers, footers and page numbers dropped, paragraphs joined across lines and pages. Pure
// functions over plain data, so they are tested without a PDF.

export interface TextItem {
  text: string;
  x: number;
  /** Baseline, from the bottom of the page, as PDF coordinates run. */
  y: number;
  width: number;
  /** Font size. */
  size: number;
}

export interface PageItems {
  width: number;
  height: number;
  items: TextItem[];
}

export interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  /** Cells, when wide gaps split the line (a table row). */
  cells: number;
  /** Each cell's text and where it stands. */
  parts: Part[];
}

interface Part {
  text: string;
  x: number;
  right: number;
}

const END_OF_SENTENCE = /[。！？!?；;：:…」』”)）]$/;
const PAGE_NUMBER = /^(?:[-—–·\s]*\d{1,4}[-—–·\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/i;

/** The text of every page, in reading order, as lines of the report's text. */
export function layoutPages(pages: PageItems[]): string {
  const perPage = pages.map((p) => columnsOf(p).map((column) => joinWrappedRows(linesOf(column))));
  const running = runningLines(perPage.map((columns) => columns.flat()));
  const kept = perPage.flatMap((columns, i) => columns.map((lines) => ({ page: i + 1, lines: lines.filter((l) => !PAGE_NUMBER.test(l.text.trim()) && !running.has(placed(l))) })));
  return paragraphs(kept);
}

/**
 * A page's items as one column, or as two when a gutter runs down the middle of its prose. Lines
 * across the page (a site's bar, a title over both columns, a footer) stand before or after the
 * columns, where they are.
 */
export function columnsOf(page: PageItems): TextItem[][] {
  const items = page.items.filter((i) => i.text.trim());
  if (items.length < 20) return [items];
  for (let frac = 0.4; frac <= 0.6; frac += 0.02) {
    const gutter = page.width * frac;
    const across = items.filter((i) => i.x < gutter - 1 && i.x + i.width > gutter + 1);
    if (across.length > Math.max(3, items.length * 0.05)) continue;
    const left = items.filter((i) => !across.includes(i) && i.x + i.width <= gutter + 1);
    const right = items.filter((i) => !across.includes(i) && i.x >= gutter - 1);
    // Prose on a side, not only a table's short cells (a table across the page is one column):
    // a column may hold a table, but both cannot.
    if (Math.max(proseShare(left), proseShare(right)) > 0.5 && chars(left) > chars(items) * 0.25 && chars(right) > chars(items) * 0.25) {
      const top = Math.max(...left.map((i) => i.y), ...right.map((i) => i.y));
      return [across.filter((i) => i.y > top), left, right, across.filter((i) => i.y <= top)].filter((c) => c.length);
    }
  }
  return [items];
}

function chars(items: TextItem[]): number {
  return items.reduce((n, i) => n + i.text.length, 0);
}

function proseShare(items: TextItem[]): number {
  const lines = linesOf(items);
  if (!lines.length) return 0;
  return lines.filter((l) => l.text.length >= 12 && l.cells <= 1).length / lines.length;
}

/** Items on one baseline become one line; a gap of most of a character splits cells (text runs touch). */
export function linesOf(items: TextItem[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextItem[][] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0]!.y - item.y) <= Math.max(row[0]!.size, item.size) * 0.45) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const size = Math.max(...row.map((i) => i.size));
    const parts: Part[] = [];
    for (const item of row) {
      const last = parts[parts.length - 1];
      const gap = last ? item.x - last.right : Infinity;
      if (!last || gap > size * 0.8) parts.push({ text: item.text, x: item.x, right: item.x + item.width });
      else {
        // Words of Latin script keep their space; Chinese runs touch.
        if (gap > size * 0.3 && /[\x21-\x7e]$/.test(last.text) && /^[\x21-\x7e]/.test(item.text)) last.text += ' ';
        last.text += item.text;
        last.right = Math.max(last.right, item.x + item.width);
      }
    }
    for (const p of parts) p.text = p.text.replace(/ +/g, ' ').trim();
    const kept = parts.filter((p) => p.text);
    return lineOf(kept.length ? kept : parts, row[0]!.y, size);
  });
}

function lineOf(parts: Part[], y: number, size: number): Line {
  return { text: parts.map((p) => p.text).join('\t'), x: parts[0]?.x ?? 0, right: Math.max(...parts.map((p) => p.right)), y, size, cells: parts.length, parts };
}

// A cell that holds a figure: digits, with at most a unit's or a sign's characters beside them.
const FIGURE_CELL = /^(?=.*\d)[^\u3400-\u9fff]*(?:[\u3400-\u9fff][^\u3400-\u9fff]*){0,2}$/;

/**
 * A table's rows whose cells wrap onto several lines ("预期" / "性", "…老年医学科的比" / "例(%)"):
 * each line holding figures is a row, and the lines of words around it, between rows of the same
 * table, are the rest of its cells, put back by column.
 */
export function joinWrappedRows(lines: Line[]): Line[] {
  const out: Line[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.cells < 2) {
      out.push(lines[i++]!);
      continue;
    }
    // The run of a table: lines of cells, and short lines between them.
    let end = i + 1;
    while (end < lines.length && (lines[end]!.cells >= 2 || (isFragment(lines[end]!) && lines.slice(end + 1, end + 3).some((l) => l.cells >= 2)))) end++;
    out.push(...rowsOfRun(lines.slice(i, end)));
    i = end;
  }
  return out;
}

function isFragment(line: Line): boolean {
  return line.text.length <= 12;
}

function rowsOfRun(run: Line[]): Line[] {
  const anchors = run.filter((l) => l.cells >= 2 && l.parts.some((p, j) => j > 0 && FIGURE_CELL.test(p.text)) || (l.cells >= 2 && FIGURE_CELL.test(l.parts[0]!.text)));
  if (anchors.length < 2) return run;
  const columns = columnsOfRun(run);
  const cells = new Map<Line, { above: string[]; own: string[]; below: string[] }[]>();
  for (const a of anchors) cells.set(a, columns.map(() => ({ above: [], own: [], below: [] })));
  // The lines above the first row of figures are the header, wrapped: one row of their own.
  const header = run.slice(0, run.indexOf(anchors[0]!));
  if (header.length) cells.set(header[0]!, columns.map(() => ({ above: [], own: [], below: [] })));
  for (const line of run) {
    const row = cells.has(line) ? line : header.includes(line) ? header[0]! : nearest(anchors, line.y);
    const slots = cells.get(row)!;
    for (const part of line.parts) {
      const col = columnOf(columns, part);
      const slot = slots[col]!;
      if (line === row || header.includes(line)) slot.own.push(part.text);
      else if (line.y > row.y) slot.above.push(part.text);
      else slot.below.push(part.text);
    }
  }
  return [...(header.length ? [header[0]!] : []), ...anchors].map((a) => {
    const texts = cells.get(a)!.map((c) => [...c.above, ...c.own, ...c.below].join(''));
    const parts = texts.map((text, j) => ({ text, x: columns[j]!.x, right: columns[j]!.right }));
    return lineOf(parts, a.y, a.size);
  });
}

/** The columns of a table: the spans of its cells, where they overlap, merged. */
function columnsOfRun(run: Line[]): { x: number; right: number }[] {
  const spans = run.flatMap((l) => l.parts.map((p) => ({ x: p.x, right: p.right }))).sort((a, b) => a.x - b.x);
  const columns: { x: number; right: number }[] = [];
  for (const s of spans) {
    const last = columns[columns.length - 1];
    if (last && s.x < last.right) last.right = Math.max(last.right, s.right);
    else columns.push({ ...s });
  }
  return columns;
}

function columnOf(columns: { x: number; right: number }[], part: Part): number {
  const centre = (part.x + part.right) / 2;
  let best = 0;
  for (let j = 0; j < columns.length; j++) if (Math.abs((columns[j]!.x + columns[j]!.right) / 2 - centre) < Math.abs((columns[best]!.x + columns[best]!.right) / 2 - centre)) best = j;
  return best;
}

function nearest(anchors: Line[], y: number): Line {
  return anchors.reduce((best, a) => (Math.abs(a.y - y) < Math.abs(best.y - y) ? a : best));
}

/**
 * The first and last two lines of a page that recur, digits aside, at the same height on half the
 * pages or more: running headers and footers (not the title that opens page 1 and is also the header).
 */
function runningLines(pages: Line[][]): Set<string> {
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const edge = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map(placed));
    for (const s of edge) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const enough = Math.max(2, Math.ceil(pages.length * 0.5));
  return new Set([...counts].filter(([s, n]) => n >= enough && s.length >= 2).map(([s]) => s));
}

function placed(line: Line): string {
  return `${line.text.replace(/\s+/g, '').replace(/\d+/g, '#')}@${Math.round(line.y / 6)}`;
}

/**
 * Lines joined into paragraphs: a line that runs to the right margin and ends mid-sentence goes
 * on in the next, on the same page or the next one; a table row, an indented line, a short line
 * or a larger font starts a block of its own.
 */
export function paragraphs(columns: { page: number; lines: Line[] }[]): string {
  const out: string[] = [];
  let open = '';
  let openPage = 0;
  let openFull = false;
  let marked = 0;
  // Each block is preceded by its page's mark when it starts a page's text; a table that runs on
  // to the next page stays one table, and a paragraph belongs to the page it starts on.
  let inTable = false;
  const mark = (page: number) => {
    if (page !== marked) out.push(`${PAGE_MARK}${page}`);
    marked = page;
  };
  // A title wrapped over lines of a column (a line that reached the margin goes on in the next).
  let heading: { at: number; full: boolean; size: number } | undefined;
  const body = bodySize(columns.flatMap((c) => c.lines));
  for (const { page: pageNo, lines } of columns) {
    if (!lines.length) continue;
    // Margins are the column's own: a line of a narrow column that reaches its edge goes on.
    const left = Math.min(...lines.filter((l) => l.cells === 1).map((l) => l.x), Infinity);
    const right = Math.max(...lines.filter((l) => l.cells === 1).map((l) => l.right), -Infinity);
    for (const line of lines) {
      const row = line.cells > 1;
      const big = !row && line.size > body * 1.15 && line.text.length <= 40;
      const indented = line.x > left + line.size * 1.5;
      const full = line.right >= right - line.size * 2;
      if (big && heading?.full && Math.abs(heading.size - line.size) < 0.5 && !open) {
        out[heading.at] += line.text;
        heading = { at: heading.at, full, size: line.size };
        continue;
      }
      heading = undefined;
      if (open && (row || big || indented || !openFull)) {
        mark(openPage);
        out.push(open);
        open = '';
      }
      if (row) {
        if (!inTable) mark(pageNo);
        out.push(line.text);
        inTable = true;
        continue;
      }
      inTable = false;
      if (big) {
        mark(pageNo);
        out.push('', `# ${line.text}`, '');
        heading = { at: out.length - 2, full, size: line.size };
        continue;
      }
      if (!open) openPage = pageNo;
      open += line.text;
      openFull = full && !END_OF_SENTENCE.test(line.text);
    }
  }
  if (open) {
    mark(openPage);
    out.push(open);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The size most of the text is set in. */
function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(Math.round(l.size), (weight.get(Math.round(l.size)) ?? 0) + l.text.length);
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
}
