import type { AskResult } from '../core/ask.js';
import type { FactStore } from '../store/fact-store.js';

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
