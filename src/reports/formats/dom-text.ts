// A document's DOM (a web page's article, a Word file as mammoth renders it) as the plain text the
// report pipeline reads: one block a line, headings marked "# ", a table's rows as cells split by
// tabs, so a table in any format becomes the same rows a text table does.

/** The little of the DOM this reads; linkedom's nodes provide it. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM', 'BUTTON', 'SELECT', 'IFRAME', 'OBJECT', 'HEAD']);
const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'CENTER', 'FIGURE', 'FIGCAPTION', 'CAPTION', 'BODY', 'TR', 'HR', 'ADDRESS']);
const HEADINGS = /^H[1-6]$/;
// A table wider or longer than this is no table of a report; its text is read as lines.
const MAX_COLUMNS = 40;
const MAX_ROWS = 5000;

export interface DomText {
  text: string;
  tables: number;
}

/** The text of a DOM subtree, blocks on lines of their own, tables as tab-separated rows. */
export function domText(root: DomNode): DomText {
  const lines: string[] = [];
  let current = '';
  let tables = 0;
  const flush = () => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIPPED.has(tag)) return;
    if (tag === 'BR') return flush();
    if (tag === 'TABLE') {
      flush();
      // <caption>表1　…（单位：个、%）</caption>: the table's caption stands above it, as in a printed report.
      const caption = Array.from(node.childNodes).find((c) => c.nodeName.toUpperCase() === 'CAPTION')?.textContent?.replace(/\s+/g, ' ').trim();
      if (caption) lines.push('', caption);
      const rows = tableRows(node);
      if (rows.length && rows.length <= MAX_ROWS && rows.every((r) => r.length <= MAX_COLUMNS)) {
        tables++;
        lines.push('', ...rows.map((r) => r.join('\t')), '');
      } else for (const r of rows) lines.push(r.join(' '));
      return;
    }
    const heading = HEADINGS.test(tag);
    if (heading || BLOCKS.has(tag)) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (heading) {
      const text = current.replace(/\s+/g, ' ').trim();
      current = '';
      if (text) lines.push('', `# ${text}`, '');
    } else if (BLOCKS.has(tag)) flush();
  };
  walk(root);
  flush();
  return { text: lines.join('\n').replace(/\n{3,}/g, '\n\n').trim(), tables };
}

/** A table's rows as cells, a merged cell's text repeated over the cells it covers. */
export function tableRows(table: DomNode): string[][] {
  const rows: string[][] = [];
  // Cells a rowspan carries down: column → [text, rows still to fill].
  const carried = new Map<number, { text: string; left: number }>();
  for (const tr of rowsOf(table)) {
    const row: string[] = [];
    let col = 0;
    const fillCarried = () => {
      let c = carried.get(col);
      while (c) {
        row.push(c.text);
        if (--c.left === 0) carried.delete(col);
        col++;
        c = carried.get(col);
      }
    };
    for (const cell of Array.from(tr.childNodes)) {
      const tag = cell.nodeName.toUpperCase();
      if (tag !== 'TD' && tag !== 'TH') continue;
      fillCarried();
      const text = cellText(cell);
      const span = clampSpan(cell.getAttribute?.('colspan'));
      const down = clampSpan(cell.getAttribute?.('rowspan'));
      for (let k = 0; k < span; k++) {
        row.push(text);
        if (down > 1) carried.set(col, { text, left: down - 1 });
        col++;
      }
    }
    fillCarried();
    if (row.some((c) => c)) rows.push(row);
  }
  return rows;
}

function rowsOf(table: DomNode): DomNode[] {
  const out: DomNode[] = [];
  for (const child of Array.from(table.childNodes)) {
    const tag = child.nodeName.toUpperCase();
    if (tag === 'TR') out.push(child);
    else if (tag === 'THEAD' || tag === 'TBODY' || tag === 'TFOOT') out.push(...rowsOf(child));
  }
  return out;
}

function cellText(cell: DomNode): string {
  // A cell's own lines (a <br>, the <p>s of a Word cell) read as one line, spaced.
  const parts: string[] = [];
  const walk = (n: DomNode): void => {
    if (n.nodeType === 3) {
      parts.push(n.textContent ?? '');
      return;
    }
    const tag = n.nodeName.toUpperCase();
    if (SKIPPED.has(tag)) return;
    const block = tag === 'BR' || BLOCKS.has(tag) || tag === 'TD' || tag === 'TH';
    if (block) parts.push(' ');
    for (const c of Array.from(n.childNodes)) walk(c);
    if (block) parts.push(' ');
  };
  for (const c of Array.from(cell.childNodes)) walk(c);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function clampSpan(value: string | null | undefined): number {
  const n = Number(value ?? 1);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_COLUMNS) : 1;
}
