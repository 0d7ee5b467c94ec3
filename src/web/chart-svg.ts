import type { ChartData } from '../core/cards.js';

// The local page's picture of an across answer, as Feishu draws its VChart chart: a line for a
// series (a plan's targets as a dashed series of their own), bars for a comparison or ranking.
// Made on the server as SVG text so the page needs no chart library, no network and no inline
// style (its CSP allows neither): every text is escaped and every size bounded, whatever the data.

/** The drawing's size in SVG units; the page scales it to its card, about as wide (so 12 stays legible). */
export const CHART_WIDTH = 400;
export const CHART_HEIGHT = 220;
/** More points than this are not drawn; the rows beside the chart still list every figure. */
export const MAX_CHART_POINTS = 200;
/** The longest x label in characters: a long subject is cut with … (its mark's tooltip has more). */
export const MAX_LABEL_CHARS = 10;
const MAX_TEXT_CHARS = 60;
const MAX_X_LABELS = 12;
const MAX_VALUE_LABELS = 12;
// Beyond this a figure is drawn at this size, so the scale's arithmetic stays finite.
const MAX_MAGNITUDE = 1e15;
const PLOT = { left: 48, right: CHART_WIDTH - 12, top: 26, bottom: CHART_HEIGHT - 30 };
const COLOR = { actual: '#3370ff', target: '#ff7d00', grid: '#e1e3e8', axis: '#8f959e', text: '#646a73' };

type Point = ChartData['points'][number];

interface Scale {
  slot: number;
  ticks: number[];
  x: (i: number) => number;
  y: (v: number) => number;
}

/** The chart as one <svg> element: role="img" named by its title, the figures listed in <desc>. */
export function chartSvg(chart: ChartData): string {
  const all = chart.points.filter((p) => Number.isFinite(p.value));
  const points = all.slice(0, MAX_CHART_POINTS);
  const unit = oneLine(chart.unit);
  // The chart's accessible name: never empty, or a screen reader says only "image".
  const name = clip(`${oneLine(chart.title) || '图表'}${unit ? `（${unit}）` : ''}`, MAX_TEXT_CHARS);
  if (points.length === 0) return frame(chart.type, name, '没有可以画的数据。', emptyNote());
  const cut = all.length > points.length ? `只画出前 ${points.length} 个（共 ${all.length} 个）。` : '';
  const desc = `${points.map((p) => tip(p, unit)).join('；')}。${cut}`;
  const s = scaleOf(points.length, ticksOf(points.map((p) => drawn(p.value))));
  const marks = chart.type === 'line' ? lineMarks(points, s, unit) : barMarks(points, s, unit);
  const body = [axes(s), xLabels(points, s), marks, valueLabels(points, s, chart.type), legend(points, chart.type)];
  return frame(chart.type, name, desc, body.join(''));
}

function frame(type: ChartData['type'], name: string, desc: string, body: string): string {
  const kind = type === 'line' ? 'line' : 'bar';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" role="img" aria-label="${esc(name)}" class="chart-svg" data-chart-type="${kind}">` +
    `<title>${esc(name)}</title><desc>${esc(clip(desc, MAX_CHART_POINTS * (MAX_TEXT_CHARS + 2)))}</desc>${body}</svg>`
  );
}

function emptyNote(): string {
  return text(CHART_WIDTH / 2, CHART_HEIGHT / 2, '没有可以画的数据', { anchor: 'middle', cls: 'chart-empty' });
}

// ---- scale

/** A figure as drawn: the scale's arithmetic stays finite for any magnitude. */
const drawn = (v: number): number => Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, v));

