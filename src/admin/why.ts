import { ask } from '../core/ask.js';
import type { FactStore } from '../store/fact-store.js';

const STATUS_WORDS = { actual: '实际数', target: '目标数', change: '变化量' } as const;

/** How a question was matched, line by line: the admin "why" command and the local page. */
export function explainMatch(store: FactStore, question: string): string[] {
  const r = ask(store, question, {});
  const p = r.parsed;
  const lines = [
    `规范化：${p.key}`,
    `地区：${p.regions.map((x) => x.name).join('、') || '无'}${p.unknownPlaces.length ? `；未知地名：${p.unknownPlaces.join('、')}` : ''}`,
    `年份：${p.year ?? '无'}；要的是：${STATUS_WORDS[p.status]}${p.level ? `（${p.level}）` : ''}；答案类型：${p.type}${p.measure ? `（量词 ${p.measure}）` : ''}${p.prefers.length ? `；偏好 ${p.prefers.join('、')}` : ''}`,
    `词：${p.tokens.map((t) => `${t.word}${t.typed ? `←${t.typed}` : ''}(${t.weight.toFixed(2)})`).join(' ')}`,
  ];
  const candidates = [...(r.match?.answers ?? []), ...(r.match?.suggestions ?? [])].slice(0, 3);
  for (const s of candidates) {
    const factors = Object.entries(s.detail.factors).map(([k, v]) => `${k}×${v.toFixed(2)}`).join(' ');
    const hits = s.detail.tokens.map((t) => `${t.word}@${t.zone ?? '-'}`).join(' ');
    lines.push(`${s.confidence.toFixed(3)} ${s.fact.answer} ${s.fact.metric}（${s.fact.region}${s.fact.level ? `，${s.fact.level}` : ''}，${STATUS_WORDS[s.fact.status]}）覆盖 ${s.detail.coverage.toFixed(2)} ${factors} | ${hits}`);
  }
  if (!candidates.length) lines.push(r.note ?? (r.intent !== 'ask_figure' ? `这是指令：${r.intent}` : '没有候选'));
  return lines;
}
