import type { Card, FactView } from './cards.js';

/**
 * A card made small enough for its channel (`fits` says when it is), losing as little as it can
 * and never cutting a figure: related facts go first, then quotes shrink to a window around the
 * figure, then rows, reports and suggestions past those that fit are dropped with a count of them,
 * and a notice's text is cut between figures. The result is the first step that fits, or the
 * smallest step when none does.
 */
export function fitCard(card: Card, fits: (c: Card) => boolean): Card {
  if (fits(card)) return card;
  let last = card;
  for (const step of steps(card)) {
    last = step(fits);
    if (fits(last)) return last;
  }
  return last;
}

type Step = (fits: (c: Card) => boolean) => Card;

/** Quote windows around the figure, widest first. */
const WINDOWS = [240, 120, 60, 24];

function steps(c: Card): Step[] {
  switch (c.kind) {
    case 'answer': {
      const bare = { ...c, related: [] };
      return [() => bare, ...WINDOWS.map((w) => () => ({ ...bare, main: around(bare.main, w) })), () => ({ ...bare, main: terse(around(bare.main, 24)) })];
    }
    case 'daily': {
      // The series goes first: the fact of the day is the card, its series an extra.
      const { trend: _series, ...bare } = c;
      return [() => bare, ...WINDOWS.map((w) => () => ({ ...bare, fact: around(bare.fact, w) })), () => ({ ...bare, fact: terse(around(bare.fact, 24)) })];
    }
    case 'regions':
      // At least one row: a regions card without any says nothing.
      return WINDOWS.map((w) => (fits) => firstThatFit(c.rows.map((r) => around(r, w)), (rows, left) => ({ ...c, rows, omitted: (c.omitted ?? 0) + left }), fits, 1));
    case 'sources':
      return [(fits) => firstThatFit(c.docs, (docs, left) => ({ ...c, docs, omitted: (c.omitted ?? 0) + left }), fits)];
    case 'not_found':
      return [
        (fits) => firstThatFit(c.suggestions, (suggestions) => ({ ...c, suggestions }), fits),
        (fits) => ({ ...c, suggestions: [], note: cutText(c.note, (t) => fits({ ...c, suggestions: [], note: t })) }),
      ];
    case 'help':
      return [() => ({ ...c, examples: c.examples.slice(0, 3) }), () => ({ ...c, examples: c.examples.slice(0, 1), commands: c.commands.slice(0, 5) })];
    case 'notice':
      return [(fits) => ({ ...c, text: cutText(c.text, (t) => fits({ ...c, text: t })) })];
    case 'across': {
      // Quotes shrink first, then the chart goes, then rows and browse items past those that fit.
      const cut = (w: number) => ({ ...c, result: { ...c.result, rows: c.result.rows.map((r) => ({ ...r, ...quoteAround(r.quote, r.span, w) })) } });
      const { chart: _chart, ...bare } = cut(24);
      return [
        ...WINDOWS.map((w) => () => cut(w)),
        () => bare,
        (fits) => firstThatFit(bare.result.rows, (rows, left) => ({ ...bare, result: { ...bare.result, rows, notes: left ? [...bare.result.notes, `还有${left}项没有列出（卡片放不下）。`] : bare.result.notes } }), fits, 1),
        (fits) => firstThatFit(bare.result.groups ?? [], (groups) => ({ ...bare, result: { ...bare.result, groups } }), fits, 1),
      ];
    }
  }
}

/** A row's quote cut to `width` characters each side of its figure. */
function quoteAround(quote: string, span: [number, number], width: number): { quote: string; span: [number, number] } {
  const [a, b] = span;
  const from = Math.max(0, a - width);
  const to = Math.min(quote.length, b + width);
  if (from === 0 && to === quote.length) return { quote, span };
  const head = from > 0 ? '…' : '';
  return { quote: `${head}${quote.slice(from, to)}${to < quote.length ? '…' : ''}`, span: [a - from + head.length, b - from + head.length] };
}

/** The quote cut to `width` characters on each side of the figure, with … where it was cut. */
export function around(v: FactView, width: number): FactView {
  if (!v.highlight) return { ...v, quote: v.quote.length > 2 * width ? `${v.quote.slice(0, 2 * width)}…` : v.quote };
  const cut = quoteAround(v.quote, v.highlight, width);
  return cut.quote === v.quote ? v : { ...v, quote: cut.quote, highlight: cut.span };
}

/** A view whose words around the figure are short too: what it measures and the report's title. */
function terse(v: FactView): FactView {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
  return { ...v, metric: cut(v.metric, 40), source: { ...v.source, title: cut(v.source.title, 40) } };
}

/** The card with as many of the items, from the first, as fit (at least `atLeast`), and how many were left. */
function firstThatFit<T>(items: T[], make: (kept: T[], left: number) => Card, fits: (c: Card) => boolean, atLeast = 0): Card {
  const n = Math.max(atLeast, mostThatFit(items.length, (k) => fits(make(items.slice(0, k), items.length - k))));
  return make(items.slice(0, n), items.length - n);
}

/** The largest k in [0, n] with fits(k), assuming fits holds for every k below one that fits. */
function mostThatFit(n: number, fits: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The longest start of a text that fits, ended with …, never cut inside a number. */
function cutText(text: string, fits: (t: string) => boolean): string {
  const end = mostThatFit(text.length, (k) => fits(withEllipsis(text, k)));
  return withEllipsis(text, end);
}

function withEllipsis(text: string, k: number): string {
  if (k >= text.length) return text;
  let at = k;
  while (at > 0 && /[\d.,%]/.test(text[at] ?? '') && /[\d.,%]/.test(text[at - 1] ?? '')) at--;
  return `${text.slice(0, at)}…`;
}
