import { cut } from '../text/segment.js';
import { UNIT_PATTERN } from '../extract/units.js';
import { normalizeText } from '../text/normalize.js';
import { CELL, isNumericCell, markTableRows, namesColumn, PERIOD_CELL } from './tables.js';
import { dropBoilerplate, PAGE_BREAK } from './boilerplate.js';
import { joinPostItems } from './post-lines.js';

export type BlockKind = 'heading' | 'paragraph' | 'table';

export interface Block {
  kind: BlockKind;
  /** A table's text is its rows, one a line, cells apart by " | ". */
  text: string;
  /** A table's rows of cells, header first when it has one. */
  rows?: string[][];
  /** The page it starts on, in a PDF. */
  page?: number;
}

/** A line of its own before the blocks of a PDF's page n: `${PAGE_MARK}n`. Not text of the report. */
export const PAGE_MARK = PAGE_BREAK;
const PAGE_LINE = /^\uE000page (\d{1,5})$/;

const SENTENCE_END = /[。!?！？…]$/;
const CAPTION_MARK = /(资料照片|资料图片|供图|摄影?|图片来源[^\s]*|\(图\)|（图）)$/;

/**
 * Turns a raw report into headings and paragraphs: normalized forms, OCR spaces removed where
 * they split a word, paragraphs broken by page breaks joined again, and image captions dropped.
 */
export function cleanReport(raw: string): Block[] {
  const asWritten = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const rawLines = asWritten.map((l) => l.normalize('NFKC'));
  // (A table aligned with spaces is aligned as written: NFKC makes （ and 　 narrow.)
  const written = new Map(rawLines.map((l, i) => [l, asWritten[i]!]));
  const lines = normalizeText(markTableRows(joinPostItems(dropBoilerplate(rawLines)), (l) => written.get(l) ?? l).join('\n')).split('\n');
  const blocks: RawBlock[] = [];
  let blank = 0;
  let page: number | undefined;
  for (const rawLine of lines) {
    const line = rawLine.trim();
    const marked = PAGE_LINE.exec(line);
    if (marked) {
      page = Number(marked[1]);
      continue;
    }
    const on = page ? { page } : {};
    if (!line) {
      blank++;
      if (blocks.length) blocks[blocks.length - 1]!.blankAfter++;
      continue;
    }
    if (line.includes(CELL)) {
      const cells = line.split(CELL).map((c) => c.trim());
      const prev = blocks[blocks.length - 1];
      if (prev?.kind === 'table' && blank === 0) {
        prev.rows!.push(cells);
        prev.text += '\n' + cells.join(' | ');
      } else blocks.push({ kind: 'table', raw: line, text: cells.join(' | '), rows: [cells], blankBefore: blank, blankAfter: 0, ...on });
      blank = 0;
      continue;
    }
    // A markdown rule (---, ***) is no text.
    if (/^(?:[-*_]\s*){3,}$/.test(line)) continue;
    const md = /^#{1,6}\s+(.*)$/.exec(line);
    // **表2　…**（单位：…）: markdown's emphasis marks are no text either.
    const body = (md ? md[1]! : line).replace(EMPHASIS, (_, a: string | undefined, b: string | undefined) => a ?? b ?? '');
    blocks.push({ kind: md ? 'heading' : 'paragraph', raw: body, text: fixSpaces(body), blankBefore: blank, blankAfter: 0, ...on });
    blank = 0;
  }
  const last = blocks[blocks.length - 1];
  if (last) last.blankAfter = Infinity;

  const kept = blocks.filter((b) => b.kind === 'table' || !isCaption(b));
  for (const b of kept) {
    if (b.kind === 'table') {
      stackedHeaderIntoOne(b);
      unitRowIntoHeader(b);
    }
    if (b.kind === 'paragraph' && looksLikeHeading(b.raw)) b.kind = 'heading';
    // A title's spaces separate its phrases ("深化改革 克难攻坚"); they are not OCR noise.
    if (b.kind === 'heading') b.text = b.raw.replace(/\s+/g, ' ');
  }
  return joinBrokenParagraphs(joinContinuedTables(kept));
}

