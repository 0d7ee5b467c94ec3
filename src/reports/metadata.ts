import { z } from 'zod';
import type { Block } from './clean.js';
import type { DocMeta } from './types.js';
import { tag } from '../text/segment.js';

/** The sidecar `<report>.meta.json` an admin may write beside a report; every field is optional. */
export const MetaFileSchema = z
  .object({
    title: z.string().min(1).optional(),
    publisher: z.string().min(1).optional(),
    author: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    parentRegion: z.string().min(1).optional(),
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'date is YYYY, YYYY-MM or YYYY-MM-DD')
      .optional(),
    period: z.string().min(1).optional(),
  })
  .strict();
export type MetaFile = z.infer<typeof MetaFileSchema>;

/** Merges what the sidecar says with what the text says; the sidecar wins field by field. */
export function resolveMeta(blocks: Block[], file: MetaFile | undefined, fallbackTitle: string): DocMeta {
  const derived = deriveMeta(blocks, fallbackTitle);
  if (!file) return { ...derived, origin: 'derived' };
  const merged: DocMeta = { ...derived, ...stripUndefined(file), origin: 'file' };
  const fromFile = Object.keys(stripUndefined(file));
  if (!fromFile.includes('title') || !fromFile.includes('region')) merged.origin = 'mixed';
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const FULL_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/;
const LABEL_LINE = /^[\u3400-\u9fff]{2,6}[:：]/;
const NOT_REGION = new Set([
  '全市', '我市', '本市', '全区', '我区', '本区', '全县', '我县', '全省', '我省', '城市', '社区', '辖区', '山区',
  '城区', '市区', '地区', '园区', '片区', '景区', '街区', '新区', '全国', '国家', '中国', '省内', '市级', '县级',
]);

/** What can be read off a report that came without metadata. */
export function deriveMeta(blocks: Block[], fallbackTitle: string): Omit<DocMeta, 'origin'> {
  const text = blocks.map((b) => b.text).join('\n');
  const headings = blocks.filter((b) => b.kind === 'heading' && !LABEL_LINE.test(b.text));
  const title =
    headings.find((h) => h.text.length >= 6 && !FULL_DATE.test(h.text) && !/^\(.*\)$/.test(h.text))?.text ??
    firstSentence(blocks) ??
    fallbackTitle;

  // A letter's date stands alone at its end; an article's may not be there at all.
  const dateLine = [...blocks].reverse().find((b) => b.kind === 'heading' && FULL_DATE.test(b.text) && b.text.length <= 16);
  const m = dateLine ? FULL_DATE.exec(dateLine.text) : null;
  const date = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;

  const { region, parentRegion } = deriveRegion(text);
  const publisher = headings.find((h) => /(人民政府|委员会|卫生健康委|卫健委|卫生健康局|日报|融媒体中心)$/.test(h.text))?.text;
  return {
    title: title.replace(/,/g, ' ').slice(0, 80),
    region,
    ...(parentRegion ? { parentRegion } : {}),
    ...(date ? { date } : {}),
    ...(publisher && publisher !== title ? { publisher } : {}),
  };
}

function firstSentence(blocks: Block[]): string | undefined {
  const p = blocks.find((b) => b.kind === 'paragraph');
  return p?.text.split(/[。!?]/)[0]?.slice(0, 40);
}

/**
 * The region a report speaks for is the place it names most, with its administrative suffix as the
 * text writes it; "我区" and "全区" outnumbering "我市" and "全市" say it is a district.
 */
export function deriveRegion(text: string): { region: string; parentRegion?: string } {
  const counts = new Map<string, number>();
  const add = (name: string, n = 1) => counts.set(name, (counts.get(name) ?? 0) + n);
  for (const t of tag(text)) {
    if (t.word.length < 2 || NOT_REGION.has(t.word)) continue;
    if (t.tag === 'ns' || (/^[\u3400-\u9fff]{2,3}(区|县)$/.test(t.word) && t.tag !== 'v')) add(t.word);
  }
  // Fold 枣庄 into 枣庄市 when the text uses both.
  const merged = new Map<string, number>();
  for (const [name, n] of counts) {
    const full = ['市', '区', '县'].map((s) => name + s).find((f) => counts.has(f));
    const key = full ?? name;
    merged.set(key, (merged.get(key) ?? 0) + n);
  }
  const ranked = [...merged].filter(([name]) => !/省$/.test(name)).sort((a, b) => b[1] - a[1]);
  const self = (s: string) => (text.match(new RegExp(`[我全本]${s}`, 'g')) ?? []).length;
  const districtish = self('区') + self('县') > self('市');
  if (districtish) {
    const district = ranked.find(([n]) => /(区|县)$/.test(n));
    const city = ranked.find(([n]) => /市$/.test(n) && text.includes(n + (district?.[0] ?? '')));
    if (district) return { region: district[0], ...(city ? { parentRegion: city[0] } : {}) };
  }
  const top = ranked[0]?.[0];
  if (!top) return { region: '未知地区' };
  return { region: /(市|区|县|州|盟|旗)$/.test(top) || !text.includes(top + '市') ? top : top + '市' };
}
