import { z } from 'zod';
import { DOCUMENT_KINDS, type Block } from './clean.js';
import type { DocMeta } from './types.js';
import { tag, taggedPlace } from '../text/segment.js';

/**
 * The sidecar `<report>.meta.json` an admin may write beside a report; every field is optional.
 * A field it does not know (a misspelling, `source`) is dropped with a note, not the whole file.
 */
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
  });

/** The fields of a sidecar this version does not read, to name in the report's notes. */
export function unknownMetaFields(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.keys(raw).filter((k) => !Object.hasOwn(MetaFileSchema.shape, k));
}
export type MetaFile = z.infer<typeof MetaFileSchema>;

/**
 * 某省甲市, 某省乙市丙区: a place written with the places it lies in is the last of them,
 * in the one before it. A single place (乙市, 辰区, 河北省) stays as it is.
 */
export function splitPlace(place: string): { region: string; parentRegion?: string } {
  const parts = /^(.+?(?:省|自治区))?(.+?(?:市|自治州|盟|地区))?(.+?(?:区|县|旗|市))?$/.exec(place.trim());
  const named = parts ? parts.slice(1).filter((p): p is string => !!p) : [];
  if (named.length < 2 || named.join('') !== place.trim()) return { region: place };
  return { region: named.at(-1)!, parentRegion: named.at(-2)! };
}

/** A sidecar whose region names the places it lies in too, read as the place and its parent. */
function placeOf(file: MetaFile): MetaFile {
  if (!file.region) return file;
  const { region, parentRegion } = splitPlace(file.region);
  return { ...file, region, ...(parentRegion && !file.parentRegion ? { parentRegion } : {}) };
}

/** Merges what the sidecar says with what the text says; the sidecar wins field by field. */
export function resolveMeta(blocks: Block[], sidecar: MetaFile | undefined, fallbackTitle: string, hints: { title?: string; date?: string } = {}): DocMeta {
  const file = sidecar && placeOf(sidecar);
  // A region the metadata file gives is not read off the text again (a pass of jieba over it all).
  // What the format says of itself (a page's title and date) outranks what is read off the text.
  const derived = { ...deriveMeta(blocks, fallbackTitle, file?.region ? { region: file.region, ...(file.parentRegion ? { parentRegion: file.parentRegion } : {}) } : undefined), ...hints };
  const merged: DocMeta = file ? { ...derived, ...stripUndefined(file), origin: 'file' } : { ...derived, origin: 'derived' };
  if (file) {
    const fromFile = Object.keys(stripUndefined(file));
    if (!fromFile.includes('title') || !fromFile.includes('region')) merged.origin = 'mixed';
  }
  const periodYear = periodOf(merged.title);
  const periodMonth = monthOf(merged.title);
  return { ...merged, ...(periodYear ? { periodYear } : {}), ...(periodYear && periodMonth ? { periodMonth } : {}) };
}

/**
 * The year a report looks back on, from its title: 2023年…统计公报 → 2023. A government work
 * report is delivered early in the year it names and reviews the year before.
 */
export function periodOf(title: string): number | undefined {
  const m = /((?:19|20)\d{2})\s*年/.exec(title);
  if (!m) return undefined;
  const year = Number(m[1]);
  return /政府工作报告/.test(title) && !/年度/.test(title) ? year - 1 : year;
}

/** The one month a text names (2024年5月, 5月份), not a span of months (1—5月). */
export function monthOf(text: string): number | undefined {
  const m = /(?<![\d—\-~到至])(\d{1,2})月(?!\s*[—\-~到至]|\d|[日号])/.exec(text);
  const month = m ? Number(m[1]) : undefined;
  return month && month >= 1 && month <= 12 ? month : undefined;
}