const RELATIVE_PERIOD = /^(?:上年|去年|上一年)(?:同期)?$/;
// （张）, (万人次): one column's unit, in brackets.
const UNIT_BRACKET = '[(（][^()（）]{1,8}[)）]';
const ONE_UNIT = new RegExp(`^${UNIT_BRACKET}$`);
// 2023年目标, 2023年实际: a year with the status of its figures.
const YEAR_STATUS = /^(?:19|20)\d{2}年(?:目标|实际|计划|预计|完成|任务)值?$/;
const ONE_UNIT_END = new RegExp(`${UNIT_BRACKET}\\s*$`);
const BARE_UNIT = new RegExp(`^(?:万|千|百|亿)?(?:${UNIT_PATTERN})$`);
const NAMES_ONLY = (row: readonly string[]) => row.every(namesColumn);

/**
 * 科室 | 自体输血率(%) spread over two columns, then 2022年 | 2023年 under it: a header written on
 * two lines (a merged cell above, its columns below) is one header, 2022年自体输血率(%) |
 * 2023年自体输血率(%). Only where the line below names columns a merged cell above spans (the same
 * text again, or empty after its first column), and the first row under them holds figures.
 */
function stackedHeaderIntoOne(b: RawBlock): void {
  const [top, written, first] = b.rows ?? [];
  if (!top || !written || !first || top.length !== written.length || top.length < 3 || !NAMES_ONLY(top) || !NAMES_ONLY(written)) return;
  if (!first.slice(1).some(isNumericCell) || (written[0] !== '' && written[0] !== top[0])) return;
  // (万人次 | 人次 | 天, a line of units without brackets, rowspan's second line: units, no names;
  // 人次 | 同比 under 门诊(万人次), a column with its unit, names the parts of that column.)
  const unitOver = (j: number) => ONE_UNIT_END.test(top.slice(0, j + 1).reverse().find((t) => t) ?? '');
  const sub = written.map((c, j) => (BARE_UNIT.test(c.trim()) && !unitOver(j) ? `（${c.trim()}）` : c));
  // The group each column stands under: its own top cell, or the one before it that an empty top continues.
  const group: string[] = [];
  const unit = ONE_UNIT_END;
  // (Not a year beside a column of its own unit, 2022年 beside 开放床位's （张）: a group of years spans
  // years; 门诊人次 over （万人次） | 上年同期 spans its 上年同期.)
  const yearBesideUnit = (j: number) => PERIOD_CELL.test(sub[j]!.replace(/\s+/g, '')) && ONE_UNIT.test(sub[j - 1]!.trim());
  top.forEach((t, j) => group.push(t || (j > 1 && sub[j] && sub[j - 1] && !yearBesideUnit(j) ? group[j - 1]! : '')));
  const spans = (j: number) => !!group[j] && (group[j - 1] === group[j] || group[j + 1] === group[j]);
  const under = sub.map((s, j) => !!s && s !== top[j]);
  // (A column's own unit, （张）, or its year, 2023年, may stand under a column no merged cell spans;
  // so may the rest of a name wrapped over two lines, 其中高级 over 职称（人）, when the top has no unit.)
  const ownNote = (c: string, j: number) => ONE_UNIT.test(c.trim()) || PERIOD_CELL.test(c.replace(/\s+/g, '')) || (!unit.test(top[j]!) && c.trim().length <= 10);
  if (!under.some(Boolean) || under.some((u, j) => u && !spans(j) && !!top[j] && !ownNote(sub[j]!, j))) return;
  const merged = group.map((g, j) => {
    const s = sub[j]!.trim();
    if (!under[j] || !g) return g || s;
    // (2022年, 上年同期: a period goes before its group's name, 上年同期出院人次.)
    // (2023年目标 too: 2023年目标重点人群签约率, the year and status before the measure, as a column says them.)
    if (PERIOD_CELL.test(s.replace(/\s+/g, '')) || RELATIVE_PERIOD.test(s) || YEAR_STATUS.test(s)) return `${s}${g}`;
    // (门诊(万人次) over 人次 | 同比: the group's unit stays at the end, where a column's unit is read.)
    const u = unit.exec(g)?.[0] ?? '';
    return unit.test(s) ? `${g.replace(unit, '')}${s}` : `${g.replace(unit, '')}${s}${u}`;
  });
  b.rows = [merged, ...b.rows!.slice(2)];
  b.text = b.rows.map((r) => r.join(' | ')).join('\n');
}

