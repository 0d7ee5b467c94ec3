import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { domText, type DomNode } from '../src/reports/formats/dom-text.js';
import { decodeHtml, readHtml } from '../src/reports/formats/html.js';
import { joinOcrLines } from '../src/reports/formats/ocr.js';
import { PAGE_MARK } from '../src/reports/clean.js';
import { columnsOf, joinWrappedRows, layoutPages as layoutWithMarks, linesOf, type PageItems, type TextItem } from '../src/reports/formats/pdf-layout.js';

// Text items as pdf.js gives them: a run of text, its left edge, its baseline (from the bottom).
const SIZE = 10;
const run = (text: string, x: number, y: number): TextItem => ({ text, x, y, width: text.length * SIZE, size: SIZE });
const page = (items: TextItem[], width = 600, height = 800): PageItems => ({ width, height, items });
// The text without its page marks, for what is read; the marks have a test of their own.
const layoutPages = (pages: PageItems[]) => layoutWithMarks(pages).split('\n').filter((l) => !l.startsWith(PAGE_MARK)).join('\n');
const body = (html: string) => parseHTML(`<html><body>${html}</body></html>`).document.body as unknown as DomNode;

describe('a PDF page\'s items become lines, cells and paragraphs', () => {
  it.each([
    ['runs that touch are one line', [run('全市床位', 50, 700), run('32156张', 90, 700)], ['全市床位32156张']],
    ['a wide gap splits cells', [run('床位数', 50, 700), run('32156', 200, 700), run('30860', 300, 700)], ['床位数\t32156\t30860']],
    ['a baseline a little off is the same line', [run('门诊', 50, 700), run('量', 70, 702)], ['门诊量']],
    ['lines run top to bottom', [run('第二行', 50, 680), run('第一行', 50, 700)], ['第一行', '第二行']],
    ['Latin words keep their space', [run('COVID', 50, 700), run('19', 104, 700)], ['COVID 19']],
  ] as [string, TextItem[], string[]][])('%s', (_n, items, want) => expect(linesOf(items).map((l) => l.text)).toEqual(want));

  it('joins a paragraph across lines and pages, and breaks it at a sentence end, an indent or a table row', () => {
    const p1 = page([run('　　全市共有医疗卫生机构一千二百八十六个，其中医院九十六个，基层医疗', 50, 700), run('卫生机构一千一百五十二个，专业公共卫生机构三十一个，比上年增加二十三', 50, 685)]);
    const p2 = page([run('个。床位三万二千张。', 50, 700), run('　　卫生技术人员四万五千二百人。', 70, 685), run('指标', 50, 660), run('2024年', 300, 660), run('床位数', 50, 645), run('32156', 300, 645)]);
    expect(layoutPages([p1, p2]).split('\n')).toEqual([
      '全市共有医疗卫生机构一千二百八十六个，其中医院九十六个，基层医疗卫生机构一千一百五十二个，专业公共卫生机构三十一个，比上年增加二十三个。床位三万二千张。',
      '卫生技术人员四万五千二百人。',
      '指标\t2024年',
      '床位数\t32156',
    ]);
  });

  it('drops running headers, footers and page numbers, keeping the title that opens page one', () => {
    const pages = ['甲', '乙', '丙'].map((part, i) => [i + 1, part] as const).map(([n, part]) =>
      page([
        run('某市卫生健康统计公报', 200, 780),
        ...(n === 1 ? [run('某市卫生健康统计公报', 150, 720)] : []),
        run(`${part}部分的正文，写满一行也不会被当作页眉页脚。`, 50, 600),
        run(`第 ${n} 页 共 3 页`, 250, 30),
      ]),
    );
    const text = layoutPages(pages);
    expect(text.match(/某市卫生健康统计公报/g)).toHaveLength(1);
    expect(text).not.toMatch(/共 3 页/);
    expect(text).toMatch(/丙部分的正文/);
  });

  it.each([
    ['- 3 -'],
    ['3/12'],
    ['第 3 页'],
    ['Page 3 of 12'],
  ])('a page number alone on its line (%s) is dropped', (footer) => {
    const pages = [page([run('正文一句。', 50, 600), run(footer, 280, 30)])];
    expect(layoutPages(pages)).toBe('正文一句。');
  });

  it('reads a two-column page column by column, but a table across the page as rows', () => {
    const left = Array.from({ length: 12 }, (_, i) => run(`左栏第${String(i + 1).padStart(2, '0')}行的文字写得足够长了`, 40, 700 - i * 15));
    const right = Array.from({ length: 12 }, (_, i) => run(`右栏第${String(i + 1).padStart(2, '0')}行的文字写得足够长了`, 320, 700 - i * 15));
    const [first, second] = columnsOf(page([...left, ...right]));
    expect(first!.every((i) => i.text.startsWith('左栏'))).toBe(true);
    expect(second!.every((i) => i.text.startsWith('右栏'))).toBe(true);
    const table = Array.from({ length: 12 }, (_, i) => [run(`区${i}`, 40, 700 - i * 15), run(String(100 + i), 320, 700 - i * 15)]).flat();
    expect(columnsOf(page(table))).toHaveLength(1);
    // A bar across the top and a title over both columns stand before them.
    const [bar, l, r] = columnsOf(page([run('首页 | 政务公开 | 新闻中心 | 办事服务 | 互动交流', 40, 760), ...left, ...right]));
    expect(bar!.map((i) => i.text)).toEqual(['首页 | 政务公开 | 新闻中心 | 办事服务 | 互动交流']);
    expect([l!.length, r!.length]).toEqual([12, 12]);
  });

  it('puts a table row\'s wrapped cells back together, the header too', () => {
    const lines = linesOf([
      run('2020', 200, 700), run('2025年目', 300, 700),
      run('指标名称', 50, 690), run('属性', 400, 690),
      run('年', 200, 680), run('标', 300, 680),
      run('预期', 400, 660),
      run('人均预期寿命(岁)', 50, 650), run('77.46', 200, 650), run('78.8', 300, 650),
      run('性', 400, 640),
      run('设置老年医学科的比', 50, 620), run('预期', 400, 620),
      run('41.2', 200, 610), run('≥60', 300, 610),
      run('例(%)', 50, 600), run('性', 400, 600),
    ]);
    expect(joinWrappedRows(lines).map((l) => l.text)).toEqual([
      '指标名称\t2020年\t2025年目标\t属性',
      '人均预期寿命(岁)\t77.46\t78.8\t预期性',
      '设置老年医学科的比例(%)\t41.2\t≥60\t预期性',
    ]);
  });

  it('marks where each page\'s text starts: a paragraph belongs to its first page, a table running on stays one', () => {
    const p1 = page([run('第一页的段落写到页末还没有结束，这一行一直写到右边的页边', 50, 700), run('指标', 50, 600), run('2024年', 300, 600), run('床位数', 50, 585), run('32156', 300, 585)], 600);
    const p2 = page([run('医生数', 50, 700), run('12345', 300, 700), run('第二页的新段落。', 50, 680)], 600);
    expect(layoutWithMarks([p1, p2]).split('\n')).toEqual([
      `${PAGE_MARK}1`, '第一页的段落写到页末还没有结束，这一行一直写到右边的页边', '指标\t2024年', '床位数\t32156', '医生数\t12345', `${PAGE_MARK}2`, '第二页的新段落。',
    ]);
  });

  it.each([
    ['no pages', []],
    ['pages without text', [page([]), page([run('   ', 50, 50)])]],
  ] as [string, PageItems[]][])('reads %s as no text', (_n, pages) => expect(layoutPages(pages)).toBe(''));

  it('reads a page of ten thousand runs on one baseline in bounded time', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => run('数', i * SIZE, 500));
    expect(layoutPages([page(items, 200_000)]).length).toBe(10_000);
  });
});

