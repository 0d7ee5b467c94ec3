import type { AskResult } from '../core/ask.js';
import type { FactStore } from '../store/fact-store.js';
import { acrossLines } from '../core/across-lines.js';
import { acrossTitle } from '../core/cards.js';
import type { AcrossResult } from '../across/types.js';

/** An answer as a person reads it in a terminal. */
export function renderText(r: AskResult, store: FactStore): string {
  switch (r.intent) {
    case 'ask_figure':
      break;
    case 'help':
      return '我回答卫生健康报告里的数据问题,每个数字都注明出处。例如:"枣庄实际开放床位多少张"、"淄博专科联盟有几个"、"那瑞安呢"。输入 /sources 查看报告。';
    case 'sources':
      return [...store.docs.values()]
        .map((d) => `· 《${d.meta.title}》 ${d.meta.region}${d.meta.date ? ' ' + d.meta.date : ''}  ${d.facts} 条  [${d.id}]`)
        .join('\n');
    case 'unknown_command':
      return `不认识的指令 ${r.parsed.args ?? ''}。输入 /help 查看用法。`;
    default:
      return `"${r.intent}" 是群聊里的管理员指令。`;
  }
  if (r.across) return acrossText(r.across);
  if (r.answers.length === 0) {
    const lines = [r.note ?? '没有找到答案。'];
    if (r.suggestions.length) lines.push(`我知道的有:${r.suggestions.join(';')}`);
    return lines.join('\n');
  }
  // One block per region when several answer; otherwise the answer and its related facts.
  const perRegion = new Set(r.answers.map((a) => a.region)).size > 1;
  return r.answers
    .map((a, i) => {
      const head = `${i === 0 ? '▶' : '·'} ${a.answer}  ${a.metric}(${a.region}${a.time ? ',' + a.time : ''})`;
      if (i > 0 && !perRegion) return `${head}  [${a.source.file}]`;
      return [
        head,
        `  “${a.quote}”`,
        `  ——《${a.source.title}》${a.source.date ? ' ' + a.source.date : ''}${a.source.page ? ` 第${a.source.page}页` : ''}  [${a.source.file}]  置信度 ${a.confidence.toFixed(2)}`,
      ].join('\n');
    })
    .join('\n');
}

/** A comparison, series or ranking as a text table: one row a figure, its source beside it. */
export function acrossText(r: AcrossResult): string {
  const l = acrossLines(r);
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
  const headW = Math.max(0, ...l.rows.map((x) => width(x.head)));
  const answerW = Math.max(0, ...l.rows.map((x) => width(x.answer)));
  return [
    `▶ ${acrossTitle(r)}`,
    ...l.rows.map((x) => `  ${pad(x.head, headW)}  ${pad(x.answer, answerW)}  ${x.source}`),
    ...(l.result ? [`  = ${l.result}`] : []),
    ...l.groups.flatMap((g) => [`  【${g.topic}】`, ...g.questions.map((q) => `    · ${q}`)]),
    ...l.notes.map((n) => `  ${n}`),
  ].join('\n');
}