// 上半年, 一季度, 前三季度: spans of months by another name.
export const MONTH_SPAN_WORDS = /(上半年|下半年|前三季度|(?:第)?[一二三四1-4]季度)/;
// 1—6月, written without its year.
export const BARE_MONTH_SPAN = /(?<![\d年])\d{1,2}\s*(?:—|-|~|到|至)\s*\d{1,2}月/;
const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function namedSpan(word: string): { from: number; to: number } {
  if (word === '上半年') return { from: 1, to: 6 };
  if (word === '下半年') return { from: 7, to: 12 };
  if (word === '前三季度') return { from: 1, to: 9 };
  const q = QUARTER[word.replace(/^第/, '')[0]!]!;
  return { from: q * 3 - 2, to: q * 3 };
}

/** The months a text names: one (5月 → 5–5) or a span (1—5月, 1到5月, 上半年 → 1–5, 1–6). */
export function monthsOf(text: string): { from: number; to: number } | undefined {
  const named = MONTH_SPAN_WORDS.exec(text);
  if (named) return namedSpan(named[1]!);
  const span = /(?<!\d)(\d{1,2})\s*(?:月)?\s*(?:—|-|~|到|至)\s*(\d{1,2})月/.exec(text);
  if (span) return { from: Number(span[1]), to: Number(span[2]) };
  const one = monthOf(text);
  return one ? { from: one, to: one } : undefined;
}

/** 我院, 全院, 本院: a hospital speaking of itself. */
export const SELF_SAID = /我院|全院|本院/;
const SELF_INSTITUTION = new RegExp(SELF_SAID.source, 'g');
// 在…职工代表大会上的报告, 于…座谈会上的讲话: a speech's title, naming where it was given.
const SPEECH_AT = /^\s*(?:在|于)[\u3400-\u9fff\d]{2,40}?(?:会议|大会|职代会|座谈会|会)上的/;
const OWN_REPORT = /(?:工作)?总结$|年报$|(?:年度|工作|运行|绩效|质量|社会责任|述职)报告$|自评报告$/;
const OTHER_NAME = /^\s*([\u3400-\u9fff]{2,24})[(（]([\u3400-\u9fff]{2,24})[)）]/;
// 医共体, 医疗集团, 医联体: a group of institutions, which its lead hospital's name does not stand for.
const GROUP_NAME = /医共体|共同体|集团|医联体|联盟|联合体/;
const INSTITUTION = /([\u3400-\u9fff]{2,24}?(?:医院|卫生院|保健院|疾病预防控制中心|急救中心))/;

/**
 * A report that speaks of 我院 is a hospital's own: its subject is the hospital its title names,
 * and its region the district or county in the hospital's name.
 */
