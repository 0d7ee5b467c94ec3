/**
 * Social-media posts (公众号 "数说2024") set one figure a line: a bulleted label, its figure in
 * 【】 on the next line, an arrow and its change on the line after. Read as written, each piece
 * is a short heading and no figure has a measure. This joins each label with its figure and
 * change into one sentence, and writes the arrows and brackets as words and figures.
 */

// ● 全县总诊疗量, ■ …, ◆ …: a list item's mark.
const BULLET = /^\s*[●•■◆▶◉○★☆▪►◎]\s*/;
// 【186.4万人次】 alone on its line, or a figure with its unit.
const FIGURE_ONLY = /^\s*(?:【[^】]{1,24}】|[<>≥≤约近]?\d[\d,.]*\s*[%‰\u3400-\u9fff]{1,4})\s*$/;
// 📈 同比↑5.2%, ▲ 同比增长6.8%, ↑ 较上年提高1.6个百分点: the change said of the figure above.
const CHANGE_LINE = /^\s*(?:[📈📉▲▼↑↓⬆⬇△▽]|同比|环比|较上年|比上年|较去年|比去年)/u;
const UP = /[📈▲↑⬆△]/u;
const DOWN = /[📉▼↓⬇▽]/u;
// An arrow before a figure says which way it went; one before words only marks the line.
const UP_BEFORE_FIGURE = new RegExp(`${UP.source}\\s*(?=\\d)`, 'gu');
const DOWN_BEFORE_FIGURE = new RegExp(`${DOWN.source}\\s*(?=\\d)`, 'gu');
const ARROW = new RegExp(`(?:${UP.source}|${DOWN.source})\\s*`, 'gu');
// A figure in 【】: its brackets only mark it out.
const BRACKETED_FIGURE = /【([^】]*\d[^】]*)】/g;
const PICTOGRAPH = /\p{Extended_Pictographic}\uFE0F?/gu;
// How far a label's figure and change may stand below it, blank lines aside.
const PIECES = 2;

/** The lines of a report with each bulleted label joined to its figure and change lines below. */
export function joinPostItems(lines: readonly string[]): string[] {
  // A post marks its figures out: two or more in 【】, with a bulleted label (a page number is no figure).
  if (!lines.some((l) => BULLET.test(l)) || lines.filter((l) => /【[^】]*\d[^】]*】/.test(l)).length < 2) return [...lines];
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!BULLET.test(line) && !(/【[^】]*\d[^】]*】/.test(line) && line.length <= 40)) {
      // (一起来看👇: a post's line of prose is a sentence of its own, never one the next line goes on.)
      // (01丨看病就医更方便了: a section's title stays one.)
      const prose = line.replace(PICTOGRAPH, '').trimEnd();
      const title = i === 0 || /^\s*(?:\d{1,2}\s*[丨|｜]|[一二三四五六七八九十]+、)/.test(prose);
      out.push(prose && !title && !/[。!?！？:：,，;；、]$/.test(prose) ? `${prose}。` : prose);
      continue;
    }
    let item = line.replace(BULLET, '').trim();
    let j = i + 1;
    for (let taken = 0; taken < PIECES; taken++) {
      let k = j;
      while (k < lines.length && !lines[k]!.trim()) k++;
      const next = lines[k];
      if (next === undefined || BULLET.test(next) || !(FIGURE_ONLY.test(next) || CHANGE_LINE.test(next))) break;
      item += `${FIGURE_ONLY.test(next) && !/\d$/.test(item) ? '' : '，'}${next.trim()}`;
      j = k + 1;
    }
    out.push(asSentence(item));
    i = j - 1;
  }
  return out;
}

/** 同比↑5.2% → 同比增长5.2%; 【7.6天】 → 7.6天; emoji dropped; ended as a sentence. */
function asSentence(item: string): string {
  const worded = item
    .replace(UP_BEFORE_FIGURE, '增长')
    .replace(DOWN_BEFORE_FIGURE, '下降')
    .replace(ARROW, '')
    .replace(BRACKETED_FIGURE, '$1')
    .replace(PICTOGRAPH, '')
    .replace(/\s+/g, ' ')
    .trim();
  return /[。!?！？]$/.test(worded) ? worded : `${worded}。`;
}