const FIGURE_CELL = /^[-—\d.,%]+$/;
// (人次), （万人次）: one column's unit, in brackets.
const UNIT_CELL = new RegExp(UNIT_BRACKET, 'g');

/**
 * 门诊人次 | 门诊同比 over a second header line of units, (万人次) (%): each unit goes with its column.
 * A row of as many cells as the header keeps each unit under its own column (empty cells have none);
 * a shorter one, whose empty cells a text table drops, stands under the last columns (the first
 * ones, names, have none).
 */
function unitRowIntoHeader(b: RawBlock): void {
  const [header, units] = b.rows ?? [];
  if (!header || !units || !units.every((c) => c.replace(UNIT_CELL, '').trim() === '')) return;
  const each = units.flatMap((c) => c.match(UNIT_CELL) ?? []);
  if (!each.length) return;
  const aligned = units.length === header.length && units.every((c) => (c.match(UNIT_CELL) ?? []).length <= 1);
  // (Shorter, its empty cells dropped: one unit for each of the figures that end the first row, the
  // last columns; 门诊人次 | 同比 | 位次 whose last three are figures but two units says no more
  // which is whose, nor does a row ending on words, 评价等次.)
  const first = b.rows![2] ?? [];
  const figures = first.length - 1 - first.map((c) => FIGURE_CELL.test(c.trim())).lastIndexOf(false);
  if (!aligned && (each.length !== figures || figures >= header.length || units.some((c) => !c.trim()))) return;
  const from = header.length - each.length;
  const named = header.map((h, i) => (aligned ? `${h}${units[i]!.trim()}` : i >= from ? `${h}${each[i - from]}` : h));
  b.rows = [named, ...b.rows!.slice(2)];
  b.text = b.rows.map((r) => r.join(' | ')).join('\n');
}

// 续表, 续表1　…, 表1（续）: the caption of a table carried over to the next page.
const CONTINUED = /^(?:[(（]?续表\s*\d*[)）]?|表\s*\d+\s*[(（]续[)）])(?:\s|$)/;

/** A table carried over a page break, its header printed again: one table. */
function joinContinuedTables(blocks: RawBlock[]): RawBlock[] {
  const out: RawBlock[] = [];
  for (const b of blocks) {
    const between = out.at(-1) && CONTINUED.test(out.at(-1)!.text.trim()) && out.at(-1)!.kind !== 'table' ? out.at(-2) : undefined;
    const prev = between ?? out.at(-1);
    // Over a page break (a new page's number before it) or under a 续表 caption only: two tables of
    // one page that share a header are two tables.
    if (b.kind === 'table' && prev?.kind === 'table' && (between || prev.page !== b.page) && sameRow(prev.rows![0], b.rows![0])) {
      if (between) out.pop();
      prev.rows!.push(...b.rows!.slice(1));
      const more = b.rows!.slice(1).map((r) => r.join(' | ')).join('\n');
      prev.text += '\n' + more;
      prev.raw += '\n' + more;
      continue;
    }
    out.push(b);
  }
  return out;
}

function sameRow(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.length >= 2 && a.every((c, i) => c === b[i]) && !a.slice(1).some((c) => /^[\d.,%\-—]+$/.test(c));
}

interface RawBlock extends Block {
  raw: string;
  blankBefore: number;
  blankAfter: number;
}