describe('a web page or a Word file\'s DOM becomes the text of a report', () => {
  it('keeps headings, paragraphs and lists on lines of their own', () => {
    expect(domText(body('<h2>一、总体情况</h2><p>全市床位<b>32156</b>张。</p><ul><li>医院96个</li><li>卫生院52个</li></ul>')).text.split('\n')).toEqual([
      '# 一、总体情况', '', '全市床位32156张。', '医院96个', '卫生院52个',
    ]);
  });

  it('reads a table as tab-separated rows, merged cells repeated over what they cover', () => {
    const { text, tables } = domText(body(`<table>
      <tr><th rowspan="2">地区</th><th colspan="2">床位(张)</th></tr>
      <tr><th>2024年</th><th>2023年</th></tr>
      <tr><td>甲区</td><td>1200</td><td>1100</td></tr>
      <tr><td>乙区</td><td>800<br>(含托管)</td></tr>
    </table>`));
    expect(tables).toBe(1);
    expect(text.split('\n')).toEqual(['地区\t床位(张)\t床位(张)', '地区\t2024年\t2023年', '甲区\t1200\t1100', '乙区\t800 (含托管)']);
  });

  it('leaves out scripts, styles, navigation and footers', () => {
    expect(domText(body('<nav>首页 | 新闻</nav><script>var a = "床位";</script><style>p{}</style><p>正文。</p><footer>版权所有</footer>')).text).toBe('正文。');
  });

  it('reads an absurd span or a huge table as text, not as cells', () => {
    expect(domText(body('<table><tr><td colspan="99999">甲</td></tr></table>')).tables).toBe(1);
    const wide = `<table><tr>${'<td>1</td>'.repeat(100)}</tr></table>`;
    expect(domText(body(wide))).toMatchObject({ tables: 0 });
  });

  it('decodes a GBK page by its declared charset', () => {
    const gbk = Uint8Array.from([...Buffer.from('<meta charset="gbk"><p>'), 0xb4, 0xb2, 0xce, 0xbb, ...Buffer.from('</p>')]);
    expect(decodeHtml(gbk)).toContain('床位');
  });

  it('reads a page\'s title and date from its meta tags, the site name cut from <title>', () => {
    const html = '<html><head><title>某市2024年卫生健康统计公报_某市卫生健康委员会</title><meta name="PubDate" content="2025-03-18 09:30"></head><body><p>全市共有床位三万张，比上年增加一千张，每千人口床位六张。</p></body></html>';
    const read = readHtml(new TextEncoder().encode(html));
    expect(read.hints).toEqual({ title: '某市2024年卫生健康统计公报', date: '2025-03-18' });
    expect(read.text.split('\n')[0]).toBe('某市2024年卫生健康统计公报');
  });
});

describe('OCR output', () => {
  it('joins a scanned page\'s broken lines and the spaces tesseract puts between characters', () => {
    expect(joinOcrLines('全 市 共 有 床 位\n32156 张 , 比 上 年\n增 加 3.2% 。\n\n第 二 段 。')).toBe('全市共有床位32156张 , 比上年增加3.2%。\n第二段。');
  });
});
