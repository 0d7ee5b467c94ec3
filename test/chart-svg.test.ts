import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChartData } from '../src/core/cards.js';
import { CHART_HEIGHT, CHART_WIDTH, MAX_CHART_POINTS, MAX_LABEL_CHARS, chartSvg, clip, compact, esc } from '../src/web/chart-svg.js';

// The local page's chart for an across answer, drawn as SVG text on the server. The page parses it
// as XML and keeps only chart elements, so every output must be well-formed XML with every text
// escaped, and every coordinate finite and inside the drawing, whatever the figures and labels.

interface El {
  name: string;
  attrs: Record<string, string>;
  text: string;
}

const TOKEN = /<(\/?)([a-z]+)((?:\s+[a-zA-Z][\w:-]*="[^"<>]*")*)\s*(\/?)>|([^<]+)/y;
const ATTR = /([a-zA-Z][\w:-]*)="([^"<>]*)"/g;
const ESCAPED = /^(?:[^&<>]|&(?:amp|lt|gt|quot|#39);)*$/;
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/** A strict reading of the SVG: throws unless every byte is a tag, an attribute or escaped text, tags balanced. */
function parse(svg: string): El[] {
  const all: El[] = [];
  const open: El[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < svg.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(svg);
    if (!m) throw new Error(`not XML at ${at}: ${svg.slice(at, at + 40)}`);
    const [, closing, name, attrText, selfClosing, text] = m;
    if (text !== undefined) {
      if (!ESCAPED.test(text) || !open.length) throw new Error(`unescaped or stray text: ${text.slice(0, 40)}`);
      open[open.length - 1]!.text += decode(text);
    } else if (closing) {
      if (open.pop()?.name !== name) throw new Error(`</${name}> closes nothing open`);
    } else {
      const el: El = { name: name!, attrs: {}, text: '' };
      for (const [, k, v] of attrText!.matchAll(ATTR)) {
        if (!ESCAPED.test(v!)) throw new Error(`unescaped attribute ${k}`);
        el.attrs[k!] = decode(v!);
      }
      all.push(el);
      if (!selfClosing) open.push(el);
    }
  }
  if (open.length) throw new Error(`unclosed <${open[open.length - 1]!.name}>`);
  return all;
}

const TAGS = new Set(['svg', 'g', 'title', 'desc', 'rect', 'line', 'polyline', 'circle', 'text']);
const ACROSS = new Set(['x', 'x1', 'x2', 'cx', 'width']);
const DOWN = new Set(['y', 'y1', 'y2', 'cy', 'height']);
// What XML 1.0 forbids: the page's DOMParser would refuse the whole chart.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What every chart must be: parseable, named, only chart elements, finite and inside the view box. */
function checked(chart: ChartData): { svg: string; els: El[] } {
  const svg = chartSvg(chart);
  expect(svg).not.toMatch(NOT_XML);
  const els = parse(svg);
  const root = els[0]!;
  expect(root.name).toBe('svg');
  expect(root.attrs).toMatchObject({ role: 'img', viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}` });
  expect(root.attrs['aria-label']).toBeTruthy();
  expect(els[1]?.name).toBe('title');
  expect(els[1]?.text).toBe(root.attrs['aria-label']);
  for (const el of els) {
    expect(TAGS.has(el.name), el.name).toBe(true);
    for (const [k, v] of Object.entries(el.attrs)) {
      expect(k).not.toMatch(/^on|href|style/i);
      if (ACROSS.has(k)) expectWithin(Number(v), CHART_WIDTH, `${el.name} ${k}`);
      if (DOWN.has(k)) expectWithin(Number(v), CHART_HEIGHT, `${el.name} ${k}`);
      if (k === 'points') for (const xy of v.split(' ')) expectPoint(xy);
    }
    if (el.name === 'rect') {
      expectWithin(Number(el.attrs.x) + Number(el.attrs.width), CHART_WIDTH, 'rect right edge');
      expectWithin(Number(el.attrs.y) + Number(el.attrs.height), CHART_HEIGHT, 'rect bottom edge');
    }
  }
  return { svg, els };
}

function expectWithin(n: number, max: number, what: string): void {
  expect(Number.isFinite(n), `${what} = ${n}`).toBe(true);
  expect(n, what).toBeGreaterThanOrEqual(0);
  expect(n, what).toBeLessThanOrEqual(max);
}

function expectPoint(xy: string): void {
  const [x, y] = xy.split(',').map(Number);
  expectWithin(x!, CHART_WIDTH, 'polyline x');
  expectWithin(y!, CHART_HEIGHT, 'polyline y');
}

const has = (el: El, cls: string) => (el.attrs.class ?? '').split(' ').includes(cls);
const marksOf = (els: El[]) => els.filter((e) => has(e, 'mark'));
const textsOf = (els: El[], cls: string) => els.filter((e) => has(e, cls)).map((e) => e.text);
const chartOf = (type: ChartData['type'], points: [string, number, boolean?][], more: Partial<ChartData> = {}): ChartData => ({
  type,
  title: '办案数量：变化',
  unit: '件',
  points: points.map(([label, value, target]) => ({ label, value, target: target ?? false })),
  ...more,
});
const many = (n: number): [string, number][] => Array.from({ length: n }, (_, i) => [`${1900 + i}年`, (i * 37) % 101]);
const SCRIPT = '<script>alert(1)</script>';
const LONG = '枣庄市市立医院东院区（原枣庄市第二人民医院）'.repeat(20);

interface Expect {
  marks: number;
  /** Solid and dashed lines drawn (a line chart's series). */
  series?: number;
  xLabels?: string[];
  desc?: string;
  title?: string;
  maxLength?: number;
}

describe('chartSvg draws any chart as bounded, escaped SVG', () => {
  const cases: [string, ChartData, Expect][] = [
    ['an empty series (line)', chartOf('line', []), { marks: 0, series: 0, desc: '没有可以画的数据' }],
    ['an empty series (bar)', chartOf('bar', []), { marks: 0, desc: '没有可以画的数据' }],
    ['a series of one point: a dot in the middle, no line', chartOf('line', [['2021年', 2491]]), { marks: 1, series: 0, xLabels: ['2021年'] }],
    ['one bar', chartOf('bar', [['枣庄市', 25970]]), { marks: 1, xLabels: ['枣庄市'] }],
    ['a trend on the seeds', chartOf('line', [['2012年', 269], ['2021年', 2491]]), { marks: 2, series: 1, xLabels: ['2012年', '2021年'], desc: '2012年：269件；2021年：2491件。' }],
    ['all equal', chartOf('line', [['2019年', 5], ['2020年', 5], ['2021年', 5]]), { marks: 3, series: 1 }],
    ['all zero', chartOf('bar', [['甲', 0], ['乙', 0]]), { marks: 2 }],
    ['negative and positive bars', chartOf('bar', [['甲', -5], ['乙', 10], ['丙', -20]]), { marks: 3, desc: '甲：-5件' }],
    ['a negative series', chartOf('line', [['2020年', -3.5], ['2021年', -1]]), { marks: 2, series: 1 }],
    ['a target as its own dashed series', chartOf('line', [['2020年', 6.2], ['2023年', 6.9], ['2025年（目标）', 7.5, true]]), { marks: 3, series: 2, desc: '2025年（目标）：7.5件（目标）' }],
    ['very long labels', chartOf('bar', [[LONG, 1], [LONG, 2]], { title: LONG }), { marks: 2, maxLength: 6000 }],
    ['labels with <script>', chartOf('bar', [[SCRIPT, 1], ['"&\'', 2]], { title: SCRIPT, unit: '<b>' }), { marks: 2, title: `${SCRIPT}（<b>）`, desc: `${SCRIPT}：1<b>` }],
    ['labels XML forbids (controls, lone surrogates)', chartOf('bar', [['a\u0000b\u0007', 1], ['\uD800x\uDFFF', 2], ['😀', 3]]), { marks: 3, xLabels: ['ab', 'x', '😀'] }],
    ['figures that are not numbers are left out', chartOf('bar', [['甲', 1], ['乙', NaN], ['丙', Infinity], ['丁', 2]]), { marks: 2, xLabels: ['甲', '丁'] }],
    ['huge and tiny magnitudes', chartOf('bar', [['甲', 1e300], ['乙', -1e300], ['丙', 5e-324]]), { marks: 3 }],
    ['no unit', chartOf('bar', [['甲', 1], ['乙', 2]], { unit: '' }), { marks: 2, title: '办案数量：变化' }],
    ['no title, no unit: still named', chartOf('bar', [['甲', 1], ['乙', 2]], { title: ' \u0000', unit: '' }), { marks: 2, title: '图表' }],
    ['200 points, all drawn, labels thinned', chartOf('line', many(200)), { marks: 200, series: 1, maxLength: 60_000 }],
    ['1000 bars: the first 200 drawn, and it says so', chartOf('bar', many(1000)), { marks: MAX_CHART_POINTS, desc: `只画出前 ${MAX_CHART_POINTS} 个（共 1000 个）`, maxLength: 60_000 }],
  ];

  it.each(cases)('%s', (_name, chart, want) => {
    const { svg, els } = checked(chart);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(svg).not.toMatch(/<script|<b>/i);
    expect(marksOf(els)).toHaveLength(want.marks);
    expect(els[0]!.attrs['data-chart-type']).toBe(chart.type);
    if (want.series !== undefined) expect(els.filter((e) => e.name === 'polyline')).toHaveLength(want.series);
    if (want.xLabels) expect(textsOf(els, 'x-label')).toEqual(want.xLabels);
    if (want.desc) expect(els.find((e) => e.name === 'desc')?.text).toContain(want.desc);
    if (want.title) expect(els[1]!.text).toBe(want.title);
    if (want.maxLength) expect(svg.length).toBeLessThan(want.maxLength);
    // However many points, the axis is readable: at most 12 labels, each short.
    const labels = textsOf(els, 'x-label');
    expect(labels.length).toBeLessThanOrEqual(12);
    for (const l of labels) expect([...l].length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
    // Each mark says its figure in full when pointed at.
    for (const m of marksOf(els)) expect(els[els.indexOf(m) + 1]?.name).toBe('title');
  });

  it('puts a lone point in the middle, equal figures at one height', () => {
    const one = marksOf(checked(chartOf('line', [['2021年', 2491]])).els);
    // The plot runs from x 48 (room for the axis labels) to 388: its middle is 218.
    expect(Number(one[0]!.attrs.cx)).toBe(218);
    const flat = marksOf(checked(chartOf('line', [['a', 5], ['b', 5], ['c', 5]])).els);
    expect(new Set(flat.map((m) => m.attrs.cy)).size).toBe(1);
  });

  it('draws a bar higher for a larger figure, and a negative one down from zero', () => {
    const [neg, pos, neg2] = marksOf(checked(chartOf('bar', [['甲', -5], ['乙', 10], ['丙', -20]])).els).map((m) => ({ y: Number(m.attrs.y), h: Number(m.attrs.height) }));
    const zero = pos!.y + pos!.h;
    expect(neg!.y).toBeCloseTo(zero, 0);
    expect(neg2!.y).toBeCloseTo(zero, 0);
    expect(neg2!.h).toBeGreaterThan(neg!.h);
    expect(pos!.h).toBeGreaterThan(neg!.h);
  });

  it('draws targets apart: hollow dots on a dashed line from the last figure reached, with a legend', () => {
    const { els } = checked(chartOf('line', [['2020年', 6.2], ['2023年', 6.9], ['2025年', 7.5, true]]));
    const [actual, target] = els.filter((e) => e.name === 'polyline');
    expect(actual!.attrs['stroke-dasharray']).toBeUndefined();
    expect(target!.attrs['stroke-dasharray']).toBeTruthy();
    expect(target!.attrs.points!.split(' ')[0]).toBe(actual!.attrs.points!.split(' ')[1]);
    expect(marksOf(els).filter((m) => has(m, 'target'))).toHaveLength(1);
    expect(textsOf(els, 'legend-label')).toEqual(['实际', '目标']);
  });

  it('keeps its promises for any figures and labels', () => {
    const point = fc.record({ label: fc.string({ unit: 'binary', maxLength: 80 }), value: fc.double(), target: fc.boolean() });
    const chart = fc.record({ type: fc.constantFrom('line' as const, 'bar' as const), title: fc.string({ unit: 'binary', maxLength: 80 }), unit: fc.string({ maxLength: 5 }), points: fc.array(point, { maxLength: 40 }) });
    fc.assert(
      fc.property(chart, (c) => {
        const { svg, els } = checked(c);
        expect(svg).not.toMatch(/NaN|Infinity/);
        expect(marksOf(els)).toHaveLength(c.points.filter((p) => Number.isFinite(p.value)).length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the page keeps what chartSvg draws', () => {
  // The page cuts the SVG to the elements and attributes a chart uses (src/web/public/app.js):
  // anything drawn here that its lists lack would silently vanish from the page.
  const page = readFileSync('src/web/public/app.js', 'utf8');
  const tags = new Set(JSON.parse(/const SVG_TAGS = new Set\((\[[^\]]*\])\)/.exec(page)![1]!.replace(/'/g, '"')) as string[]);
  const attrs = new RegExp(/const SVG_ATTRS = \/(.+)\/;/.exec(page)![1]!);

  it.each([
    ['a series with a target', chartOf('line', [['2020年', 6.2], ['2025年', 7.5, true]])],
    ['bars with a target and a negative figure', chartOf('bar', [['甲', -1], ['乙', 2, true]])],
    ['nothing to draw', chartOf('bar', [])],
  ])('%s', (_name, chart) => {
    for (const el of checked(chart).els) {
      expect(tags.has(el.name), el.name).toBe(true);
      for (const k of Object.keys(el.attrs)) expect(attrs.test(k), `${el.name} ${k}`).toBe(true);
    }
  });
});

describe('the text helpers', () => {
  it.each([
    ['<a href="x">&\'', '&lt;a href=&quot;x&quot;&gt;&amp;&#39;'],
    ['a\u0000\u001Fb\uFFFF', 'ab'],
    ['\uDC00\uD83D\uDE00\uD800', '😀'],
  ])('esc(%j) → %j', (s, want) => expect(esc(s)).toBe(want));

  it.each([
    ['枣庄市', 3, '枣庄市'],
    ['枣庄市市立医院', 4, '枣庄市…'],
    ['😀😀😀', 2, '😀…'],
  ])('clip(%j, %i) → %j', (s, n, want) => expect(clip(s, n)).toBe(want));

  it.each([
    [0, '0'],
    [-0, '0'],
    [2491, '2491'],
    [25970, '2.6万'],
    [447500, '44.75万'],
    [-12000, '-1.2万'],
    [3.6e8, '3.6亿'],
    [0.1 + 0.2, '0.3'],
    [0.000123456, '0.000123'],
  ])('compact(%d) → %s', (v, want) => expect(compact(v)).toBe(want));
});