/** Round ticks from zero (bars and lines both start from it, as VChart's do) past the figures. */
function ticksOf(values: number[]): number[] {
  // A tenth more room than the figures, for the labels over the highest and under the lowest.
  const lo = Math.min(0, ...values) * 1.1;
  let hi = Math.max(0, ...values) * 1.1;
  // All zero (or nearly): some span anyway, or the scale divides by zero.
  if (!(hi - lo > 1e-9)) hi = lo + 1;
  const step = niceStep((hi - lo) / 4);
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  return Array.from({ length: last - first + 1 }, (_, k) => (first + k) * step);
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

function scaleOf(n: number, ticks: number[]): Scale {
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const slot = (PLOT.right - PLOT.left) / n;
  return {
    slot,
    ticks,
    // Each point in the middle of its slot: one point stands in the middle, not at an edge.
    x: (i) => PLOT.left + slot * (i + 0.5),
    y: (v) => PLOT.bottom - ((drawn(v) - lo) / (hi - lo)) * (PLOT.bottom - PLOT.top),
  };
}

// ---- parts

function axes(s: Scale): string {
  const grid = s.ticks.map((t) => {
    const y = s.y(t);
    const stroke = t === 0 ? COLOR.axis : COLOR.grid;
    return `<line x1="${PLOT.left}" y1="${num(y)}" x2="${PLOT.right}" y2="${num(y)}" stroke="${stroke}" stroke-width="1"/>` + text(PLOT.left - 6, y + 4, compact(t), { anchor: 'end', cls: 'y-label' });
  });
  return `<g class="axes">${grid.join('')}</g>`;
}

/** At most MAX_X_LABELS labels, evenly spaced, each cut to the room its slots give it. */
function xLabels(points: Point[], s: Scale): string {
  const every = Math.ceil(points.length / MAX_X_LABELS);
  // About 13 units a Chinese character at font size 12.
  const room = Math.max(1, Math.min(MAX_LABEL_CHARS, Math.floor((s.slot * every) / 13)));
  const out = points.flatMap((p, i) => (i % every === 0 ? [text(s.x(i), PLOT.bottom + 18, clip(oneLine(p.label), room), { anchor: 'middle', cls: 'x-label' })] : []));
  return `<g class="x-labels">${out.join('')}</g>`;
}

function barMarks(points: Point[], s: Scale, unit: string): string {
  const width = Math.min(s.slot * 0.6, 56);
  const bars = points.map((p, i) => {
    const top = Math.min(s.y(p.value), s.y(0));
    const height = Math.abs(s.y(p.value) - s.y(0));
    const look = p.target ? `fill="#fff2e5" stroke="${COLOR.target}" stroke-dasharray="4 3"` : `fill="${COLOR.actual}"`;
    return `<rect class="mark bar${p.target ? ' target' : ''}" x="${num(s.x(i) - width / 2)}" y="${num(top)}" width="${num(width)}" height="${num(height)}" ${look}><title>${esc(tip(p, unit))}</title></rect>`;
  });
  return `<g class="marks">${bars.join('')}</g>`;
}

/** The figures reached as one solid line; targets as a dashed line on from the last figure before them. */
function lineMarks(points: Point[], s: Scale, unit: string): string {
  const at = (i: number) => `${num(s.x(i))},${num(s.y(points[i]!.value))}`;
  const actual = points.flatMap((p, i) => (p.target ? [] : [i]));
  const targets = points.flatMap((p, i) => (p.target ? [i] : []));
  const before = targets.length ? actual.filter((i) => i < targets[0]!).pop() : undefined;
  const planned = before === undefined ? targets : [before, ...targets];
  const series = [
    actual.length > 1 ? `<polyline class="series actual" points="${actual.map(at).join(' ')}" fill="none" stroke="${COLOR.actual}" stroke-width="2"/>` : '',
    planned.length > 1 ? `<polyline class="series target" points="${planned.map(at).join(' ')}" fill="none" stroke="${COLOR.target}" stroke-width="2" stroke-dasharray="6 4"/>` : '',
  ];
  const r = s.slot < 12 ? 2 : 4;
  const dots = points.map((p, i) => {
    const look = p.target ? `fill="#fff" stroke="${COLOR.target}"` : `fill="${COLOR.actual}" stroke="#fff"`;
    return `<circle class="mark point${p.target ? ' target' : ''}" cx="${num(s.x(i))}" cy="${num(s.y(p.value))}" r="${r}" ${look} stroke-width="1.5"><title>${esc(tip(p, unit))}</title></circle>`;
  });
  return `<g class="marks">${series.join('')}${dots.join('')}</g>`;
}

/** The figure over each mark (under it when negative), when there are few enough to read. */
function valueLabels(points: Point[], s: Scale, type: ChartData['type']): string {
  if (points.length > MAX_VALUE_LABELS) return '';
  const out = points.map((p, i) => {
    const below = type === 'bar' && p.value < 0;
    return text(s.x(i), s.y(p.value) + (below ? 14 : -8), compact(p.value), { anchor: 'middle', cls: 'value-label' });
  });
  return `<g class="value-labels">${out.join('')}</g>`;
}

/** Which look is a target, only when some point is one. */
function legend(points: Point[], type: ChartData['type']): string {
  if (!points.some((p) => p.target)) return '';
  const swatch = (x: number, target: boolean) => {
    const color = target ? COLOR.target : COLOR.actual;
    return type === 'line'
      ? `<line x1="${x}" y1="12" x2="${x + 18}" y2="12" stroke="${color}" stroke-width="2"${target ? ' stroke-dasharray="6 4"' : ''}/>`
      : `<rect x="${x}" y="6" width="12" height="12" fill="${target ? '#fff2e5' : color}"${target ? ` stroke="${color}" stroke-dasharray="4 3"` : ''}/>`;
  };
  const x = PLOT.right - 110;
  return `<g class="legend">${swatch(x, false)}${text(x + 22, 16, '实际', { cls: 'legend-label' })}${swatch(x + 58, true)}${text(x + 80, 16, '目标', { cls: 'legend-label' })}</g>`;
}

// ---- text

function text(x: number, y: number, s: string, o: { anchor?: 'start' | 'middle' | 'end'; cls: string }): string {
  return `<text class="${o.cls}" x="${num(x)}" y="${num(y)}" text-anchor="${o.anchor ?? 'start'}" font-size="12" fill="${COLOR.text}">${esc(s)}</text>`;
}

/** A mark's tooltip and its line in <desc>: 2021年：2491件（目标）. */
function tip(p: Point, unit: string): string {
  return `${clip(oneLine(p.label), MAX_TEXT_CHARS) || '（未注明）'}：${exact(p.value)}${unit}${p.target ? '（目标）' : ''}`;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// Characters XML 1.0 forbids (the page parses the SVG as XML and would refuse it): controls,
// lone surrogate halves, U+FFFE and U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe in an SVG text node or a quoted attribute. */
export function esc(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** One line of text XML takes, so that an emptiness test sees what will be shown. */
const oneLine = (s: string): string => String(s ?? '').replace(NOT_XML, '').replace(/\s+/g, ' ').trim();

/** At most n characters (code points, so no emoji is cut in half), … when cut. */
export function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, Math.max(0, n - 1)).join('')}…` : s;
}

/** A coordinate to one decimal; never -0. */
const num = (n: number): string => String(Math.round(n * 10) / 10 || 0);

/** A figure short for an axis or a label: 2491, 2.6万, 3.6亿. */
export function compact(v: number): string {
  const a = Math.abs(v);
  const [d, suffix] = a >= 1e8 ? [1e8, '亿'] : a >= 1e4 ? [1e4, '万'] : [1, ''];
  const x = v / d;
  return `${(Math.abs(x) < 1 ? Number(x.toPrecision(3)) : Number(x.toFixed(2))) || 0}${suffix}`;
}

/** A figure in full for the tooltip and <desc>, without float noise (0.1 + 0.2). */
const exact = (v: number): string => String(Number(v.toPrecision(12)) || 0);
