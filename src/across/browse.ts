import type { Indicator } from '../catalogue/indicators.js';
import { matchKey } from '../text/normalize.js';
import type { FactStore } from '../store/fact-store.js';
import type { ParsedQuestion } from '../match/question.js';
import { questionFor } from '../match/question-for.js';
import type { AcrossResult } from './types.js';

const TOPIC_NAMES: Record<Indicator['topic'] | 'other', string> = {
  resources: '资源与机构',
  staff: '卫生人员',
  services: '医疗服务',
  efficiency: '运行效率',
  cost: '费用',
  public_health: '公共卫生',
  maternal_child: '妇幼健康',
  disease: '疾病防控',
  insurance: '医疗保障',
  planning: '规划目标',
  health_outcome: '健康水平',
  other: '其他',
};
const PER_TOPIC = 6;
const TOPICS_SHOWN = 6;

/**
 * 枣庄有哪些数据, 这份公报讲了什么, /报告 <名>: the indicators the bot has for a region or a
 * report, grouped by topic, each as a question that the bot answers with that very figure.
 */
export function browse(store: FactStore, q: ParsedQuestion, core: string): AcrossResult | undefined {
  const docs = reportsNamed(store, core);
  const regions = new Set(q.regions.flatMap((r) => store.regions.withDescendants(r.name)));
  const facts = store.facts.filter((f) => f.kind === 'figure' && f.status === 'actual' && (docs.length ? docs.includes(f.docId) : regions.size ? regions.has(f.region) : false));
  if (!facts.length) return undefined;
  const topics = topicsTouched(store, q);
  const groups = new Map<string, { indicator: string; question: string }[]>();
  const seen = new Set<string>();
  for (const f of facts) {
    const named = store.intents.catalogue.find(f.metric)[0]?.indicator;
    // Only indicators the catalogue knows: a report's loose phrases make poor questions.
    if (!named || (topics.size && !topics.has(named.id))) continue;
    const indicator = named?.name ?? f.metric;
    const question = questionFor(f);
    if (!question || f.metric.length > 16 || seen.has(indicator)) continue;
    seen.add(indicator);
    const topic = TOPIC_NAMES[named?.topic ?? 'other'];
    const list = groups.get(topic) ?? [];
    if (list.length < PER_TOPIC) list.push({ indicator: named ? named.name : f.metric, question });
    groups.set(topic, list);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === '其他' ? 1 : b === '其他' ? -1 : 0)).slice(0, TOPICS_SHOWN);
  const title = docs.length === 1 ? `《${store.docs.get(docs[0]!)?.meta.title ?? docs[0]}》` : q.regions.map((r) => r.name).join('、');
  return {
    kind: 'browse',
    indicator: title,
    rows: [],
    missing: [],
    mixed: null,
    notes: [`${title}共有${facts.length}个数字，按主题列出其中一部分；点选或复制问题即可查询。`],
    groups: ordered.map(([topic, items]) => ({ topic, items })),
  };
}

/** Reports whose title, file name or region the words name (这份江西统计公报, /报告 弋江). */
export function reportsNamed(store: FactStore, words: string): string[] {
  const key = matchKey(words).replace(/报告|这份|那份|讲了什么|有哪些数据|的/g, '');
  if (key.length < 2) return [];
  const hits: { id: string; score: number }[] = [];
  for (const [id, d] of store.docs) {
    const title = matchKey(d.meta.title);
    if (id.startsWith(key) || title.includes(key)) hits.push({ id, score: key.length * 2 });
    else {
      // Shared characters in order: 江西公报 names 江西省卫生健康事业发展统计公报.
      let at = 0;
      let n = 0;
      for (const ch of key) {
        const i = title.indexOf(ch, at);
        if (i >= 0) {
          n++;
          at = i + 1;
        }
      }
      if (n >= Math.max(2, key.length * 0.75)) hits.push({ id, score: n });
    }
  }
  if (!hits.length) return [];
  const best = Math.max(...hits.map((h) => h.score));
  return hits.filter((h) => h.score === best).map((h) => h.id);
}

/** 关于床位有哪些数字: only indicators of the lineage the question names (床位 and its parts). */
function topicsTouched(store: FactStore, q: ParsedQuestion): Set<string> {
  const out = new Set<string>();
  const cat = store.intents.catalogue;
  for (const id of q.indicators) for (const ind of cat.byId.values()) if (cat.lineage(ind.id).includes(id)) out.add(ind.id);
  return out;
}
