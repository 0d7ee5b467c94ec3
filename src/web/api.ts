import express, { type Request, type Response, type Router } from 'express';
import { ask, type FollowUps } from '../core/ask.js';
import { answerCard, helpCard, sourcesCard, type Card } from '../core/cards.js';
import type { StoreHolder } from '../core/store-holder.js';
import { renderFeishuCard } from '../platforms/feishu/render.js';
import { renderWeCom } from '../platforms/wecom/render.js';
import { prettyChinese } from '../text/normalize.js';
import type { FactStore } from '../store/fact-store.js';
import type { Fact } from '../extract/facts.js';
import { splitSentences } from '../extract/text-spans.js';
import { chartSvg } from './chart-svg.js';

export interface ApiDeps {
  stores: StoreHolder;
  followUps: FollowUps;
  /** Turns a question into the admin "why" explanation lines. */
  why: (question: string) => string[];
  linkFor?: (file: string) => string;
  onAnswer?: (answered: boolean, ms: number) => void;
}

const MAX_QUESTION = 500;

/** The JSON the local page and scripts use: ask, reports with their facts, facts, why. */
export function apiRouter(deps: ApiDeps): Router {
  const r = express.Router();
  r.use(express.json({ limit: '8kb' }));

  r.post('/ask', (req: Request, res: Response) => {
    const question = typeof req.body?.question === 'string' ? req.body.question.trim() : '';
    const chat = typeof req.body?.chat === 'string' && req.body.chat.length <= 100 ? `web:${req.body.chat}` : undefined;
    if (!question) return void res.status(400).json({ error: 'send {"question": "…"} (and optionally "chat" for follow-ups)' });
    if (question.length > MAX_QUESTION) return void res.status(400).json({ error: `问题最多 ${MAX_QUESTION} 个字，这个问题有 ${question.length} 个字：请只保留要问的那一句。` });
    const store = deps.stores.current;
    const started = performance.now();
    const result = ask(store, question, chat ? { chat, followUps: deps.followUps } : {});
    deps.onAnswer?.(result.answers.length > 0, performance.now() - started);
    const card: Card = result.intent === 'help' ? helpCard(store) : result.intent === 'sources' ? sourcesCard(store) : answerCard(result);
    res.json({
      question,
      intent: result.intent,
      answers: result.answers,
      suggestions: result.suggestions,
      ...(result.note ? { note: result.note } : {}),
      card,
      // The page draws the chart Feishu would: drawn here, so the page stays free of a chart library.
      ...(card.kind === 'across' && card.chart ? { chartSvg: chartSvg(card.chart) } : {}),
      feishu: renderFeishuCard(card),
      wecom: renderWeCom(card, deps.linkFor ? { linkFor: deps.linkFor } : {}),
    });
  });

  r.post('/why', (req: Request, res: Response) => {
    const question = typeof req.body?.question === 'string' ? req.body.question.trim().slice(0, MAX_QUESTION) : '';
    if (!question) return void res.status(400).json({ error: 'send {"question": "…"}' });
    res.json({ question, lines: deps.why(question) });
  });

  r.get('/reports', (_req, res) => {
    const store = deps.stores.current;
    res.json([...store.docs.values()].map((d) => ({ id: d.id, facts: d.facts, ...d.meta })));
  });

  r.get('/reports/:id', (req: Request, res: Response) => {
    const store = deps.stores.current;
    const doc = store.docs.get(String(req.params.id));
    if (!doc) return void res.status(404).json({ error: `no report ${String(req.params.id)}; GET /api/reports lists them` });
    const from = whole(req.query.from, 0, 0, Number.MAX_SAFE_INTEGER);
    const count = whole(req.query.count, BLOCKS_PER_PAGE, 1, BLOCKS_PER_PAGE);
    const total = store.blocks.get(doc.id)?.length ?? 0;
    const next = from + count < total ? from + count : null;
    res.json({ id: doc.id, meta: doc.meta, facts: doc.facts, total, from, next, blocks: reportBlocks(store, doc.id, from, count) });
  });

  r.get('/facts', (req: Request, res: Response) => {
    const store = deps.stores.current;
    const q = (name: string) => (typeof req.query[name] === 'string' ? String(req.query[name]).trim() : '');
    const region = q('region');
    const topic = q('topic');
    const doc = q('doc');
    const facts = store.facts.filter(
      (f) => (!region || f.region === region || store.regions.within(f.region, region)) && (!doc || f.docId.startsWith(doc)) && (!topic || `${f.metric}${f.quote}`.includes(topic)),
    );
    res.json({ total: facts.length, facts: facts.slice(0, 500).map(publicFact), regions: [...new Set(store.facts.map((f) => f.region))] });
  });

  return r;
}

function publicFact(f: Fact) {
  return { id: f.id, docId: f.docId, kind: f.kind, answer: f.answer, metric: f.metric, region: f.region, time: f.time?.label ?? null, quote: f.quote, qualifiers: f.qualifiers };
}

/** The most paragraphs one GET of a report gives; the page asks for the next ones (`from`). */
export const BLOCKS_PER_PAGE = 500;

/** A non-negative integer query parameter within bounds, or its default. */
function whole(v: unknown, fallback: number, min: number, max: number): number {
  const n = typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : fallback;
  return Math.min(max, Math.max(min, n));
}

// Each store's facts by report and paragraph, made once: filtering all facts for every
// paragraph made one GET of a long report quadratic.
const factsByBlock = new WeakMap<FactStore, Map<string, Map<number, Fact[]>>>();

function factsOfBlocks(store: FactStore, docId: string): Map<number, Fact[]> {
  let byDoc = factsByBlock.get(store);
  if (!byDoc) {
    byDoc = new Map();
    for (const f of store.facts) {
      let blocks = byDoc.get(f.docId);
      if (!blocks) byDoc.set(f.docId, (blocks = new Map()));
      const list = blocks.get(f.block);
      if (list) list.push(f);
      else blocks.set(f.block, [f]);
    }
    factsByBlock.set(store, byDoc);
  }
  return byDoc.get(docId) ?? new Map();
}

/**
 * A report's paragraphs as shown, each with the facts that stand in it and where: the page
 * highlights them in the text. `count` paragraphs from `from`.
 */
export function reportBlocks(store: FactStore, docId: string, from = 0, count = BLOCKS_PER_PAGE) {
  const byBlock = factsOfBlocks(store, docId);
  const blocks = store.blocks.get(docId) ?? [];
  return blocks.slice(from, from + count).map((b, k) => {
    const i = from + k;
    const text = b.kind === 'heading' ? b.text : prettyChinese(b.text);
    const marks: { id: string; start: number; end: number; answer: string; metric: string; kind: Fact['kind'] }[] = [];
    if (b.kind === 'paragraph') {
      let from = 0;
      const byQuote = new Map<string, Fact[]>();
      for (const f of byBlock.get(i) ?? []) byQuote.set(f.quote, [...(byQuote.get(f.quote) ?? []), f]);
      for (const s of splitSentences(b.text)) {
        const quote = prettyChinese(s.text.trim());
        const at = text.indexOf(quote, from);
        if (at < 0) continue;
        from = at + quote.length;
        for (const f of byQuote.get(quote) ?? []) marks.push({ id: f.id, start: at + f.span[0], end: at + f.span[1], answer: f.answer, metric: f.metric, kind: f.kind });
      }
    }
    return { kind: b.kind, text, facts: marks };
  });
}