export function deriveInstitution(title: string, text: string): { subject: string; region?: string; parentRegion?: string } | undefined {
  // (在某医院职代会上的工作报告: the title opens on where the speech was given; 于都县… is a name.)
  const dated = title.replace(/(?:19|20)\d{2}\s*年度?/g, '');
  const bare = SPEECH_AT.test(dated) ? dated.replace(/^\s*(?:在|于)/, '') : dated;
  const name = INSTITUTION.exec(bare)?.[1];
  // "某县人民医院2024年工作总结": a title that opens on the hospital and names a report of its own
  // says whose the report is, as 我院 throughout the text does.
  // (A CDC's or an emergency centre's summary reports its city's figures, not its own.)
  // (甲市精神卫生中心（甲市第三人民医院）…工作报告: the hospital by its other name, in brackets after the
  // first; not a 医共体（甲县人民医院）, a group the hospital leads, whose figures are all its members'.)
  const other = OTHER_NAME.exec(bare);
  const opens = !!name && (bare.startsWith(name) || (other?.[2] === name && !GROUP_NAME.test(other[1]!)));
  const ownTitle = !!name && /(?:医院|卫生院|保健院)$/.test(name) && opens && OWN_REPORT.test(title);
  if (!ownTitle && (text.match(SELF_INSTITUTION) ?? []).length < 3) return undefined;
  // 卫生健康局全县乡镇卫生院院长座谈会: a kind of institution an office meets with, not one's name.
  // (第三季度医院感染监测报告: a period before 医院 names no hospital.)
  if (!name || /局|委员会|卫健委|全[省市县区]|乡镇|各/.test(name) || /^(?:第?[一二三四]季度|[上下]半年|\d{1,2}月|全年)/.test(name)) return undefined;
  const district = /([\u3400-\u9fff]{2,3}?[区县])/.exec(name.replace(/^[\u3400-\u9fff]{2,3}市/, ''))?.[1];
  const city = /^([\u3400-\u9fff]{2,3}市)/.exec(name)?.[1];
  return { subject: name, ...(district ? { region: district } : {}), ...(district && city ? { parentRegion: city } : {}) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const FULL_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/;
// (某市卫生健康委员会办公室　　2024年7月15日: the office that issued it, then its date, on one line.)
const IMPRINT_DATE = /(?:编|印|印发|发布|制|(?:委员会|卫健委|局|厅|办公室|政府|中心)\s)[,，\s]*((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$/;
// （2024年4月18日，根据录音整理）, ——2024年4月25日在某市人大常委会会议上: a speech's or transcript's
// date, in brackets or after a dash under its title.
const BRACKET_DATE = /^[(（]\s*((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日(?:[,，、\s][^()（）]{0,16})?[)）]$/;
// (A meeting's session, 在某市人大常委会第九次会议上; not a quoted speech, 在…大会上的讲话.)
const titleText = (blocks: Block[]) => blocks.find((b) => b.kind === 'heading')?.text ?? '';
const yearsIn = (text: string) => [...text.matchAll(/((?:19|20)\d{2})年/g)].map((y) => Number(y[1]));
const DASH_DATE = /^——\s*((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日在[^,，。]{2,40}?会议上(?!的讲话)/;
// (关于市五届人大二次会议第0088号建议的答复: a title may hold a number.)
const DOCUMENT_TITLE = new RegExp(`[\\u3400-\\u9fff\\d"“”〔〕]{6,}(?:${DOCUMENT_KINDS}|复函)$`);
const LABEL_LINE = /^[\u3400-\u9fff]{2,6}[:：]/;
const NOT_REGION = new Set([
  '全市', '我市', '本市', '全区', '我区', '本区', '全县', '我县', '全省', '我省', '城市', '社区', '辖区', '山区',
  '城区', '市区', '地区', '园区', '片区', '景区', '街区', '新区', '全国', '国家', '中国', '省内', '市级', '县级',
]);

/** What can be read off a report that came without metadata. */
export function deriveMeta(blocks: Block[], fallbackTitle: string, knownArea?: { region: string; parentRegion?: string }): Omit<DocMeta, 'origin'> {
  const text = blocks.map((b) => b.text).join('\n');
  const headings = blocks.filter((b) => b.kind === 'heading' && !LABEL_LINE.test(b.text));
  const titled = headings.slice(0, 4).find((h) => DOCUMENT_TITLE.test(h.text));
  const title =
    // A page's site name (…人民政府门户网站) may stand above the article's title, which names its kind.
    titled?.text ??
    headings.find((h) => h.text.length >= 6 && !FULL_DATE.test(h.text) && !/^\(.*\)$/.test(h.text))?.text ??
    firstSentence(blocks) ??
    fallbackTitle;

  // A letter's date stands alone at its end; a bulletin's under its title (2024年6月); an
  // article's may not be there at all.
  const dateLine = [...blocks].reverse().find((b) => b.kind === 'heading' && FULL_DATE.test(b.text) && b.text.length <= 16);
  const m = dateLine ? FULL_DATE.exec(dateLine.text) : null;
  // (（2024年1月）: a speech's month in brackets under its title and speaker.)
  const month = m ? null : blocks.slice(0, 6).map((b) => /^(?:[(（]\s*)?((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?(?:\s*[)）])?$/.exec(b.text.trim())).find(Boolean);
  // 访谈时间:2025年4月10日上午, 发布时间:…: a transcript's or article's label line.
  // (发布日期：2024年2月 gives its month alone.)
  // (A label line opens on its label; 监测时间：2023年1月至12月 is a span covered, no date.)
  const labelled = m || month ? null : blocks.slice(0, 12).map((b) => /^(?:[\u3400-\u9fff]{0,4}(?:时间|日期))[:：]\s*((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?(?!\s*[至到—~-])/.exec(b.text.trim())).find(Boolean);
  // 某科　编　2024年10月20日: a bulletin's imprint under its title ends on its date.
  // (——…会议上 right under the title, of no year before the one the title names.)
  const dashed = blocks.slice(0, 3).map((b) => DASH_DATE.exec(b.text.trim())).find((d) => !!d && !yearsIn(titleText(blocks)).some((y) => y > Number(d[1])));
  const imprint = m || month || labelled ? null : (blocks.slice(0, 8).map((b) => (b.text.length <= 48 ? (IMPRINT_DATE.exec(b.text.trim()) ?? BRACKET_DATE.exec(b.text.trim())) : null)).find(Boolean) ?? dashed);
  const full = m ?? (labelled?.[3] ? labelled : null) ?? imprint;
  const monthOnly = month ?? (labelled && !labelled[3] ? labelled : null);
  const date = full ? `${full[1]}-${full[2]!.padStart(2, '0')}-${full[3]!.padStart(2, '0')}` : monthOnly ? `${monthOnly[1]}-${monthOnly[2]!.padStart(2, '0')}` : undefined;

  const publisher = headings.find((h) => /(人民政府|委员会|卫生健康委|卫健委|卫生健康局|日报|融媒体中心)$/.test(h.text))?.text;
  // (上海市某区人民医院 over 2024年第三季度…报告: the line above names the place, and the hospital
  // whose report it is, unless the report names it again among others: a 医共体's report lists its
  // lead hospital beside its members.)
  const body = nameAbove(headings, titled);
  const above = body ? `${body}${title}` : undefined;
  // (A sign-off, 某医院感染管理科, is the hospital's own too; a table's row of it is a member's.)
  const own = above && !blocks.some((b) => b.kind === 'table' && b.text.includes(body!)) ? above : title;
  // (A letter's title names no place; the body that sends it, above, does: 某市卫生健康委员会.)
  // (在全市控烟工作推进会上的讲话 / 九江市人民政府副市长 ×××: a speech's place is its speaker's office,
  // however often it names its counties; a body the text only cites, 根据某市卫健委部署, is not.)
  // (中共海原县卫生健康局党组: the Party's body of a county's bureau is the county's.)
  const office = blocks.slice(0, 6).map((b) => (ADDRESSEE.test(b.text) ? undefined : OFFICE_LINE.exec(b.text.trim().replace(/^中共/, ''))?.[0])).find(Boolean);
  const area = knownArea ?? titleRegion(above ?? title, text) ?? (publisher ? titleRegion(publisher, text) : undefined) ?? (office ? titleRegion(office, text) : undefined) ?? deriveRegion(text);
  const institution = deriveInstitution(own, text);
  const region = institution?.region ?? area.region;
  const parentRegion = institution?.region ? institution.parentRegion ?? (area.region !== region ? area.region : undefined) : area.parentRegion;
  return {
    // (Its own report's title names the hospital, as a citation must.)
    title: own.replace(/,/g, ' ').slice(0, 80),
    region,
    ...(parentRegion ? { parentRegion } : {}),
    ...(date ? { date } : {}),
    ...(publisher && publisher !== title ? { publisher } : {}),
    ...(institution ? { subject: institution.subject } : {}),
  };
}

// 上海市某区人民医院 / 2024年第三季度医院感染监测报告: the body a title's first line names.
const BODY_LINE = /^[\u3400-\u9fff]{4,30}(?:医院|中心|委员会|卫健委|卫生健康局|卫生院|保健院|血站|研究所|疾控中心)$/;

/** The line naming the body a title is of, above a title that opens on its period; else none. */
function nameAbove(headings: Block[], title: Block | undefined): string | undefined {
  if (!title || !/^(?:19|20)\d{2}年/.test(title.text)) return undefined;
  const line = headings[headings.indexOf(title) - 1]?.text.trim();
  return line && BODY_LINE.test(line) ? line : undefined;
}

/**
 * The place a title opens with (巳市2023年卫生健康统计简报, 2023年某省…公报): the report speaks
 * for it, whatever places its text names more often.
 */
export function titleRegion(title: string, text: string): { region: string; parentRegion?: string } | undefined {
  // (关于2024年第一季度某片区…的通报: the place stands after the notice's own words and its period.)
  // (易县, 沛县: a county may be named with one character.)
  // (【民生访谈】…——某市卫生健康委员会主任专访实录: else the body the title names anywhere.)
  const m = /^([\u3400-\u9fff]县(?!城|域|级|乡|里|委|政府)|[\u3400-\u9fff]{2,7}?(?:自治区|省|市|区|县|州|旗))/.exec(title.replace(TITLE_OPENING, ''));
  let place = m?.[1] ?? bodyInTitle(title, text);
  let parent: string | undefined;
  // 甲市乙区卫生健康局: the district after its city is the place.
  const district = place && /市$/.test(place) ? /^([\u3400-\u9fff]{2,4}?[区县旗])/.exec(title.slice(title.indexOf(place) + place.length))?.[1] : undefined;
  if (place && district && !NOT_REGION.has(district)) [parent, place] = [place, district];
  // (各县区, 全市: the places of a kind, or the whole, name no one place.)
  if (!place || NOT_REGION.has(place) || /^[各全本该我每]/.test(place) || !text.includes(place)) return undefined;
  if (parent) return { region: place, parentRegion: parent };
  const short = place.replace(/(自治区|省|市|区|县|州|旗)$/, '');
  const again = text.includes(place, text.indexOf(place) + 1);
  // (易县: one character and 县, when the text names it again.)
  // (大理州, 某某族自治州: a prefecture said by its own kind is a place, however jieba tags its name.)
  const prefecture = /自治[州县旗]$|^[\u3400-\u9fff]{2}州$/.test(place);
  // (岳阳市: jieba may know a city whole, 岳阳市, and not its short name; not a kind of city, 文明城市.)
  const known = taggedPlace(short, /城市$/.test(place) ? '' : place);
  if (!prefecture && ((short.length < 2 && !(/县$/.test(place) && again)) || (!known && !again))) return undefined;
  if (/[区县旗]$/.test(place)) {
    const city = new RegExp(`([\\u3400-\\u9fff]{2,4}市)${place}`).exec(text)?.[1];
    return { region: place, ...(city ? { parentRegion: city } : {}) };
  }
  return { region: place };
}

const BODY = /(?:卫生健康委员会|卫生健康委|卫健委|卫生健康局|卫生局|人民政府|疾病预防控制中心|医疗保障局)/;

/**
 * 【民生访谈】…——对话某市卫生健康委员会主任: the place of a body the title names after other words,
 * the shortest name before the body that the segmenter knows as a place or the text says again.
 */
function bodyInTitle(title: string, text: string): string | undefined {
  const at = title.search(BODY);
  for (let n = 3; at > 0 && n <= Math.min(at, 6); n++) {
    const name = title.slice(at - n, at);
    if (!/^[\u3400-\u9fff]+(?:市|区|县|州)$/.test(name)) continue;
    const short = name.slice(0, -1);
    if (taggedPlace(short, name) || text.split(name).length > 2) return name;
  }
  return undefined;
}
const TITLE_OPENING = /^(?:关于)?(?:(?:19|20)\d{2}\s*年度?)?(?:第?[一二三四1-4]季度|[上下]半年|\d{1,2}\s*[—\-~至到]\s*\d{1,2}月|\d{1,2}月份?)?/;

function firstSentence(blocks: Block[]): string | undefined {
  const p = blocks.find((b) => b.kind === 'paragraph');
  return p?.text.split(/[。!?]/)[0]?.slice(0, 40);
}

// (某市卫生健康委员会： alone on its line is a letter's addressee, not its author.)
const ADDRESSEE = /^[^,，。;；]{2,30}[:：]\s*$/;
// 九江市人民政府副市长 ×××: a line under the title that names the speaker's or author's office.
// (某市人大常委会执法检查组, 某市医疗保障局: other bodies of the place report on health too.)
const OFFICE_LINE = /^([\u3400-\u9fff]{2,8}?(?:市|州|盟|县|区|旗))(?:人民政府|卫生健康委员会|卫生健康委|卫健委|卫生健康局|人大常委会|人民代表大会|政协|医疗保障局|疾病预防控制中心|疾控中心)/;

/**
 * The region a report speaks for is the place it names most, with its administrative suffix as the
 * text writes it; "我区" and "全区" outnumbering "我市" and "全市" say it is a district.
 */
export function deriveRegion(text: string): { region: string; parentRegion?: string } {
  const counts = new Map<string, number>();
  const add = (name: string, n = 1) => counts.set(name, (counts.get(name) ?? 0) + n);
  for (const t of tag(text)) {
    // (县市区, 旗县: the kinds of place, no place.)
    // (各县区: every county, no one of them; not 本溪市 or 全椒县, places of their own.)
    if (t.word.length < 2 || NOT_REGION.has(t.word) || /^[省市县区旗盟州乡镇]+$/.test(t.word) || /^各[县区市乡镇]/.test(t.word)) continue;
    if (t.tag === 'ns' || (/^[\u3400-\u9fff]{2,3}(区|县)$/.test(t.word) && t.tag !== 'v')) add(t.word);
  }
  // Fold 乙市 into 乙市 when the text uses both.
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

/**
 * When a report with no date and no year in its title (调研报告, 讲话稿) stands: the latest year it
 * states something for. Years it plans for (到2027年, 力争…, 2025年至2027年每年…) are left out.
 */
export function latestStatedYear(blocks: Block[]): number | undefined {
  let latest: number | undefined;
  let firstPlanned: number | undefined;
  for (const b of blocks) {
    for (const sentence of b.text.split(/[。；;!！?？\n]/)) {
      if (PLANS.test(sentence)) {
        for (const m of sentence.matchAll(STATED_YEAR)) firstPlanned = Math.min(firstPlanned ?? Infinity, Number(m[1]));
        continue;
      }
      for (const m of sentence.matchAll(STATED_YEAR)) {
        // 到2027年 plans; 截至2024年 and 截止到2024年 state.
        if (/(?<!截|截止)[到至]$/.test(sentence.slice(0, m.index))) continue;
        const year = Number(m[1]);
        if (!latest || year > latest) latest = year;
      }
    }
  }
  // Minutes that plan "2025年重点任务" and speak of 明年 were written the year before.
  if (!latest && firstPlanned && blocks.some((b) => /明年/.test(b.text))) return firstPlanned - 1;
  return latest;
}

const PLANS = /将|力争|争取|计划|预计|目标|确保|规划|谋划|部署|打算|要|方案|安排|重点任务/;
// 2024年 of "截至2024年6月底", not 到2027年 nor 2025年至2027年.
const STATED_YEAR = /(?<!\d)((?:19|20)\d{2})\s*年(?!\s*(?:\d{1,2}月\s*)?(?:至|到|—|-|~))/g;