const EMPHASIS = /\*\*(.+?)\*\*|__(.+?)__/g;

function isCaption(b: RawBlock): boolean {
  // (表1　2019—2024年主要指标: a table's caption, never a photo's.)
  if (b.kind === 'heading' || /^(?:续)?表\s*\d+/.test(b.raw)) return false;
  if (CAPTION_MARK.test(b.text)) return true;
  // A short line with no punctuation standing alone between wide gaps is a photo caption.
  // The end of the file is no gap: a letter's closing date stands there.
  const after = b.blankAfter === Infinity ? 0 : b.blankAfter;
  return b.raw.length <= 40 && !/[,，。;；:：!?]/.test(b.raw) && (b.blankBefore >= 3 || after >= 3 || (b.blankBefore >= 2 && after >= 2));
}

/** The kinds of document a title ends on (…的通报, …发言摘要, …上的讲话), as alternatives of a pattern. */
export const DOCUMENT_KINDS = '通报|通知|报告|公报|简报|总结|纪要|摘要|实录|上的讲话|规划|方案|白皮书|答复|汇报|月报|年报|快报';
// 某省卫生健康委员会关于…考核结果的通报: a document's title names its kind at its end.
const TITLE_END = new RegExp(`(?:${DOCUMENT_KINDS}|意见|决定|办法|函)$`);

function looksLikeHeading(raw: string): boolean {
  // A title stands alone, however long, and no sentence goes on into the next paragraph from it.
  if (raw.length <= 80 && TITLE_END.test(raw.trim()) && !/[,，。;；:：!?！？]/.test(raw)) return true;
  // "联系电话:1234567", "签发人:某某": label lines of a letterhead stand alone.
  // (用药相关事件：298例； is an item of a list, which goes on past its ；.)
  if (/^[\u3400-\u9fff]{2,6}[:：]/.test(raw) && raw.length <= 40 && !/[。!?]/.test(raw) && !/[;；,，]$/.test(raw.trim())) return true;
  // "一、加大基础设施设备的投入力度": a numbered section title.
  const body = raw.replace(/^([一二三四五六七八九十]+|\d{1,2})[、.．]\s*/, '');
  // "居前3位的病种依次为:流行" (a line cut by a column break): words after a colon go on a sentence,
  // unless the line is numbered as a section (三、附:…).
  if (body.length > 32 || /[,，。;；!?]/.test(body) || (body === raw && /[:：]\s*[^\s:：]/.test(body)) || SENTENCE_END.test(body)) return false;
  // "五、胸痛、卒中绿色通道建设情况": a section title may list things; a list item with figures may not.
  // (分县（市、区）情况: a list inside brackets is part of a name.)
  return !/、/.test(body.replace(/[(（][^()（）]*[)）]/g, '')) || (/^[一二三四五六七八九十]+、/.test(raw) && !/\d/.test(body));
}

// （一）…, 一、…, 1.…: a short numbered line with no figure and no sentence's end is a section's title.
// (Not one cut at a page's end before its figure: （一）…机构总数达到 goes on in the next paragraph.)
const NUMBERED_TITLE = /^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])[^。；;!?！？\d]{2,38}(?<!达到|为|是|有|共|计|到|至|约|近|超过|[,，、])$/;
// 注射用某药，386.4万元: a list item that is a name and its figure.
const FIGURE_ITEM = /^[^。；;!?！？]{1,40}[,，:：]\s*[<>≥≤约近]?\d[\d,.]*\s*[%‰\u3400-\u9fff]{0,4}$/;

/**
 * A paragraph that stops mid-sentence goes on in the next paragraph (a page or column break),
 * even when headings of the page layout stand between the two halves.
 */
function joinBrokenParagraphs(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = plainBlock(blocks[i]!);
    out.push(b);
    if (b.kind !== 'paragraph') continue;
    while (!endsSentence(b.text)) {
      let j = i + 1;
      while (j < blocks.length && j <= i + 3 && blocks[j]!.kind === 'heading') j++;
      const next = blocks[j];
      // (表2　…, （单位：人）: a table's caption or unit line goes on no sentence.)
      if (!next || next.kind !== 'paragraph' || /^(?:续)?表\s*\d+|^[(（]?单位[:：]/.test(next.text.trim())) break;
      // (注射用某药，386.4万元 over 人血白蛋白，318.5万元: items of a list, each a name and its figure, are no broken sentence.)
      if (FIGURE_ITEM.test(b.text.trim()) && FIGURE_ITEM.test(next.text.trim())) break;
      // (（一）医保基金运行总体平稳，三地均实现结余: a numbered title of its own, not a broken sentence.)
      if (NUMBERED_TITLE.test(b.text.trim())) break;
      b.text = fixSpaces(b.text + next.text);
      for (let k = i + 1; k < j; k++) out.push(plainBlock(blocks[k]!));
      blocks = [...blocks.slice(0, i + 1), ...blocks.slice(j + 1)];
    }
  }
  return out;
}

function plainBlock(b: Block): Block {
  return { kind: b.kind, text: b.text, ...(b.rows ? { rows: b.rows } : {}), ...(b.page ? { page: b.page } : {}) };
}

const FILE_NUMBER = /^[\u3400-\u9fff]{1,8}[〔\[［(（](?:19|20)\d{2}[〕\]］)）]\s*\d{1,4}\s*号(?:[,，\s]*签发人[:：].*)?$/;
// 某科　编　2024年10月20日, 2024年6月18日: a short line that ends on a date, nothing running up to it.
// (No sentence runs up to it: the date follows no 截至, 于, 为 … that would make it a clause's.)
const DATELINE = /^[^。;；!?！？]{0,40}?(?<!截至|截止|自|从|为|是|到|至|于|在)(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$/;

function endsSentence(text: string): boolean {
  // (…编　2024年10月20日: a line that ends on a full date is a dateline, whole as it is.)
  // (某卫健发〔2024〕15号　签发人：…: a letterhead's file-number line stands alone.)
  // (（2024年4月18日，根据录音整理）: a note wholly in brackets stands alone.)
  return /[。!?！？…]["”’)）]?$/.test(text) || /[:：]$/.test(text) || /^[(（][^()（）]*[)）]$/.test(text) || DATELINE.test(text) || FILE_NUMBER.test(text);
}

/**
 * OCR leaves spaces inside words ("医共体建 设") and in place of lost punctuation ("防线 疛住了").
 * A space touching a digit or unit goes; a space between Chinese characters goes when jieba reads
 * a word across it, and otherwise becomes a comma, so clauses stay apart.
 */
export function fixSpaces(text: string): string {
  let out = text.replace(/(?<=[\d.])\s+(?=[\u3400-\u9fff%])/g, '').replace(/(?<=[\u3400-\u9fff(（])\s+(?=\d)/g, '');
  out = out.replace(/\s*([,，。;；:：、!?！？)）])\s*/g, '$1').replace(/([(（“])\s+/g, '$1').replace(/\s+([”])/g, '$1');
  return out.replace(/(?<=[\u3400-\u9fff”])\s+(?=[\u3400-\u9fff“])/g, (_m, offset: number, whole: string) => {
    const left = whole.slice(Math.max(0, offset - 4), offset);
    const rightStart = offset + _m.length;
    const right = whole.slice(rightStart, rightStart + 4);
    return spansWord(left, right) ? '' : ',';
  });
}

function spansWord(left: string, right: string): boolean {
  const l = left.replace(/[^\u3400-\u9fff]/g, '');
  const r = right.replace(/[^\u3400-\u9fff]/g, '');
  if (!l || !r) return false;
  let pos = 0;
  for (const w of cut(l + r)) {
    const start = pos;
    pos += w.length;
    if (start < l.length && pos > l.length && w.length >= 2) return true;
  }
  return false;
}
