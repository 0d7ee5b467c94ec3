import type { ReportDoc } from '../reports/types.js';
import { tag } from '../text/segment.js';
import { prettyChinese, prettyWithOffsets } from '../text/normalize.js';
import { findFigures, type Figure } from './figures.js';
import { findTime, SINGLE_MONTH, type TimeRef } from './time.js';
import { levelOf, NOT_PLANNING, PLAN_MODAL, RAISE_PLANNED, statusOf, type FactStatus, type Level } from './status.js';
import { baseParenthesis, changeFrameOf, isBareChange, measureOfChange, type ChangeFrame } from './change-base.js';
import { BARE_MONTH_SPAN, MONTH_SPAN_WORDS, monthsOf, SELF_SAID } from '../reports/metadata.js';
import { rankedItems } from './rankings.js';
import { headingSubject, isPlanHeading, LIST_MARKER, NAMES_NOTHING, runInHeading } from './headings.js';
import { CHANGE_HEADER, tableFacts, YEAR_HEADER } from './table-facts.js';
import { acronymsOf, headerSpelledOut } from './acronyms.js';
import { placesSpelledOut } from './short-places.js';
import { announcedSpeaker, sayer, speakerOf, speakerPlace, type SpeakerRole, type Turn } from './speakers.js';
import { STANDING_END, STANDING_WORDS } from '../text/standing.js';
import { RATE_HEADER, RATE_WORDS } from '../text/rates.js';
import { clausePlace, measureAfterBracketRun, NOT_PLACE, opensBracketRun, PLACE_SUFFIX, placeBeforeBracket, kindOfTotal, partOfTotal, withAccountLines, withComparedMeasures, withGroupMeasures, withLeadTopic, withPerHeadCounts, withPreviousMeasure, withRunSubjects, PER_HEAD } from './breakdowns.js';
import { unitClassOfMeasure, unitOfMeasure, type UnitClass } from './units.js';
import {
  endsWithVerb,
  leadingNounPhrase,
  splitSentences,
  splitTopLevel,
  startsWithVerb,
  trimPhrase,
  type Span,
} from './text-spans.js';

export type FactKind = 'figure' | 'date' | 'statement';

export interface Fact {
  /** `<file>#<n>`, stable for one version of a report. */
  id: string;
  docId: string;
  kind: FactKind;
  /** The figure and unit as written (2702个, 3.1万余人, 80%以上), a date, or a statement's object. */
  answer: string;
  value?: number;
  unit: string;
  unitClass: UnitClass;
  /** What it measures, in the report's words. */
  metric: string;
  /** In "由X提升到Y", X is the earlier value and Y the current one. */
  role?: 'from' | 'to';
  /** A level reached, a level planned, or a change. */
  status: FactStatus;
  /** A change's base (同比, 较上月, 比2020年) and direction. */
  change?: ChangeFrame;
  /** An item of a ranked list (居前5位的病种依次为…): its place, from 1. */
  rank?: number;
  /** Set when the figure is cited for the whole country or province, not the fact's region. */
  level?: Level;
  /** The institution the figure is about when it is not a region (a hospital's own report). */
  subject?: string;
  /** The subject is a row of a wider area's table (甲县人民医院 in a city's notice): one part among others. */
  rowSubject?: boolean;
  /** The year its report looks back on, when known: a figure of an earlier year is history. */
  reportYear?: number;
  /** The year its report was written, when known (an interview of 2025 speaks of 2024 or 2025). */
  writtenYear?: number;
  /** Qualifiers that change what the figure means: 每千人口, 人均, 同比. */
  qualifiers: string[];
  region: string;
  parentRegion?: string;
  time?: TimeRef;
  /** The sentence it came from, as a person reads it. */
  quote: string;
  /** Where the answer stands in quote. */
  span: [number, number];
  /** Running number of the sentence in the report, and the index of its paragraph (block). */
  sentenceNo: number;
  block: number;
  /** The page of a PDF it stands on, for the citation (第3页). */
  page?: number;
  /** The words around the figure, its clause, and its section heading: what matching looks at. */
  local: string;
  clause: string;
  heading?: string;
  /** The part of a table its row stands in (县级公立医院 over the rows of its hospitals). */
  section?: string;
}

const QUALIFIERS = ['每千人口', '每万人口', '每十万人口', '每百人', '千人口', '万人口', '人均', '户均', '平均每家', '床均', '同比', '环比'];
/** 每千常住人口 and 每千户籍人口 are 每千人口 for matching. */
export function canonicalQualifiers(text: string): string {
  return text
    .replace(/每(千|万|十万|百)(?:常住|户籍)人口/g, '每$1人口')
    .replace(/每(千|万|十万)人(?![口次])/g, '每$1人口')
    // (平均每院, 院均, 家均, 所均: per institution, said each way.)
    // (Not 卫生院均配备, 各家均, 均次费用: 院 of a name, 均 as "all", 均次 as per visit.)
    .replace(/平均每(?:家|院|所|个机构)|(?<![人户床医生健疗学各每两三几])[家院所]均(?![衡等匀值次])/g, '平均每家');
}
// A sentence that speaks for a whole area, not the speaker's institution.
const AREA_SAID = /全(?:县|市|省|区|镇|乡)|(?:我|我们|本)(?:县|市|省|区|镇|乡|街道)/;
// A bracket right after a figure: its year, last year's figure or the province's beside it.
const AFTER_FIGURE_BRACKET = /(?<=[\d%‰](?![年月日号])[\u3400-\u9fff]{0,4})\s*[(（][^()（）]*[)）]/g;
const WIDER_TIME = /(?:全省|全国|省|国家)(?:平均)?(?:今年|去年|上年|同期|(?:19|20)\d{2}年)?(?:[一二三四]季度|上半年|下半年|前三季度|\d{1,2}(?:[—\-~至到]\d{1,2})?月)/;
const LAST_YEAR_BRACKET = /[(（]\s*(?:上年|去年)(?:同期)?(?:为|是)?\s*$/;
// 县中医院, 甲镇卫生院, 县疾控中心: a list item that is an institution's name.
const INSTITUTION_END = /(?:医院|卫生院|保健院|服务中心|疾控中心|计划生育服务中心|血站)$/;
// 县妇幼保健院门急诊: an institution's name, then what is measured of it.
const INSTITUTION_THEN_MEASURE = /^(.{2,24}?(?:医院|卫生院|保健院|服务中心|疾控中心|血站))([\u3400-\u9fff][\u3400-\u9fff()（）]{1,12})$/;
const PER_HEAD_ALONE = new RegExp(`^${PER_HEAD.source}(?:拥有)?(?:分别)?$`);
// 比全省低, 较上年提高: a list of gaps to one base, before its figures.
const GAP_LIST = /^(?:比|较)(?:全国|全省|全市|上年|去年)(?:平均)?(?:水平)?(?:同期)?(?:高|低|多|少|长|短|增加|减少|提高|下降|降低|增长)(?:了)?$/;
// 低于全省平均水平（, 与全国（: a wider area's list, before its figures.
const WIDER_LIST = /^(?:均|都)?(?:高于|低于|超过|优于|不及|好于|与|和|同)?(?:全国|全省|全市)(?:的)?(?:平均)?(?:水平)?(?:相比)?[(（]?$/;
// A figure's confidence interval (95%CI), said beside it: no measure of its own.
const INTERVAL = /(?:\d+%)?CI$|置信区间$/i;
const DATE_HEAD = /^(?:于|自|从|在|到|截至|截止到|截止)?((?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日)(?:底|末|初)?(?:以来|起)?,?/;
// "…按疾病类别分:": a line that ends on a colon leads the list after it.
const LEADS_LIST = /[:：]\s*$/;
// (农村地区, 中心城区, 经济开发区, 试点城市: kinds of area, no place.)
const RUN_IN_PLACE = /^(?!农村|城市|城乡|中心|重点|试点|脱贫|贫困|各|全|本)(?![\u3400-\u9fff]*(?:地区|社区|开发区|示范区|园区|片区|景区|辖区)$)[\u3400-\u9fff]{2,4}(?:县|区|市|镇|乡|街道)$/;
// 嘉宾：, 某某（某院院长）：: who speaks, before what is said.
const TURN_LABEL = /^\s*[^:：。！？!?]{1,30}[:：]\s*/;
const PART_OF_YEAR = /半年|季度|\d月/;
const WHOLE_YEAR_SAID = /全年/;
// A year's plan by its title: 2025年卫生健康工作要点, 某项行动实施方案.
const PLAN_TITLE = /工作要点|工作计划|行动计划|实施方案|工作方案|行动方案/;
const REPORTS_TITLE = /总结|报告|通报|公报|回顾|评估|完成情况|进展/;
// The verbs a plan aims with, right before its figure.
const AIMED = /(?:控制在|达到|达|提高到|提升到|降至|降到|降低到|不低于|不超过|不少于|不高于|保持在|稳定在|增至|增加到)(?:约)?$/;
// (受季节影响回落至: the cause said before the verb changes nothing of the measure.)
const CAUSE = /^受[\u3400-\u9fff]{1,8}影响/;
const REACHED = new RegExp(String.raw`^(?:${CAUSE.source.slice(1)})?(?:又|再|则|就|也|已|已经)?(?:涨到|涨至|增至|增加到|增长到|提高到|提升到|上升到|升至|升到|达到|达|降到|降至|下降到|下降至|减少到|回落到|回落至|回升到|回升至|是|为)了?$`);
// 从历年情况看, 总体来看: a clause that says how the figures are looked at names no measure.
const VIEWPOINT = /^(?:从|就)?[\u3400-\u9fff]{0,10}(?:看|来看|而言|来说)$/;
// 、乙县、丙县3个…: more places listed after the first, then how many they are.
const PLACE_LISTED = /^(?:[、和及与][\u3400-\u9fff]{2,7}?(?:县|区|市|旗|镇|乡|街道))+[\d一二三四五六七八九十]+个/;
/** 88.4%, 9.16/10万, 3.2‰: a figure of a rate or share, not a count. */
function isRateFigure(f: Figure): boolean {
  return f.unitClass === 'percent' || /[/‰]/.test(f.unit);
}

// 甲溪县接种率: a measure that opens on a place's name.
const LEADING_PLACE = /^[\u3400-\u9fff]{2,6}?(?:市|区|县|旗|镇|乡)(?=[\u3400-\u9fff]{2})/;
// A count of the items a list holds (5件事, 三项任务, 6个方面) right before its colon.
const COUNTS_ITEMS = /^[\d一二三四五六七八九十]+(?:件|项|个|大)?(?:事|工作|任务|方面|重点|举措|措施)[\u3400-\u9fff]{0,4}$/;
const STATEMENT = /(被确定为|确定为|被评为|评为|被认定为|认定为|被列为|列为|被命名为|命名为|被授予|授予|荣获|获评|获得|成为|入选|纳入|获批)(.+)$/;

/** A fact of one sentence before it is tied to its report. */
export type Draft = Pick<Fact, 'kind' | 'answer' | 'value' | 'unit' | 'unitClass' | 'metric' | 'role' | 'local' | 'time' | 'status' | 'level' | 'rank'> & {
  clause: Span;
  spanInSentence: [number, number];
  /** A district or town the figure's clause opens with (其中金台区以82.3%…). */
  place?: string;
  /** The words between the figure and the one before it: a change's base stands there. */
  near?: string;
};

/** Every fact of a report: figures, dated events and "what" statements, each with its sentence. */
const PLACE_LEAD = /^\s*([\u3400-\u9fff]{2,10})\s*[:：]/;

/** Stops a report that yields more facts than any real one, before it costs more time and memory. */
function tooMany(doc: ReportDoc, maxFacts: number): Error {
  return new Error(`the report yields more than ${maxFacts} facts, more than any real report; split it into smaller reports`);
}

export function extractFacts(doc: ReportDoc, limits: { maxFacts?: number } = {}): Fact[] {
  const maxFacts = limits.maxFacts ?? Infinity;
  const facts: Fact[] = [];
  let heading: string | undefined;
  let headingTime: TimeRef | undefined;
  let planSection = false;
  let sentenceNo = 0;
  const reportIsProvince = /省$/.test(doc.meta.region);
  const reportIsCounty = /(县|区|旗)$/.test(doc.meta.region);
  // (工作总结及2025年工作计划 reports first: its plans stand under their own heading.)
  const planDoc = PLAN_TITLE.test(doc.meta.title) && !REPORTS_TITLE.test(doc.meta.title);
  const base = {
    docId: doc.id,
    region: doc.meta.region,
    ...(doc.meta.parentRegion ? { parentRegion: doc.meta.parentRegion } : {}),
    ...(doc.meta.subject ? { subject: doc.meta.subject } : {}),
    ...(doc.meta.periodYear ? { reportYear: doc.meta.periodYear } : {}),
    ...(doc.year ? { writtenYear: doc.year } : {}),
  };
  const { subject: _own, ...placeBase } = base;
  const acronyms = acronymsOf(doc.blocks);
  const fullText = doc.blocks.map((b) => b.text).join('\n');
  const { periodYear, periodMonth } = doc.meta;
  const periodTime = periodYear ? { label: `${periodYear}年${periodMonth ? `${periodMonth}月` : ''}`, year: periodYear } : undefined;
  let speaker: SpeakerRole | undefined;
  let turn: Turn | undefined;
  let turnTime: TimeRef | undefined;
  // 某县人民医院院长某某介绍…, then 某某说，…: the speakers minutes announce, by name.
  const announced = new Map<string, Turn>();
  let listLead: string | undefined;
  for (const [blockNo, block] of doc.blocks.entries()) {
    // A turn lasts until the next speaker; a reporter's or host's figures are not the report's.
    const opensTurn = speakerOf(block.text);
    const sectionEnds = block.kind === 'heading' && /^[一二三四五六七八九十]+、/.test(block.text);
    speaker = opensTurn ?? (sectionEnds ? undefined : speaker);
    // 某某（城关镇卫生院院长）：我院今年门诊…: the turn's figures are the speaker's place's.
    if (opensTurn || sectionEnds) turn = opensTurn ? speakerPlace(block.text) : undefined;
    // 答：2023年，全市…, then paragraphs of the same answer: the year the answer opens on holds for them.
    if (opensTurn || sectionEnds) turnTime = opensTurn ? openingYear(block.text.replace(TURN_LABEL, ''), doc.year) : undefined;
    const herald = announcedSpeaker(block.text);
    if (herald) announced.set(herald.name, herald.turn);
    const said = announced.get(sayer(block.text) ?? '');
    if (said) turn = said;
    else if (herald) turn = undefined;
    if (speaker === 'asks' && block.kind !== 'heading') continue;
    if (block.kind === 'heading') {
      heading = block.text;
      listLead = LEADS_LIST.test(block.text) ? block.text.trim() : undefined;
      // (甲市卫生健康委员会医政科 2024年5月: a dateline under the title says when it was written, no period.)
      const t = blockNo <= 2 && DATELINE.test(block.text.trim()) ? undefined : findTime(block.text, doc.year);
      headingTime = t?.year ? t : undefined;
      planSection = isPlanHeading(block.text, headingTime?.year, doc.meta.periodYear ?? doc.year);
      continue;
    }
    if (block.kind === 'table') {
      const firstNo = sentenceNo + 1;
      const caption = captionBefore(doc.blocks, blockNo);
      const ownProvince = /(?:省|自治区)$/.test(doc.meta.region);
      // （单位：人）: on its own line above the table, or ending its caption.
      const above = doc.blocks[blockNo - 1]?.text.trim() ?? '';
      // (…检出情况（%） over columns of rates alone: their figures are in %.)
      const ratesOnly = (block.rows?.[0] ?? []).slice(1).every((h) => RATE_HEADER.test(h.trim()) || /[(（][^()（）]+[)）]$/.test(h.trim()));
      // (Only the caption's one unit: …死亡率（‰）及住院分娩率（%） names a unit for each.)
      const percentCaption = ratesOnly && PERCENT_AT_END.test(caption ?? '') && (caption!.match(UNIT_BRACKET) ?? []).length === 1 ? '（单位：%）' : undefined;
      const unitLine = UNIT_LINE.test(above) ? above : (UNIT_AT_END.exec(caption ?? '')?.[0] ?? percentCaption);
      // (表3　2023年各区…: a caption's year dates its table, before its section's or the report's.)
      // (…较2022年变化情况: a year the caption compares with dates nothing of the table's.)
      const saidTime = caption ? findTime(caption, doc.year) : undefined;
      const captionTime = saidTime && !/[较比与同]$/.test(caption!.slice(0, saidTime.index)) ? saidTime : undefined;
      // (表1　2019—2023年某省某病报告情况 over 年份 | 发病率: the caption names what the cells are of.)
      const captionWords = caption?.replace(/^表\s*\d+(?:[-—.]\d+)?\s*/, '').replace(/[(（]单位[^()（）]*[)）]\s*$/, '').trim();
      const about = [heading, captionWords && !heading?.includes(captionWords) ? captionWords : undefined].filter(Boolean).join(' ') || undefined;
      // (县区 | 2022年 | 2023年 | 提高: columns of years alone, whose measure only the caption names.)
      const yearsOnly = (block.rows?.[0] ?? []).slice(1).every((h) => YEAR_HEADER.test(h) || CHANGE_HEADER.test(h.trim()) || /^(?:是否|备注|说明)|(?:等次|等级|排名|名次|位次)$/.test(h.trim()));
      // (| 县区 | CSR |: a column headed by an acronym the report spells out elsewhere.)
      const [header, ...body] = block.rows ?? [];
      // (| 县区 | … | with rows 平顺, 武乡: places by their names alone, as the text names them in full.)
      const rows = placesSpelledOut(header && acronyms.size ? [headerSpelledOut(header, acronyms), ...body] : (block.rows ?? []), fullText, [doc.meta.region, doc.meta.parentRegion ?? '']);
      const cells = tableFacts(rows, (captionTime?.year ? captionTime : undefined) ?? headingTime ?? periodTime, unitLine);
      const captionPlans = !!caption && plansAlone(caption, captionTime?.year, doc.meta.periodYear ?? doc.year);
      const placeRows = cells.some((c) => c.region);
      for (const cell of cells) {
        if (facts.length >= maxFacts) throw tooMany(doc, maxFacts);
        sentenceNo = Math.max(sentenceNo, firstNo + cell.row);
        // (全省 | 城市 | 农村 in a province's own report: its 全省 column is the report's whole.)
        const { row: _row, region, subject, level: cellLevel, ...measured } = cell;
        const level = cellLevel && !(cellLevel === '全省' && ownProvince) && !(cellLevel === '全国' && doc.meta.region === '全国') ? cellLevel : undefined;
        // (地区 | 2022年(人) | 2023年(人) | 每千常住人口注册护士(人): a year's column among others, whose
        // cells name only their place, is of the caption's measure too.)
        // (Its 合计 row too, in a table of places: not the total of a table of measures, 医疗质量 | 运营效率.)
        const whole = placeRows && /^(?:合计|总计)$/.test(measured.metric);
        const yearCell = (measured.metric === region || whole || /^全[市县区省州盟]$/.test(measured.metric)) && measured.status !== 'change';
        const metric = placeRowMeasure(yearsOnly || yearCell ? captionWords : undefined, perHeadOfCaption(caption, measured.metric), whole ? measured.metric : region ?? '');
        const perHead = metric === measured.metric ? [] : QUALIFIERS.filter((q) => canonicalQualifiers(metric).includes(q) && !measured.qualifiers.includes(q)).filter((q, _i, all) => !all.some((o) => o !== q && o.includes(q)));
        const rest = { ...measured, metric, qualifiers: [...measured.qualifiers, ...perHead], ...(level ? { level } : {}) };
        facts.push({
          // (A hospital's report with a table of counties, 在册患者数 by 县: a county's row is the
          // county's figure, not the hospital's; a caption of 我院门诊患者来源 by 县 keeps it the
          // hospital's own. The caption alone says so: a section's 全院 heading covers other tables.)
          ...(region && !SELF_SAID.test(caption ?? '') ? placeBase : base),
          ...rest,
          id: `${doc.id}#${facts.length + 1}`,
          ...(region ? { region, parentRegion: doc.meta.region } : {}),
          ...(subject ? { subject, rowSubject: true } : {}),
          ...((planSection || captionPlans) && rest.status === 'actual' ? { status: 'target' as const } : {}),
          // 同比（%）, 比上年增减: the base a change column names, as a sentence's change says it.
          // (Its direction is the figure's sign, not the header's words: 增减 says both.)
          ...(rest.status === 'change' && changeFrameOf(rest.local, periodOf(rest.time)).bases.length ? { change: { bases: changeFrameOf(rest.local, periodOf(rest.time)).bases } } : {}),
          sentenceNo: firstNo + cell.row,
          block: blockNo,
          ...(block.page ? { page: block.page } : {}),
          // A ranked name's measure is the ranking its caption names (…绩效考核综合排名第2名).
          ...(rest.rank && heading ? { metric: `${heading.replace(/^表\s*\d+\s*/, '')}第${rest.rank}名` } : {}),
          // A cell's clause is its own row label, column and value, not the whole row; the table's
          // caption (…法定传染病报告发病统计表) says what all its cells are about.
          clause: rest.local,
          local: about ? `${about} ${rest.local}` : rest.local,
          ...(about ? { heading: about } : {}),
        });
      }
      continue;
    }
    // 今年初,新冠肺炎疫情突如其来…: a time that opens a paragraph holds for the paragraph.
    const opening = findTime(block.text.slice(0, 12), doc.year);
    const paragraphTime = opening && opening.index === 0 ? opening : undefined;
    let previous: SentenceContext['previous'];
    let previousCount: SentenceContext['previous'];
    // "截至2023年底,全市共有…。全市卫生技术人员4.52万人…": a time that opens a sentence holds for
    // the sentences after it in the paragraph, until another opens with its own.
    let carried: TimeRef | undefined;
    // 嘉宾：比如平均住院日，…: the speaker's label opens the turn; it is no word of what is said.
    const sentences = splitSentences(opensTurn ? block.text.replace(TURN_LABEL, '') : block.text);
    const before = doc.blocks[blockNo - 1];
    const headed = before?.kind === 'heading' ? headingSubject(before.text) : undefined;
    // "在全年救治的84,376人次病人中,按疾病类别分:" leads the list items after it.
    const item = LIST_MARKER.test(block.text);
    const listContext = item ? listLead : undefined;
    if (LEADS_LIST.test(block.text)) listLead = block.text.split(/[。!！?？]/).filter((t) => t.trim()).at(-1)?.trim();
    else if (!item) listLead = undefined;
    const blockHeading = [heading, turn?.post, runInHeading(sentences[0]?.text ?? '')].filter(Boolean).join(' ');
    // "城中区:1—10月总诊疗…;出院…": a paragraph led by a place and a colon speaks for that place.
    const led = PLACE_LEAD.exec(block.text)?.[1];
    // "(三)甲溪县。甲溪县医共体…": a section run in under a place's name speaks for that place.
    const ranIn = runInHeading(sentences[0]?.text ?? '');
    const runInPlace = ranIn && RUN_IN_PLACE.test(ranIn) && !NOT_PLACE.test(ranIn) && ranIn !== doc.meta.region ? ranIn : undefined;
    const leadPlace = (led && clausePlace(led) === led ? led : undefined) ?? runInPlace;
    for (const sentence of sentences) {
      if (facts.length > maxFacts) throw tooMany(doc, maxFacts);
      sentenceNo++;
      const opens = findTime(sentence.text.trimStart().slice(0, 16), doc.year);
      if (opens && opens.index <= 2 && opens.year) carried = { label: opens.label, year: opens.year };
      const drafts = extractFromSentence(sentence.text, doc.year, { reportIsProvince, reportIsCounty, planSection, planDoc, ...(previous ? { previous } : {}), ...(previousCount ? { previousCount } : {}), ...(periodTime ? { period: periodTime } : {}) });
      // "(二)乙类传染病 / 共报告10种334例,…": a sentence that names nothing counts what its heading names.
      if (headed && NAMES_NOTHING.test(sentence.text)) {
        for (const d of drafts) if (d.kind === 'figure' && !d.level && !d.metric.includes(headed)) d.metric = headed + d.metric;
      }
      const last = [...drafts].reverse().find((d) => d.kind === 'figure' && d.status === 'actual' && !d.level);
      previous = last ? { metric: last.metric, unit: last.unit, unitClass: last.unitClass } : undefined;
      // The sentence's first count is what it is about (共报告2,046例,死亡5例,…).
      // (12种2,046例: the kinds counted are no count of cases.)
      const counted = drafts.find((d) => d.kind === 'figure' && d.status === 'actual' && !d.level && d.unitClass !== 'percent' && !/^(?:种|项|类)$/.test(d.unit));
      previousCount = counted ? { metric: counted.metric, unit: counted.unit, unitClass: counted.unitClass } : undefined;
      const lead = sentence.text.length - sentence.text.trimStart().length;
      const pretty = prettyWithOffsets(sentence.text.slice(lead).trimEnd());
      const quote = pretty.text;
      for (const d of drafts) {
        // A figure that measures nothing it says ("1000多例这个说法…") can only be a wrong answer.
        if (d.kind === 'figure' && !d.metric.replace(/[^\p{L}\p{N}]/gu, '')) continue;
        // (每千人口分别为8.02人、3.05人, when no list of counts lines up: per head of what is not said.)
        if (d.kind === 'figure' && PER_HEAD_ALONE.test(d.metric)) continue;
        // 全年力争… under 下半年工作计划: the whole year is the figure's, not the heading's half of it.
        // (Only a target: 完成全年任务的52.5% under 1—6月 is still the half year's figure.)
        const underHeading = headingTime && d.status === 'target' && PART_OF_YEAR.test(headingTime.label) && WHOLE_YEAR_SAID.test(sentence.text) ? { label: `${headingTime.year}年`, year: headingTime.year! } : headingTime;
        const carriedOn = withPeriodYear(d.time, periodYear, doc.meta.date) ?? (paragraphTime ? labelAndYear(paragraphTime) : carried ?? turnTime ?? underHeading ?? periodTime);
        // (…79.46万人（上年77.12万人）: 上年 is the year before the figure it stands beside.)
        const beside = facts.at(-1);
        const time = (d.kind === 'figure' && beside?.time?.year && beside.sentenceNo === sentenceNo && LAST_YEAR_BRACKET.test(d.near ?? '') && carriedOn?.year !== beside.time.year - 1 ? { label: `${beside.time.year - 1}年`, year: beside.time.year - 1 } : carriedOn) ?? (d.kind === 'figure' ? yearAfterBase(sentence.text, doc.year) : undefined);
        const start = pretty.at(d.spanInSentence[0] - lead);
        // (实有床位1260张、每千人口执业医师3.1人, 床位数、每千人口医师数分别为1260张、3.05人: a
        // qualifier said after a figure, or after its measure's own words, is not its own.)
        const upToFigure = d.clause.text.slice(0, Math.max(0, d.spanInSentence[1] - d.clause.start));
        const named = d.metric.length >= 2 ? upToFigure.indexOf(d.metric.replace(/[()（）]/g, '').slice(0, 4)) : -1;
        const saidBefore = named >= 0 ? upToFigure.slice(0, named) : upToFigure;
        const qualifiers = QUALIFIERS.filter((q) => canonicalQualifiers(saidBefore).includes(q) || canonicalQualifiers(d.metric).includes(q)).filter(
          (q, _i, all) => !all.some((o) => o !== q && o.includes(q)),
        );
        // 执业(助理)医师数 of "每千人口拥有…床位数、执业(助理)医师数…分别达到…": the per-capita
        // qualifier of the enumeration belongs to every item.
        const perCapita = qualifiers.find((q) => !/同比|环比/.test(q) && !canonicalQualifiers(d.metric).includes(q));
        const metric = (perCapita ? perCapita + d.metric : d.metric).replace(/[。!?]+$/, '');
        // A place the sentence names, or else the one the speaker's post names.
        const place = d.place ?? turn?.place ?? leadPlace;
        // 我院…, 医院出院32150人次 in the turn of a hospital's head: the hospital's own figures,
        // unless the sentence speaks for a whole area (全县, 我们镇).
        const institution = turn?.institution && !d.place && !d.level && !AREA_SAID.test(sentence.text) ? turn.institution : undefined;
        facts.push({
          ...base,
          ...(place && place !== doc.meta.region ? { region: place, parentRegion: doc.meta.region } : {}),
          ...(institution ? { subject: institution } : {}),
          id: `${doc.id}#${facts.length + 1}`,
          kind: d.kind,
          answer: d.answer,
          ...(d.value !== undefined ? { value: d.value } : {}),
          unit: d.unit,
          unitClass: d.unitClass,
          metric: prettyChinese(metric),
          ...(d.role ? { role: d.role } : {}),
          status: d.status,
          ...(d.status === 'change' ? { change: changeFrameOf(changeWords(d, time), periodOf(time)) } : {}),
          ...(d.level ? { level: d.level } : {}),
          ...(d.rank ? { rank: d.rank } : {}),
          qualifiers,
          ...(time ? { time } : {}),
          quote,
          span: [start, start + prettyChinese(d.answer).length],
          sentenceNo,
          block: blockNo,
          ...(block.page ? { page: block.page } : {}),
          local: d.local,
          // A list item's clause is framed by the list's lead (…病人中,按疾病类别分:).
          clause: listContext ? `${listContext} ${d.clause.text}` : d.clause.text,
          ...(blockHeading ? { heading: blockHeading } : {}),
        });
      }
    }
  }
  return withInstitutionsNamed(facts);
}

// 比2022年的5807张增加411张, 比2022年增长: a whole year the sentence's figure is measured against.
const YEAR_BASE = /比((?:19|20)\d{2})年(?!\d|同期|[上下]半年|第|[一二三四]季度|前|底|末)/;

/**
 * 实有床位6218张，比2022年的5807张增加411张, said undated: the figure is of the year after its base,
 * when the report was written in that year or the next (a year's summary, late that year or early
 * the next). (比2020年 in a 十四五 summary written in 2025 compares with a plan's base year.)
 * Only reached when no period of the report dates the figure.
 */
function yearAfterBase(sentence: string, written: number | undefined): TimeRef | undefined {
  const base = YEAR_BASE.exec(sentence);
  const year = base ? Number(base[1]) + 1 : undefined;
  return year && written && (year === written || year === written - 1) ? { label: `${year}年`, year } : undefined;
}

const SHARED_AFTER_NAME = /^(?:与|和|及|、|同|会同|联合|牵头|医共体|医联体|集团|等|各|所属|下属)/;
// An institution's name, as a table's rows give it.
const INSTITUTION_NAME = /(?:医院|卫生院|保健院|中心)$/;

/**
 * 甲医院四级手术比例为24.8%: a sentence's figure whose measure opens with the name of an institution
 * the report's tables list is that institution's, as its row's are.
 */
function withInstitutionsNamed(facts: Fact[]): Fact[] {
  const names = [...new Set(facts.filter((f) => f.rowSubject && f.subject && INSTITUTION_NAME.test(f.subject)).map((f) => f.subject!))].sort((a, b) => b.length - a.length);
  if (!names.length) return facts;
  return facts.map((f) => {
    if (f.subject || f.kind !== 'figure') return f;
    // (甲医院与乙医院联合…, 甲医院医共体各成员…: a figure of several, not the one named first.)
    const name = names.find((n) => f.metric.startsWith(n) && f.metric.length > n.length && !SHARED_AFTER_NAME.test(f.metric.slice(n.length)));
    return name ? { ...f, subject: name } : f;
  });
}


/**
 * The words a change's base is read from: its measure, the words right before it, and its clause
 * up to it (比上年同期的87.9%提高…, 比2023年的84.7%提高…, which the metric may shorten to 同比 or
 * leave out). 同比 of a part of a year (1—6月) is on the same months a year before.
 */
function changeWords(d: Draft, time: TimeRef | undefined): string {
  const clause = d.clause.text.slice(0, Math.max(0, d.spanInSentence[0] - d.clause.start));
  const samePeriod = /同比/.test(d.metric + (d.near ?? '')) && PART_OF_YEAR.test(time?.label ?? '') ? ' 同期' : '';
  return `${d.metric} ${d.near ?? ''} ${clause}${samePeriod}`;
}

export interface SentenceContext {
  /** The report speaks for a province: 全省 is its own region, not a comparison. */
  reportIsProvince?: boolean;
  /** A county's or district's report: 全市 is the city it belongs to. */
  reportIsCounty?: boolean;
  /** The sentence stands in a section of plans (2025年工作计划). */
  planSection?: boolean;
  /** The report is a plan by its title (2025年工作要点): what it aims at is a target. */
  planDoc?: boolean;
  /** The last figure of the sentence before, which a sentence opening with 其中 breaks down. */
  previous?: { metric: string; unit: string; unitClass: UnitClass };
  /** The first count (not a rate) of the sentence before: what 报告发病数较上月… goes on counting. */
  previousCount?: { metric: string; unit: string; unitClass: UnitClass };
  /** The period the report looks back on (2024年5月), against which 较4月, 较去年同期 are read. */
  period?: TimeRef;
}

const YEAR_ITEM = /^((?:19|20)\d{2})年(?:末|底)?$/;
// …的比例2021年: a measure said right before the first of the years listed, ending as measures end.
const MEASURE_HEAD = /(?:率|比例|比重|占比|数|量|人次|额|费用?|水平|指数|密度|寿命|天数|时间|收入|支出|投入|投资|资金|经费|结余|成本)$/;
const MEASURE_THEN_YEAR = /^(.*[\u3400-\u9fff)）])((?:19|20)\d{2}年)$/;
// 2021年至2023年, 2021—2023年: a run of years, its first and last.
const YEAR_RUN = /((?:19|20)\d{2})\s*年?\s*(?:至|到|—|–|-|~)\s*((?:19|20)\d{2})\s*年(?:度)?/;
// 今年我们计划新增…；同时…招聘200名: a sentence that opens on this year's plan plans all it counts.
// (2024年力争…, 2024年将…提升至70%: a year that opens on an aim, or on raising something to a level in
// the same clause; 2024年将签约服务纳入考核 is what was done, 2023年争取资金1.2亿元 money secured.)
const PLAN_OPENS = new RegExp(`(?:今年|明年|下一步|下半年|新的一年)[^,，。;；]{0,8}?(?:${PLAN_MODAL.source})|(?:19|20)[0-9]{2}年[^,，。;；]{0,4}?(?:力争|计划|打算|准备|(?:将|要)[^,，。;；]{0,30}?(?:提升|提高|增加|降低|降|增)(?:至|到)|(?:将|要)[^,，。;；]{0,30}?(?:达到|控制在))`);
// 已组建, 截至6月底, 今年以来: what is done, whatever plan the sentence opens on.
// (2023年计划招录80人，实际招录86人: what was done, said as 实际, whatever was planned.)
const DONE_SAID = /已|截至|截止|以来|完成了|实际/;
/**
 * 表3　2024年各县主要目标: a caption of a table of targets, whose cells aim. Not 目标完成情况 (targets
 * beside what was done), 按规划目标测算的缺口 (what falls short is measured), a table of years done
 * and a plan (2021—2023年…及2024年计划), nor 目标人群, 计划免疫 (no aim at all).
 */
function plansAlone(caption: string, year: number | undefined, reportYear: number | undefined): boolean {
  if ((caption.match(/(?:19|20)\d{2}/g) ?? []).length > 1 || /完成|实际|进展|进度|情况|对比|比较|评价|考核|测算|缺口|差距|按/.test(caption)) return false;
  return isPlanHeading(caption, year, reportYear) || /目标|计划/.test(caption.replace(NOT_PLANNING, ''));
}

/**
 * 今年我们要…，把县域内就诊率提高到92%, 今年我们计划新增…；同时…招聘200名: a figure aimed at by
 * the words of its sentence before it, unless its own clause says it is done (已, 截至).
 */
function aimedInSentence(sentence: string, figures: readonly Figure[], f: Figure): boolean {
  const before = sentence.slice(0, f.index);
  const clause = before.slice(Math.max(before.search(/[^,，;；]*$/), 0));
  const opening = sentence.slice(0, figures[0]?.index ?? 0).replace(NOT_PLANNING, '');
  if (DONE_SAID.test(clause) || DONE_SAID.test(opening)) return false;
  return RAISE_PLANNED.test(before.replace(/\s+/g, '').replace(NOT_PLANNING, '')) || PLAN_OPENS.test(opening);
}

// 城乡居民, 男女, 中西医: a pair split at once, two figures of one year.
const PAIR_SPLIT = /^(?:城乡|男女|城镇和农村|农村和城镇|城市和农村|中西|各)/;

/** 由2021年的…到2023年的…: every year of a run said by its two ends, in order. */
function yearsOfRun(run: TimeRef[] | undefined): TimeRef[] {
  const n = yearsSpanned(run);
  const from = run?.[0]?.year ?? 0;
  // (由2021年1—6月的…到2023年1—6月的…: the ends are no whole years, nor are the figures between.)
  const whole = (t: TimeRef) => !/月|季|半年/.test(t.label);
  if (n < 3 || n > MAX_RUN || !run!.every(whole)) return [];
  return Array.from({ length: n }, (_, i) => ({ label: `${from + i}年`, year: from + i }));
}

/** How many years a run 由…到… spans, its ends counted; 0 when it is no run of two dated ends. */
function yearsSpanned(run: TimeRef[] | undefined): number {
  const [from, to] = run ?? [];
  return run?.length === 2 && from?.year && to?.year ? to.year - from.year + 1 : 0;
}

// 全市门急诊量 as a part's measure: 市级医院门急诊量, the whole area's word left off.
const withoutArea = (metric: string) => metric.replace(/^(?:全市|全县|全区)/, '');

/**
 * 全市出生人口持续减少，…: the measure a clause says moves, without its time, trend words and the
 * base it moves against (较往年有所增加); empty when the clause says nothing moves.
 */
function movingMeasure(namedBefore: string | undefined): string {
  if (!namedBefore || !TREND_WORDS.test(trimPhrase(stripTime(namedBefore)))) return '';
  // (比 compares only where it is no 比例, 占比, 比重.)
  const name = runNameOf(namedBefore).replace(/(?:(?:较|(?<!占)比(?![例重率值]))[^,，]*)?有所$|(?:较|(?<!占)比(?![例重率值]))[^,，]*$/, '');
  return name.length >= 2 ? name : '';
}

/** 近三年派车量持续增长，由…: what the clause before names, without its time and trend words. */
function runNameOf(namedBefore: string | undefined): string {
  return namedBefore ? trimPhrase(stripTime(namedBefore)).replace(TREND_WORDS, '') : '';
}

// 全市手足口病报告病例数波动较大: the measure a clause without figures opens on.
const MEASURE_OPENING = /^\s*(?:从[^,，]{0,8}看[,，]?)?(?:全市|全县|全区|全省)?([\u3400-\u9fff]{2,16}?(?:率|数|量|人次|人数|费用?|额|比例|占比|指数|密度))/;
// A run of years longer than a decade is no list of one figure a year.
const MAX_RUN = 12;
// 服务辖区, 所在社区: a kind of area said with its owner's words, no place's name.
const AREA_WORD = /(?:辖区|社区|城区|市区|山区|园区|片区|景区|街区|郊区|院区|病区|校区|厂区|库区|牧区|林区|矿区)$/;
// 分县区看，从各县区看，各旗县区中: a sentence that goes place by place.
const BY_PLACE_LEAD = /^(?:分|从|按|各|在)?各?(?:县区|区县|县市区|旗县区|旗县|县（市、区）|县\(市、区\)|乡镇|镇街|街镇|地区|市县)(?:看|来看|分|情况看|中|里)?[,，:：]/;
// A clause that opens on a name of a county or city (2–5 characters before 市区县旗), not a hospital's.
// (Towns are left to jieba: 在岗乡村医生 opens on no town.)
const PLACE_LIKE = /^(其中)?[,，:：]?([\u3400-\u9fff]{2,5}?(?:市|区|县|旗))(?!医院|卫生院|中心|人民|妇幼|中医|示范|级|直|属|委|政府|卫健|村|域|内|外)/;

export function extractFromSentence(sentence: string, docYear?: number, ctx: SentenceContext = {}): Draft[] {
  const clauses = splitTopLevel(sentence, ',;:，；：');
  const colon = sentence.search(/[:：]/);
  // "抓好5件事:" counts the items of the list after it: no figure, and no figure of the lead.
  const figures = findFigures(sentence).filter((g) => !(colon > 0 && g.index < colon && COUNTS_ITEMS.test(sentence.slice(g.index, colon))));
  const sentenceTime = leadingTime(sentence, docYear);
  const byPlace = BY_PLACE_LEAD.test(sentence.trim());
  const drafts: Draft[] = [];
  // Metrics of earlier "由…到…" clauses, for a later "分别增长8.26倍、7.05倍".
  const changeMetrics: { metric: string; from?: TimeRef; to?: TimeRef; time?: TimeRef }[] = [];
  // The years of the last run 由…到… (2021年、2022年、2023年), for a clause of the same periods after it.
  let lastRun: TimeRef[] | undefined;
  let carriedTime: TimeRef | undefined;
  let lastClauseTime: TimeRef | undefined;
  let lastItems: string[] = [];
  // The years a list of figures was just given for (2021年、2022年、2023年分别为…).
  let yearList: { times: TimeRef[]; metric: string } | undefined;
  let lastNear = '';
  // "较上月(318例)上升5.03%": the change after a base's value measures what the base measured.
  let pendingBase: { owner: string; words: string } | undefined;
  // The first figure's own words say whether the sentence opens on the wider area.
  const firstClause = figures[0] ? clauses.find((c) => c.start <= figures[0]!.index && figures[0]!.index < c.start + c.text.length) : undefined;
  const opening = firstClause && figures[0] ? sentence.slice(firstClause.start, figures[0].index) : '';
  // (In a district's or county's report, 全市 opens on the city around it, a wider area.)
  // (Not 在全市率先…, where the city is only where the county stands.)
  const cityOpens = !!ctx.reportIsCounty && /(?<![在于向对为居占比与较])(?:全市|我市|本市)/.test(opening) && !/全县|全区|我县|我区|本县|本区/.test(opening);
  const sentenceLevel = cityOpens ? ('全市' as const) : /全市|全县|全区|我市|我县|我区|本市|本县|我们/.test(opening) ? undefined : levelOf(opening, ctx.reportIsProvince ?? false, ctx.reportIsCounty);
  let breakdown: SentenceContext['previous'];
  let sentenceTown: string | undefined;
  let bareClause: string | undefined;

  for (let ci = 0; ci < clauses.length; ci++) {
    const clause = clauses[ci]!;
    const end = clause.start + clause.text.length;
    const inClause = figures.filter((f) => f.index >= clause.start && f.end <= end);
    // (签约率39.6%（2023年为36.9%）: the year in brackets after a figure is the bracket's own.)
    const ownTime = timeBefore(clause.text.replace(AFTER_FIGURE_BRACKET, (m) => ' '.repeat(m.length)), clause.text.length, docYear);
    const clauseTime = ownTime ?? carriedTime;
    // "去年门诊81,330人次,今年达到86,452人次,其中中医…": a later clause is in the last time named.
    const fallbackTime = clauseTime ?? lastClauseTime ?? (sentenceTime && sentenceTime.index < clause.start + 1 + clause.text.length ? sentenceTime : undefined);
    // The time the clause is in before any it names itself (for figures ahead of a bracketed year).
    const timeBeforeOwn = carriedTime ?? lastClauseTime ?? (sentenceTime && sentenceTime.index < clause.start ? sentenceTime : undefined);
    // (高于全省今年上半年88.9%的平均水平；基层…: the wider area's time is its figure's alone; the
    // clause's own time, if it names one besides, goes on.)
    const ownOutsideWider = WIDER_TIME.test(clause.text) ? timeBefore(clause.text.replace(WIDER_TIME, (m) => ' '.repeat(m.length)), clause.text.length, docYear) : ownTime;
    if (ownOutsideWider) lastClauseTime = ownOutsideWider;
    // "…,2021年3月,县人民医院与8家乡镇卫生院签订…": a clause that is only a date dates what follows.
    const onlyDate = DATE_HEAD.exec(clause.text.trim());
    if (onlyDate && onlyDate[0].replace(/,$/, '') === clause.text.trim()) carriedTime = timeBefore(clause.text, clause.text.length, docYear);

    // A clause that opens with 其中 breaks down the figure before it, or the previous sentence's.
    if (/^\s*其中/.test(clause.text) && !breakdown) {
      // (患病率12.1%（95%CI：10.9%～13.3%），其中男性…: the parts break down the rate, not its interval
      // nor the interval's bound.)
      const before = [...drafts].reverse().find((d) => d.kind === 'figure' && d.status === 'actual' && !d.level && /[\u3400-\u9fff]/.test(d.metric) && !INTERVAL.test(d.metric));
      const total = before ? { metric: before.metric, unit: before.unit, unitClass: before.unitClass } : ctx.previous;
      if (total && !/^(个|家|所|项)$/.test(total.unit)) breakdown = total;
    }
    // "医院床位中,公立医院17.64万张…": the clause names the total the next figures break down.
    const whole = /^\s*([\u3400-\u9fff()（）]{2,14})中\s*$/.exec(clause.text);
    if (inClause.length === 0 && whole && ci < clauses.length - 1) {
      breakdown = { metric: whole[1]!, unit: '', unitClass: 'text' };
      continue;
    }
    if (inClause.length === 0) {
      const dated = dateFact(clauses, ci, docYear);
      if (dated) drafts.push(dated);
      const stated = statementFact(clause, fallbackTime);
      if (stated) drafts.push(stated);
      bareClause = clause.text;
      continue;
    }
    // "…子镇签约率最高,达到52.3%": a figure that names nothing measures what the clause before it named.
    const namedBefore = bareClause;
    bareClause = undefined;

    const local = (f: Figure) => sentence.slice(Math.max(clause.start, f.index - 16), Math.min(end, f.end + 12));
    // "丑区设…门诊38个,全年接种…;寅县设…46个,全年接种…": the last place a sentence names
    // holds for its later clauses, until the whole area is named; not a list of places
    // (卯县、长宁县…7个县全部…), which speaks for all of them.
    // (分县区看，甲市…最高，乙区80.2%: after a lead that goes place by place, a clause that opens on
    // a place's name is that place's, whether jieba knows the name or not; one that opens on a name
    // of a place it cannot read is no other place's.)
    // (…丙县最低，为76.4%: a figure's clause that names nothing takes the place of the clause before.)
    const opening = namedBefore && /^\s*(?:为|是|达到?|仅为?)/.test(clause.text) ? namedBefore : clause.text;
    const named = PLACE_LIKE.exec(opening.trim())?.[2];
    const placeLike = named && !NOT_PLACE.test(named) && !AREA_WORD.test(named) ? named : undefined;
    const own = clausePlace(opening) ?? (byPlace ? placeLike : undefined);
    // (甲县（99.3%）、乙县（99.4%）…: a run of bracketed places gives each its own figure, and the
    // clause's other figures (the target they miss) to none of them.)
    const ownAt = own === undefined ? -1 : clause.text.trim().indexOf(own);
    const afterOwn = own === undefined ? '' : clause.text.trim().slice(ownAt + own.length);
    const bracketRun = ownAt >= 0 && opensBracketRun(afterOwn);
    const listed = own !== undefined && (bracketRun || /^[、和及与]/.test(afterOwn));
    if (ci === 0) sentenceTown = undefined;
    if (own && !listed && (/(镇|乡|街道)$/.test(own) || !ctx.reportIsCounty)) sentenceTown = own;
    // 修水县参保71.29万人,…全县DIP结算病例6.84万例: a county's 全县 is the county's own.
    const ownWhole = sentenceTown && /(县|区)$/.test(sentenceTown) ? `全${sentenceTown.slice(-1)}` : '';
    const namesWhole = /全县|全市|全区|我县|我市|我区|其余|其他|其它|各乡镇|各街道|各县|各区/.test(ownWhole ? clause.text.replace(ownWhole, '') : clause.text);
    // (沂水县、蒙阴县、平邑县3个监测点: a list of places speaks for none of them alone.)
    const placesListed = own !== undefined && !bracketRun && listed && PLACE_LISTED.test(afterOwn);
    const place = bracketRun || placesListed ? undefined : own ?? (namesWhole || placeLike ? undefined : sentenceTown);
    if (!own && namesWhole) sentenceTown = undefined;
    const push = (f: Figure, metric: string, said: TimeRef | undefined, role?: 'from' | 'to', asStatus?: FactStatus) => {
      const time = yearBeforeSaid(said, sentenceTime, sentence.slice(clause.start, f.index));
      if (isThreshold(sentence, f)) return;
      // The words between the previous figure and this one; a bare list separator (、) means the
      // figure shares the words of the one before (分别增长8.26倍、7.05倍).
      const prev = figures[figures.indexOf(f) - 1];
      const gap = sentence.slice(Math.max(clause.start, prev?.end ?? 0), f.index);
      const near = prev && prev.end > clause.start && /^[、和及与,，\s]*$/.test(gap) ? lastNear : gap;
      lastNear = near;
      // "跟全省比一比,某省全省常住人口签约率是44.3%,重点人群签约率是79.5%": a sentence that opens on
      // the wider area speaks for it throughout, until it names the report's own area again.
      // (全市 is the report's own area only where the report is a city's: a district's is 全区.)
      const own = (ctx.reportIsCounty ? /全县|全区|我县|我区|本县|本区|我们|我院|[在于向对为居占比与较](?:全市|我市|本市)/ : /全市|全县|全区|我市|我县|我区|本市|本县|本区|我们|我院/).test(near);
      // "比全国78.0岁高出0.40岁": the figure right after 比全国 with a comparison after it is the
      // wider area's own (the gap comes after 高出).
      const set = /[比较](全国|全省)$/.exec(near.trim())?.[1] as Level | undefined;
      const beside = set && /^\s*(?:的)?(?:平均水平|水平)?\s*(?:高出|高|低|多|少|增加|减少|提高|降低)/.test(sentence.slice(f.end)) ? set : undefined;
      const level = beside ?? levelOf(near, ctx.reportIsProvince ?? false, ctx.reportIsCounty) ?? (own ? undefined : sentenceLevel);
      // Planning words count in the figure's own clause, and in a sentence's opening clause
      // without figures that leads a list ("今年,我们将重点抓好四件事:…;…").
      const lead = colon > 0 && colon < clause.start && !figures.some((g) => g.index < colon) ? sentence.slice(0, colon) : '';
      // (主要用于以下方面: 主要, 重要 and 需要 are no plans; 主要做好几件事 is.)
      // In a year's plan (工作要点), a level aimed at (控制在12分钟以内) is planned, not reached.
      // (2024年…达到79.6岁 in a 2025 plan is last year's level reached, no aim.)
      const past = !!time?.year && !!docYear && time.year < docYear;
      // (全县…为88.6%，2025年提高到90%以上 in a report of 2024: a later year aimed at.)
      const later = !!time?.year && !!ctx.period?.year && time.year > ctx.period.year;
      const planned = ctx.planSection || /将|(?<![主重需只必])要|做好|抓好|计划|力争|打算|安排|部署/.test(lead) || ((!!ctx.planDoc || later) && !past && AIMED.test(near.trim())) || (!past && aimedInSentence(sentence, figures, f));
      const status = asStatus ?? (role === 'from' ? 'actual' : undefined) ?? statusOf({ before: lead + ' ' + sentence.slice(clause.start, f.index), near, after: sentence.slice(f.end, f.end + 8), unit: f.unit, ...(time?.year ? { year: time.year } : {}), ...(docYear ? { reportYear: docYear } : {}), ...(planned ? { planSection: true } : {}) });
      // "比上年的1150件增长11.8%": a change on the year before is a 同比 change, however it is worded.
      if (status === 'change' && !/同比|环比|比上年|较上年|比去年|较去年/.test(metric) && /比上年|较上年|比去年|较去年|上年同期|去年同期/.test(sentence.slice(clause.start, f.index))) {
        metric = metric.replace(/(增长|增加|下降|减少|提高|降低|上升|缩短|延长)$/, '同比$1');
      }
      // 共报告法定传染病12种2,046例: the kinds counted right before the count are a count of kinds.
      const next = figures[figures.indexOf(f) + 1];
      if (/^(?:种|类)$/.test(f.unit) && next && next.index === f.end && !metric.endsWith(`${f.unit}数`)) metric = `${metric}${f.unit}数`;
      // 流感病例以甲镇(41例)和乙镇(23例)最多: a figure in brackets right after a place is the place's.
      const townIn = placeBeforeBracket(sentence.slice(clause.start, f.index));
      // …和乙镇(64例): the next place of the run counts what the first one did, or what the run
      // names after it (甲县（99.3%）、乙县（99.4%）住院分娩率…).
      const before = drafts.at(-1);
      const townMeasure = townIn && before?.place && before.place !== townIn && before.unitClass === f.unitClass && !PLACE_SUFFIX.test(before.metric) ? before.metric : undefined;
      // (甲县（245例）、乙县（198例）发病率高于…: a rate named after counts is no measure of theirs.)
      const named = townIn ? measureAfterBracketRun(sentence.slice(f.end)) : undefined;
      const runMeasure = named && RATE_WORDS.test(named) === isRateFigure(f) ? named : undefined;
      // (甲县接种率为92.1%，比乙县（88.4%）高: the place compared with has the measure just said, of its own.)
      // (…，规范管理率比乙县（68.4%）: a measure said before the word compares that measure.)
      const saidBefore = townIn ? cleanMetric(metric.replace(new RegExp(`${townIn}$`), '')) : '';
      const measureBefore = /^(.{2,}?)(?:比|较)$/.exec(saidBefore)?.[1];
      const compared = !townIn || !before || before.unitClass !== f.unitClass ? undefined : /^(?:比|较|与|同|和)$/.test(saidBefore) ? before.metric.replace(LEADING_PLACE, '') : measureBefore;
      drafts.push({
        ...(role ? { role } : {}),
        status,
        ...(level ? { level } : {}),
        kind: 'figure',
        answer: f.raw,
        value: f.value,
        // 31.7万 under 门急诊人次: a bare magnitude counts what its measure counts, in its unit.
        unit: (/^(万|亿|千|百万|千万)?$/.test(f.unit) && f.unitClass === 'count' && unitOfMeasure(metric)) || f.unit,
        unitClass: (/^(万|亿|千|百万|千万)?$/.test(f.unit) && f.unitClass === 'count' && unitClassOfMeasure(metric)) || f.unitClass,
        metric: townIn ? runMeasure || compared || cleanMetric(metric.replace(new RegExp(`(?:以|在|于|是|除)?${townIn}$`), '')) || townMeasure || cleanMetric(metric) : cleanMetric(metric),
        local: local(f),
        near,
        clause,
        spanInSentence: [f.index, f.end],
        ...(townIn ? { place: townIn } : place ? { place } : {}),
        ...(time ? { time } : {}),
      });
    };

    const rel = (f: Figure) => ({ start: f.index - clause.start, end: f.end - clause.start });
    // The clause's figures as a list's items, one measure each, dated as said before them (of a place
    // when one is given); the drafts pushed.
    const pushItems = (metrics: readonly string[], place?: string): Draft[] => {
      inClause.forEach((f, i) => push(f, metrics[i]!, timeBefore(clause.text, rel(f).start, docYear) ?? fallbackTime));
      const pushed = drafts.slice(-inClause.length);
      if (place) for (const d of pushed) d.place = place;
      return pushed;
    };

    // 罚没款由44.75万元提升至360.31万元: one measure at two times.
    const change = /^(.*?)(?:由|从)(.+?)(?:提升|增加|增长|提高|下降|降低|减少|上升|扩大|缩小|发展)?(?:到|至)(.+)$/.exec(clause.text);
    // 由2020年的386人增加到2022年的442人、2024年的517人: more points after the end, each with its year.
    const more = change && inClause.length > 2 ? laterPoints(clause.text, inClause.map(rel), docYear) : undefined;
    // 由2020年度的15.1%、2021年度的16.8%提高到2022年度的18.6%: more points before the end, each with its year.
    const between = change && inClause.length > 2 && !more ? pointsBetween(clause.text, inClause.map(rel), change[1]!.length, docYear) : undefined;
    if (change && between) {
      const subject = trimPhrase(stripTime(change[1]!)) || runNameOf(namedBefore) || changeMetrics.at(-1)?.metric || '';
      inClause.forEach((f, k) => push(f, subject, between[k], k === 0 ? 'from' : k === inClause.length - 1 ? 'to' : undefined));
      changeMetrics.push({ metric: subject, from: between[0]!, to: between.at(-1)! });
      lastRun = between;
      continue;
    }
    // 同期…超标率分别为3.49%、3.13%和2.82%: one measure in the periods of the run before, in order.
    const sameRun = lastRun && SAME_PERIODS.test(clause.text) && /分别/.test(clause.text) && inClause.length === lastRun.length ? lastRun : undefined;
    const runMeasure = sameRun ? cleanMetric(clause.text.slice(0, rel(inClause[0]!).start).replace(SAME_PERIODS, '').replace(/分别(?:为|是|达到?)?\s*$/, '')) : '';
    if (sameRun && runMeasure) {
      inClause.forEach((f, k) => push(f, runMeasure, sameRun[k], k === 0 ? 'from' : k === inClause.length - 1 ? 'to' : undefined));
      continue;
    }
    if (change && (inClause.length === 2 || more)) {
      const [a, b] = inClause as [Figure, Figure];
      const previous = changeMetrics[changeMetrics.length - 1];
      // (近三年派车量持续增长，由…: the clause before, without its time and trend words, names it.)
      // (…；服务团队数量同步增加，由…: a clause of its own just before names this run, not the run before.)
      const runName = runNameOf(namedBefore);
      const subject = trimPhrase(stripTime(change[1]!)) || runName || previous?.metric || '';
      // 办案数量由2012年的269件提升到2021年的2491件,罚没款由44.75万元提升至360.31万元: the
      // second pair takes its years from the first.
      const from = timeBefore(clause.text, rel(a).start, docYear) ?? previous?.from ?? fallbackTime;
      const ownTo = findTime(clause.text.slice(rel(a).end, rel(b).start), docYear);
      // "2023年,…由改革前(2020年)的80.1%提高到88.6%": the year inside 由… is the start's; the end
      // is the sentence's own year, when it names another.
      const lead = sentenceTime?.year && sentenceTime.year !== from?.year ? sentenceTime : undefined;
      const to = ownTo ?? previous?.to ?? (from?.year && fallbackTime?.year === from.year && lead ? lead : fallbackTime);
      push(a, subject, from, 'from');
      push(b, subject, to, more ? undefined : 'to');
      more?.forEach((t, k) => push(inClause[k + 2]!, subject, t, k === more.length - 1 ? 'to' : undefined));
      const range = from?.year && to?.year ? { label: `${from.year}年到${to.year}年`, fromYear: from.year, toYear: to.year, year: to.year } : undefined;
      lastRun = from && to && !more ? [from, to] : from && more ? [from, ...(to ? [to] : []), ...more] : undefined;
      changeMetrics.push({ metric: subject, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(range ? { time: range } : {}) });
      continue;
    }

    // 床位数、执业(助理)医师数、注册护士数分别达到6.74张、3.04人、3.93人
    const respectively = clause.text.indexOf('分别');
    // 分别为3.12人、3.46人（2020年分别为2.58人、2.71人）: the same items at another time, in brackets.
    const again = respectively >= 0 ? bracketedAgain(clause.text, inClause.map(rel)) : undefined;
    if (again && enumerationItems(clause.text.slice(0, respectively)).length === again.outside) {
      const items = withPerHead(enumerationItems(clause.text.slice(0, respectively)));
      inClause.forEach((f, i) => push(f, items[i % again.outside]!, timeBefore(clause.text, rel(f).start, docYear) ?? (i < again.outside ? timeBeforeOwn : fallbackTime)));
      // Later clauses (分别低于全省平均水平（…）) list the same measures, as pushed (每千人口…), and
      // are of the list's own time, not the bracket's.
      lastItems = drafts.slice(-inClause.length).slice(0, again.outside).map((d) => d.metric);
      lastClauseTime = timeBeforeOwn;
      continue;
    }
    // 2021年至2023年信访总量分别为1186件、1352件、1027件: a run of years, one figure of each, in order.
    // (Not 2022年至2023年男性、女性…分别为: items listed before 分别 are what the figures are of.)
    const run = respectively > 0 && !/、/.test(clause.text.slice(0, respectively)) ? YEAR_RUN.exec(clause.text.slice(0, respectively)) : null;
    const runYears = run ? Number(run[2]) - Number(run[1]) + 1 : 0;
    if (run && runYears === inClause.length && runYears <= MAX_RUN && isFigureList(clause.text, inClause.map(rel)) && inClause.every((f) => f.unit === inClause[0]!.unit)) {
      // (…病例数波动较大，2019年至2023年分别为…: a run that names no measure is of the one the clause before named.)
      const measure = cleanMetric(clause.text.slice(0, respectively).replace(run[0], '')) || (MEASURE_OPENING.exec(namedBefore ?? '')?.[1] ?? '');
      if (!measure) continue;
      pushItems(inClause.map(() => measure)).forEach((d, i) => (d.time = { label: `${Number(run[1]) + i}年`, year: Number(run[1]) + i }));
      continue;
    }
    if (respectively >= 0 && inClause.length >= 2 && isFigureList(clause.text, inClause.map(rel))) {
      const firstFig = rel(inClause[0]!).start;
      const itemsText = respectively < firstFig && respectively > 0 ? clause.text.slice(0, respectively) : clause.text.slice(respectively + 2, firstFig);
      // 孕产妇死亡率、婴儿死亡率和5岁以下儿童死亡率: A、B和C, when the figures are one more than the 、 parts.
      const parts = enumerationItems(itemsText);
      const items = parts.length + 1 === inClause.length ? enumerationItems(lastJoinAsComma(itemsText)) : parts;
      const verb = respectively >= 0 ? leadingVerb(clause.text.slice(respectively + 2, firstFig)) : '';
      // 甲区每千人口医师数、注册护士数分别为…: a place before the first of the measures is every one's.
      const leadPlace = ITEM_PLACE.exec(items[0] ?? '')?.[1];
      const placeLeads = !!leadPlace && !NOT_PLACE.test(leadPlace) && items[0]!.length > leadPlace.length + 1 && items.slice(1).every((item) => !ITEM_PLACE.test(item));
      if (placeLeads) items.splice(0, items.length, ...withPerHead([items[0]!.slice(leadPlace.length), ...items.slice(1)]));
      // (…设立老年医学科的比例2021年、2022年、2023年分别为: the measure said right before the first year.)
      const led = MEASURE_THEN_YEAR.exec(items[0]?.trim() ?? '');
      // (其中农村地区2021年、…: a part said before the years names no measure; it narrows the one said before.)
      const yearsLed = !!led && items.length >= 2 && items.slice(1).every((item) => YEAR_ITEM.test(item.trim()));
      const named = yearsLed && MEASURE_HEAD.test(led![1]!) ? cleanMetric(led![1]!) : undefined;
      const narrowedBy = yearsLed && !named ? cleanMetric(led![1]!.replace(/^其中/, '')) : undefined;
      if (yearsLed) items[0] = led![2]!;
      if (items.length === inClause.length) {
        const pushed = pushItems(items, placeLeads ? leadPlace : undefined);
        if (placeLeads) {
          lastItems = items;
          continue;
        }
        // 2021年、2022年分别为512.3万人次和498.7万人次: the years are the figures' times, of the
        // measure said before them in the same unit.
        const years = items.map((item) => YEAR_ITEM.exec(item.trim()));
        if (years.every(Boolean)) {
          const said = drafts.slice(0, -pushed.length).reverse().find((d) => d.kind === 'figure' && d.status === 'actual' && !d.level && d.unit === pushed[0]!.unit);
          // (全市出生人口持续减少，2021年、…分别为: the clause right before names what moves, ahead of a
          // figure of the sentence before in the same unit, 户籍人口; 据卫生统计年报，… names nothing that
          // moves; a figure of this sentence, 受理申请9件，…有所增加，2021年、2022年分别为, comes first.)
          const moving = movingMeasure(namedBefore);
          // (…出生人口22861人，死亡人口持续增加，2021年、…: a clause naming another measure is that one's;
          // …申请9件，申请数量有所增加: a 数量 of the same thing is the figure's own.)
          const sameThing = !!said && (!moving || said.metric.includes(moving.replace(/数量$|数$/, '')));
          const before = sameThing ? said!.metric : moving ? undefined : ctx.previous?.unit === pushed[0]!.unit ? ctx.previous.metric : undefined;
          const measure = named || (before && narrowedBy ? `${narrowedBy}${withoutArea(before)}` : before) || (moving ? cleanMetric(moving) : undefined);
          const times = items.map((item, i) => ({ label: item.trim(), year: Number(years[i]![1]) }));
          pushed.forEach((d, i) => {
            d.metric = measure ?? '';
            d.time = times[i]!;
          });
          yearList = { times, metric: measure ?? '' };
          continue;
        }
        // 甲县、乙县、丙县…分别为: each figure is its own place's, not the first one's.
        items.forEach((item, i) => {
          const own = ITEM_PLACE.exec(item)?.[1];
          if (own && !NOT_PLACE.test(own) && pushed[i]) pushed[i]!.place = own;
        });
        // 甲县、乙县的签约率分别为…: the measure after the last place is every place's.
        // (甲县、乙县综合得分分别为: the same without 的, when the last item opens on its place.)
        const lastPlace = ITEM_PLACE.exec(items.at(-1) ?? '')?.[1];
        const lastItem = SHARED_MEASURE.exec(items.at(-1) ?? '') ?? (lastPlace && items.length >= 2 && (items.at(-1)!.length - lastPlace.length) >= 2 ? [items.at(-1)!, lastPlace, items.at(-1)!.slice(lastPlace.length)] : null);
        const placeOf = (item: string, i: number) => pushed[i]?.place === item.replace(/^其中/, '');
        const lastInstitution = INSTITUTION_THEN_MEASURE.exec(items.at(-1) ?? '');
        if (lastItem && items.slice(0, -1).every(placeOf) && ITEM_PLACE.exec(lastItem[1]!)?.[1] === lastItem[1]) {
          for (const d of pushed) d.metric = lastItem[2]!;
        }
        // 县中医院、县妇幼保健院门急诊分别达到…: the measure after the last institution is every one's.
        else if (lastInstitution && items.length === pushed.length && items.slice(0, -1).every((item) => INSTITUTION_END.test(item))) {
          pushed.forEach((d, i) => (d.metric = `${i === items.length - 1 ? lastInstitution[1] : items[i]!.replace(/^其中/, '')}${lastInstitution[2]}`));
        }
        // "健康管理率为72.4%。各县中，甲县、乙县分别为68.9%、70.6%": places alone name no measure;
        // theirs is the one the sentence before gave, in the same kind of figure.
        // (Only when nothing before the list in its sentence names a measure: 各县中, 其中, 分县看.)
        else if (items.every(placeOf) && ctx.previous && LEAD_ONLY.test(sentence.slice(0, clause.start)) && pushed.every((d) => d.unit === ctx.previous!.unit)) {
          for (const d of pushed) d.metric = ctx.previous.metric;
        }
        // (Later clauses name the same measures, per head as the list's first is.)
        lastItems = withPerHead(items);
        continue;
      }
      // "…分别为3.12人、3.46人，分别低于全省平均水平（3.28人、3.71人）": the wider area's figures of
      // the measures just listed, in order; "…，分别比全省低0.17人、0.24人": each item's gap to it.
      const said = itemsText.trim();
      const gap = WIDER_LIST.test(said) ? '' : GAP_LIST.test(said) ? said : undefined;
      if (items.length === 0 && lastItems.length === inClause.length && gap !== undefined) {
        pushItems(lastItems.map((item) => item + gap));
        continue;
      }
      // "在管高血压、2型糖尿病患者分别为…,规范管理率分别为72.1%、70.5%": one measure of the
      // items listed before.
      const measure = trimPhrase(itemsText);
      // "…；乙区分别为3.25人、3.76人": another place, of the measures just listed.
      const placeOnly = ITEM_PLACE.exec(measure)?.[1];
      if (lastItems.length === inClause.length && placeOnly === measure && !NOT_PLACE.test(placeOnly)) {
        pushItems(lastItems, placeOnly);
        continue;
      }
      // (…2021年、2022年、2023年分别为…，出生率分别为9.40‰、8.52‰、7.99‰: another measure of the same years.)
      // (…由2021年的158.6万人次提高到2023年的192.4万人次；出院人次分别为a、b、c: one figure a year of that run.)
      // (出生率, 罚没款, 市级医院: one thing a year; 城乡居民分别为…, 男女分别为… split one year's figure in
      // two, which no year list names: those are no one's figures a year, and are left.)
      const years = yearList?.times.length ? yearList.times : yearsOfRun(lastRun);
      const oneName = !itemsText.includes('、');
      if (years.length === inClause.length && PAIR_SPLIT.test(measure)) continue;
      // (由2021年1—6月的…到2023年1—6月的…，…分别为a、b、c: one figure a half-year of the run, whose labels
      // are not worked out; never three figures of one measure on one period.)
      const spanned = years.length ? 0 : yearsSpanned(lastRun);
      if (spanned >= 2 && spanned === inClause.length && measure && oneName) continue;
      if (years.length === inClause.length && measure.length >= 2 && oneName && !/(?:19|20)\d{2}年|月|季度/.test(itemsText)) {
        // (市级医院分别为…: a group, no measure, of the measure the run was of: 市级医院门急诊量.)
        const of = yearList?.times.length ? yearList.metric : (changeMetrics.at(-1)?.metric ?? '');
        // (罚没款 after 立案数: another unit, another measure of its own.)
        const sameUnit = drafts.some((d) => d.metric === of && d.unit === inClause[0]!.unit);
        const name = MEASURE_HEAD.test(measure) || !of || !sameUnit ? measure : `${measure}${withoutArea(of)}`;
        pushItems(years.map(() => name)).forEach((d, i) => (d.time = years[i]!));
        continue;
      }
      if (lastItems.length === inClause.length && measure && oneName) {
        pushItems(lastItems.map((item) => item + measure));
        continue;
      }
      if (items.length === 0 && changeMetrics.length >= inClause.length) {
        const base = changeMetrics.slice(-inClause.length);
        inClause.forEach((f, i) => push(f, base[i]!.metric + verb, base[i]!.time ?? fallbackTime));
        continue;
      }
    }

    const segments = segmentsOf(clause.text, inClause.map(rel));
    // 总建设面积6.9万平方米、总投资61608万元、增加床位350张的市胸科医院改扩建项目…: the
    // subject after the last figure's 的 belongs to every figure of the enumeration.
    const lastAfter = segments[segments.length - 1]!.after;
    const subject = /^的/.test(lastAfter) && segments.length > 1 ? subjectAfter(lastAfter) : '';
    const subjectLeads = subject !== '' && lastAfter.slice(1 + subject.length).replace(/^[,，。;；]/, '') !== '';
    let previousMetric = '';
    let parenTotal: { metric: string; close: number } | undefined;
    // A级41家(综合医院29家、中医医院9家…): every kind in the brackets is a kind of A级.
    let parenKinds: { total: string; close: number } | undefined;
    let progressOf: string | undefined;
    segments.forEach((seg, i) => {
      const f = inClause[i]!;
      // 2024年1—6月…较去年同期(5,310例): the months a year before are the sentence's own months, else the report's.
      const monthsOwn = [lastClauseTime, sentenceTime].find((t) => t?.year && /月/.test(t.label));
      let time = sameMonthsAgo(timeBefore(clause.text, rel(f).start, docYear) ?? fallbackTime, clause.text.slice(0, rel(f).start), monthsOwn ?? ctx.period);
      // "总诊疗3,126.48万人次,同比增长4.7%(2024年同期为2,986.12万人次)", "88.6%，比上年同期的87.1%
      // 提高…": the same measure a year before, over the same months.
      const before = clause.text.slice(0, rel(f).start);
      const samePeriod = BASE_VALUE_BEFORE.exec(before) ?? SAME_PERIOD_BEFORE.exec(before);
      const level = samePeriod ? [...drafts].reverse().find((d) => d.kind === 'figure' && d.status === 'actual' && !d.role && d.unit === f.unit) : undefined;
      if (samePeriod && level) {
        push(f, level.metric, samePeriodBefore(samePeriod[1]!, level.time ?? time), 'from');
        return;
      }
      // (同比增长10.57%) right after a figure qualifies that figure's measure; "、乙病(33例)" is
      // a list item whose own figure stands in brackets after its name.
      const nameThenFigure = /^(?:和|及|与|以及)?[\u3400-\u9fffA-Za-z]{2,}\s*[(（]\s*$/.test(seg.before) && (/^(?:和|及|与|以及)/.test(seg.before) || (i > 0 && /(?:、|和|及|与|以及)\s*$/.test(segments[i - 1]!.after)));
      if (seg.inParens && previousMetric && !nameThenFigure) {
        // 高级职称608人(其中正高级178人、副高级430人): the parts of the figure before, to the bracket's end.
        const inner = seg.before.replace(/^\s*[(（]/, '');
        if (/^其中/.test(inner)) {
          const part = trimPhrase(inner.replace(/^其中[:：,，]?/, ''));
          if (part) {
            parenTotal = { metric: previousMetric, close: clause.text.indexOf(')', rel(f).start) };
            push(f, partOfTotal(part, previousMetric), time);
            return;
          }
        }
        // 医院68家(三级医院19家…): a kind of the thing counted before is its own measure.
        const named = trimPhrase(seg.before.replace(/^[(（]/, ''));
        const level = /^[(（]?(全国|全省|全自治区|国家)(平均)?(水平)?(为|是)?$/.test(seg.before.trim());
        const base = [...drafts].reverse().find((d) => d.kind === 'figure' && d.status === 'actual')?.metric ?? previousMetric;
        if (!level) parenKinds = { total: previousMetric, close: clause.text.indexOf(')', rel(f).start) };
        push(f, level ? base : kindOfCounted(named, previousMetric), time);
        return;
      }
      // "完成全年目标12万人的82.0%", "已完成规划增量的68.1%": the target of the figure before, and
      // how far it is met: an actual figure of progress, not a target.
      const targetNamed = PROGRESS_TARGET.test(seg.before) && f.unitClass !== 'percent';
      const rateNamed = PROGRESS_RATE.test(seg.before);
      const lastLevel = targetNamed || rateNamed ? [...drafts].reverse().find((d) => d.kind === 'figure' && d.status === 'actual' && !d.level && d.unitClass !== 'percent')?.metric : undefined;
      if (targetNamed && lastLevel) {
        progressOf = measureOfChange(lastLevel);
        push(f, progressOf, time, undefined, 'target');
        return;
      }
      const rate = rateNamed ? lastLevel : progressOf && /^[)）]?\s*的$/.test(seg.before.trim()) ? progressOf : undefined;
      progressOf = undefined;
      if (rate && f.unitClass === 'percent') {
        previousMetric = `${measureOfChange(rate).replace(/^完成/, '')}完成进度`;
        push(f, previousMetric, time, undefined, 'actual');
        return;
      }
      // "较上月(4月,1,512例)": the base's own value, of the base's time; with no time stated it
      // would take the report's, and is left out.
      const inBase = baseParenthesis(clause.text.slice(0, rel(f).start));
      if (inBase !== undefined) {
        const opened = seg.before.replace(/[(（][^()（）]*$/, '');
        const words = /(?:[比较与跟同][^(（,，;；。比较]{0,6}|同期)$/.exec(opened)?.[0] ?? '';
        const owner = measureOfChange(trimPhrase(opened)) || ownerOf(f, drafts);
        const stated = findTime(inBase, docYear);
        const baseTime = stated ? labelAndYear(stated) : impliedBaseTime(words, time ?? ctx.period);
        if (baseTime && owner) push(f, owner, baseTime, 'from');
        pendingBase = owner ? { owner, words } : undefined;
        return;
      }
      if (pendingBase) {
        const base = pendingBase;
        pendingBase = undefined;
        const verb = seg.before.replace(/^[^)）]*[)）]/, '').trim();
        if (/^[\u3400-\u9fff]{1,4}$/.test(verb)) {
          previousMetric = base.owner;
          push(f, base.owner + base.words + verb, time);
          return;
        }
      }
      // 全市23家互联网医院全年提供…118.7万人次: the noun after a count stands in the next piece.
      let metric = chooseMetric(seg.before, seg.after || (trimPhrase(seg.before) ? '' : segments[i + 1]?.rawBefore ?? ''), f.unitClass, i === segments.length - 1);
      // "(全国为79.4%)", "全国平均为7.23张": the same measure, for the wider area.
      // "高于2018年全省监测的26.9%", "比上年的1150件": a figure set beside the last one, for another
      // year or area, measures what it does.
      const beside = BESIDE.exec(seg.before.trim());
      if (beside) {
        const own = [...drafts].reverse().find((d) => d.kind === 'figure' && d.status === 'actual' && !d.level);
        if (own) metric = own.metric;
        // "比2023年的96.2%下降…": the base's value, of the base's year, not this year's figure;
        // 比上年的26.91亿元: of the year before the figure's own.
        const ownYear = (time ?? ctx.period)?.year;
        const baseYear = beside[2] ? Number(beside[2]) : beside[1] && ownYear ? ownYear - 1 : undefined;
        if (own && baseYear) {
          previousMetric = metric;
          push(f, metric, { label: `${baseYear}年`, year: baseYear }, 'from');
          return;
        }
      }
      // "高于全国7.23张的平均水平": a wider area's figure for comparison measures what the last one did.
      // "但仍低于全市7.00张和全省7.30张的平均水平": in a county's report 全市 is a wider area too.
      const wider = ctx.reportIsCounty ? /全国|全省|全自治区|国家|全市/ : /全国|全省|全自治区|国家/;
      const comparing = metric.replace(/略|高于|低于|超过|不及|全国|全省|全自治区|国家|平均|水平|的|为|是|相比|与|比|但|仍|也|还|均|都/g, '').replace(ctx.reportIsCounty ? /全市/g : /(?!)/g, '') === '' && wider.test(metric + seg.before + seg.after);
      if (comparing || (!metric && /全国|全省|全自治区/.test(seg.before))) {
        metric = [...drafts].reverse().find((d) => d.kind === 'figure' && d.status === 'actual')?.metric ?? metric;
      }
      const continues = !metric;
      if (!metric && i === 0 && namedBefore && !VIEWPOINT.test(namedBefore.trim()) && /^\s*(?:达到|达|为|是|超过|提高到|升至|降至|增至|仅为|只有)?\s*$/.test(seg.before)) metric = standingOf(cleanMetric(namedBefore), drafts) ?? cleanMetric(namedBefore);
      if (!metric) metric = previousMetric;
      // 常住人口签约率：目标值40%，实际完成41.3%: figures named only by their status measure what
      // the line's label before its colon names.
      // (任务是12万人，实际完成12.86万人: with no label, what the task before it was set for.)
      // (目标为32万剂次，截至12月8日已接种29.7万剂次: the verb the target was set for, done so far.)
      const doneSoFar = DONE_SO_FAR.exec(stripTime(metric))?.[1];
      const labelled = STATUS_ONLY.test(metric.replace(/[≤≥<>＜＞]/g, '').trim()) ? (labelOf(sentence, f.index) ?? taskBefore(drafts, f, metric)) : doneSoFar && drafts.at(-1)?.metric.includes(doneSoFar) ? taskBefore(drafts, f, metric) : undefined;
      if (labelled) metric = labelled;
      // "…总支出128.6亿元,同比增长6.8%": a bare change continues the figure before it.
      const lastDraft = drafts[drafts.length - 1];
      const owner = lastDraft?.kind === 'figure' ? measureOfChange(lastDraft.metric) : '';
      pendingBase = undefined;
      // "2023年…为84.1%，2024年提高到87.9%": a verb of change with 到 names the level reached, of the
      // measure before it; without 到 it is the change.
      // (受季节影响回落至: the cause before the verb names nothing.)
      // (由2020年度的15.1%、2021年度的16.8%提高到2022年度的18.6%: the years between are no words;
      // a figure listed after 、 that names only the verb after it is one more point of the series.)
      const reachedTo = (/(?:到|至)了?\s*$/.test(seg.rawBefore) || /(?:到|至)了?\s*的?\s*$/.test(seg.before)) && isBareChange(metric.replace(/(?:到|至)了?$/, '').replace(CAUSE, '')) && !/以上|以下|以内/.test(f.raw);
      const listedPoint = /^\s*、\s*的?\s*$/.test(seg.before) && isBareChange(metric.replace(/(?:到|至)了?$/, ''));
      if ((reachedTo || listedPoint) && lastDraft?.kind === 'figure' && lastDraft.status === 'actual' && lastDraft.unitClass === f.unitClass) metric = lastDraft.metric;
      else if (isBareChange(metric) && owner) metric = owner + (metric.startsWith('上年') ? '比' : '') + metric;
      // "…占比提高到30%以上;到2027年,力争达到45%以上": an aim that names nothing continues the measure before.
      if (/^(?:力争|争取|确保|努力|要|将|再)+$/.test(metric) && owner) metric = owner;
      // (…，但仍未达到市里确定的20.0%年度目标: who set an aim names no measure; the one before it is aimed at.)
      else if (AIM_SET.test(metric) && owner && lastDraft?.kind === 'figure' && lastDraft.unitClass === f.unitClass) metric = owner;
      // "2021年门诊是120.5万人次,前年涨到了131.2万,去年是140.8万": a figure named by a verb of
      // reaching alone is the same measure at another time.
      else if (REACHED.test(metric) && lastDraft?.kind === 'figure' && lastDraft.status === 'actual' && (lastDraft.unitClass === f.unitClass || /^(?:万|亿|千)?$/.test(f.unit))) {
        metric = lastDraft.metric;
        // 131.2万 after 120.5万人次: a bare magnitude counts what the figure before it counted.
        if (/^(?:万|亿|千)?$/.test(f.unit)) f.unitClass = lastDraft.unitClass;
      } else if ((metric === '' || REACHED.test(metric)) && !lastDraft && ctx.previous && ctx.previous.unitClass === f.unitClass && ctx.previous.unit === f.unit) {
        // "…门急诊总量612.4万人次。从历年情况看，2021年为586.5万人次": the sentence before's measure, at another time.
        metric = ctx.previous.metric;
      } else if ((metric === '' || REACHED.test(metric)) && lastDraft?.kind === 'figure' && lastDraft.status === 'change' && lastDraft.unitClass === f.unitClass) {
        // "女性人均预期寿命比男性长5.2岁，达到83.1岁": the level reached is of the measure the gap was of.
        const measure = /^([\u3400-\u9fff()（）]{2,}?)(?:比|较)/.exec(lastDraft.metric)?.[1];
        if (measure) metric = measure;
      }
      // "在管高血压患者486,375人,规范管理率为76.4%": a bare rate is the rate of the people just counted.
      if (BARE_RATE.test(metric)) metric = populationBefore(drafts, sentence, f.index) + metric;
      // "…提高到2022年的84元,是十年前的3.36倍": a multiple of an earlier time measures the figure before.
      const earlier = f.unitClass === 'multiple' && owner ? earlierTimeOf(seg.before, time) : undefined;
      if (earlier && lastDraft?.kind === 'figure') {
        metric = `${owner}比${earlier}的倍数`;
        time = lastDraft.time;
      }
      // "…,占82.2%": the share of the figure just before; "全国平均为7.23张": the same measure elsewhere.
      if (/^占(比)?$/.test(metric) && lastDraft?.kind === 'figure') metric = `${lastDraft.metric}占比`;
      // "三、四级手术14,213台次,占手术总量的45.0%": the share of the figure before in the whole named.
      else if (/^占[\u3400-\u9fff]{1,12}$/.test(metric) && f.unitClass === 'percent' && lastDraft?.kind === 'figure' && lastDraft.unitClass !== 'percent') metric = `${lastDraft.metric}${metric}比例`;
      else if (/^(全国|全省|全自治区|国家)?(平均)?(水平)?$/.test(metric)) {
        const level = [...drafts].reverse().find((d) => d.kind === 'figure' && d.status === 'actual');
        if (level) metric = level.metric;
      }
      if (subjectLeads && !metric.includes(subject)) metric = subject + metric;
      // "配置专用病房100个、床位307张": a modifier of the list's first item holds for the next ones.
      const listed = i > 0 && (/^\s*、/.test(seg.before) || /、\s*$/.test(segments[i - 1]!.after));
      if (listed) metric = sharedModifier(drafts[drafts.length - 1], metric) + metric;
      if (parenTotal && rel(f).start < parenTotal.close) metric = partOfTotal(metric, parenTotal.metric);
      else if (parenKinds && rel(f).start < parenKinds.close && listed) metric = kindOfCounted(metric, parenKinds.total);
      // "床位32156张。其中:医院26418张": the parts of a total are counted in its words.
      if (breakdown?.unitClass === 'text') metric = kindOfTotal(metric, breakdown.metric);
      else if (breakdown && f.unitClass === breakdown.unitClass && f.unit === breakdown.unit) metric = partOfTotal(metric, breakdown.metric);
      previousMetric = metric;
      // "原来需要6天…现在仅需1小时": the value it used to have, not the one it has.
      // A word alone in the clause before (原来,需要6天…) opens this one.
      const opener = i === 0 && ci > 0 && clauses[ci - 1]!.text.trim().length <= 4 ? clauses[ci - 1]!.text : '';
      const gap = opener + sentence.slice(Math.max(clause.start, inClause[i - 1]?.end ?? 0), f.index);
      // "在岗乡村医生836人,2019年为1,024人": the same measure in an earlier year, which it was.
      const then = continues && time?.year && docYear && time.year < docYear && /^\s*(?:19|20)\d{2}年/.test(clause.text);
      push(f, metric, time, then || (USED_TO.test(gap) && !NOW.test(gap)) ? 'from' : undefined);
    });
  }
  const named = withPreviousMeasure(sentence, withLeadTopic(sentence, withPairedYears(withPointerNamed(drafts))), ctx.previousCount ?? ctx.previous);
  const grouped = withLeadMeasure(sentence, withGroupMeasures(withRunSubjects(sentence, withComparedMeasures(withPerHeadCounts(withAccountLines(named))))));
  return [...withPartOfCount(sentence, withLevelBrackets(sentence, grouped, ctx.reportIsCounty)), ...rankingDrafts(sentence, sentenceTime ?? carriedTime)];
}

interface Segment {
  before: string;
  /** The words before as written, times included: a time ends the noun of a count before it. */
  rawBefore: string;
  after: string;
  inParens: boolean;
}

/**
 * Cuts a clause into one piece per figure. Between two figures the cut falls at the last list
 * separator (、 和 及 并 与), or right after the first figure when nothing separates them (4种62个).
 */
function segmentsOf(clause: string, figs: { start: number; end: number }[]): Segment[] {
  const bounds: number[] = [0];
  for (let i = 1; i < figs.length; i++) {
    const gap = clause.slice(figs[i - 1]!.end, figs[i]!.start);
    const close = Math.max(gap.lastIndexOf(')'), gap.lastIndexOf('）'));
    const closesOuter = close >= 0 && !/[(（]/.test(gap.slice(0, close));
    const sep = Math.max(gap.lastIndexOf('、'), gap.lastIndexOf('和'), gap.lastIndexOf('及'), gap.lastIndexOf('并'), gap.lastIndexOf('与'), closesOuter ? close : -1);
    bounds.push(figs[i - 1]!.end + (sep >= 0 ? sep + 1 : gap.length ? 0 : 0));
  }
  bounds.push(clause.length);
  return figs.map((f, i) => {
    const start = bounds[i]!;
    const stop = bounds[i + 1]!;
    const before = clause.slice(start, f.start);
    const after = clause.slice(f.end, stop);
    const opened = clause.slice(0, f.start).lastIndexOf('(');
    const inParens = opened >= 0 && clause.indexOf(')', opened) >= f.end && opened >= (figs[i - 1]?.end ?? -1);
    return { before: stripTime(before), rawBefore: before, after, inParens };
  });
}

/** 三级医院 of 医院68家(三级医院19家…) is a measure already; 综合医院 of A级41家(综合医院29家…) is a kind of A级. */
function kindOfCounted(named: string, counted: string): string {
  return named.length >= 3 && named.endsWith(counted.slice(-2)) ? named : counted + named;
}

// A kind of place right after a count, with more said of those places after it.
const PLACES_COUNTED = /^(县市区|县区|区县|乡镇|街道|县|区|镇|乡)(?![镇级域城乡委街村]|政府|医院|人民|人医|中医|卫生|疾控|妇幼|社区|中心|学校|小学|中学|幼儿园|医共体|医联体|财政|公共)(?=[\u3400-\u9fff]{2,})/;

/** Picks what a figure measures: the words before it, or the noun after it (174个老旧小区). */
function chooseMetric(beforeRaw: string, afterRaw: string, cls: UnitClass, lastInClause = true): string {
  const countsNoun = cls === 'count' || cls === 'person' || cls === 'visit';
  const before = trimPhrase(beforeRaw);
  const after = afterRaw.replace(/^(余|多|以上|以下|左右)/, '');
  // 4个区人均诊次都不到…: the figure counts the places, not what is said of them.
  const places = cls === 'count' ? PLACES_COUNTED.exec(after) : null;
  if (places) return `${before}${places[1]}数`;
  const afterNoun = leadingNounPhrase(after.replace(/^的/, ''));
  if (!before) {
    // 已有402个村卫生室接入远程心电诊断系统: what the things counted do is part of the measure.
    // Not when the clause goes on to a figure of its own (23家互联网医院全年提供…118.7万人次).
    const does = afterNoun && lastInClause ? after.replace(/^的/, '').slice(afterNoun.length).replace(/[,，。;；].*$/, '') : '';
    if (afterNoun && countsNoun && startsWithVerb(does)) return `${afterNoun}${does}`.slice(0, 30);
    if (afterNoun) return afterNoun;
    if (after && startsWithVerb(after)) return after.replace(/[,，。;；].*$/, '').slice(0, 20);
    return '';
  }
  // 施划8.3万个停车位: a measure word right before a noun counts that noun.
  if (afterNoun && !/^的/.test(after) && (countsNoun || endsWithVerb(beforeRaw.replace(/[“”"]/g, '')) || before.length <= 1)) {
    return `${before}${afterNoun}`;
  }
  // 投资980万元的“智医助理”民生工程项目: the figure describes the project after 的.
  if (/^的/.test(after) && afterNoun) {
    const rest = after.slice(1 + afterNoun.length);
    if (/^[,，。;；]?$/.test(rest)) return `${before}${afterNoun}`;
    // 甲市97.16%的乡镇卫生院…达到国家基本标准: the share of what does what.
    if (cls === 'percent' && startsWithVerb(rest) && !/^(自|从|在)/.test(rest)) return `${afterNoun}${rest.replace(/[,，。;；].*$/, '')}`.slice(0, 40);
    return `${afterNoun}${before}`;
  }
  return before;
}

/** 专用 of "配置专用病房": the words between a list's verb and its first item's noun, for a bare next item. */
function sharedModifier(first: Draft | undefined, item: string): string {
  if (!first || first.kind !== 'figure') return '';
  const own = tag(item);
  if (own.length !== 1 || !/^n/.test(own[0]!.tag)) return '';
  const words = tag(first.metric);
  const verb = words.map((w) => w.tag).lastIndexOf('v');
  return verb >= 0 && verb < words.length - 2 ? words.slice(verb + 1, -1).map((w) => w.word).join('') : '';
}

/**
 * 去年同期 in a report on some months (2024年5月, 2024年1—5月) is those months a year before, not
 * the whole year before.
 */
function sameMonthsAgo(time: TimeRef | undefined, before: string, period: TimeRef | undefined): TimeRef | undefined {
  if (!time?.year || !period?.year || !/(?:去年|上年)同期/.test(before) || !/月/.test(period.label) || time.label !== `${time.year}年`) return time;
  return { ...time, label: period.label.replace(/^\d{4}年/, `${time.year}年`) };
}

function subjectAfter(after: string): string {
  return leadingNounPhrase(after.replace(/^的/, ''));
}

// (含职工医保和城乡居民医保,下同): a note on what a measure covers, not part of its name.
const SCOPE_NOTE = /[(（](?:含|包括|不含|下同|以下简称)[^()（）]*[)）]/g;

// 甲中心通过国家…监测系统共收到…: the means a figure came by (and whose it was) names no measure.
const MEANS_LEAD = /^[^,，;；]*?通过[^,，;；]{2,24}?(?:系统|平台|网络|渠道|热线)(?:共|累计|全年)?(?=[\u3400-\u9fff]{2})/;

function cleanMetric(metric: string): string {
  return lastWords(trimPhrase(stripTime(metric).replace(SCOPE_NOTE, '').replace(LIST_MARKER, '').replace(MEANS_LEAD, '')).replace(/^[的之]/, ''));
}

/** A long measure's last 40 characters, which name it, from a whole item or clause on. */
function lastWords(metric: string): string {
  if (metric.length <= 40) return metric;
  const tail = metric.slice(-40);
  const whole = tail.replace(/^[^、，,;；]*[、，,;；]/, '');
  return whole.length >= 4 ? whole : tail;
}

// 规范管理率, 控制率: a rate that names no one it is the rate of.
const BARE_RATE = /^[\u3400-\u9fff]{0,4}率$/;
const PEOPLE = /(患者|人群|居民|人口|老年人|儿童|孕产妇|妇女|学生|职工)$/;

/** 高血压患者 of "在管高血压患者486,375人" counted earlier in the same run of the sentence (up to a ;). */
function populationBefore(drafts: Draft[], sentence: string, at: number): string {
  const run = Math.max(sentence.lastIndexOf('；', at), sentence.lastIndexOf(';', at));
  const last = [...drafts].reverse().find((d) => d.kind === 'figure' && d.spanInSentence[0] > run);
  if (!last || last.unitClass !== 'person' || !PEOPLE.test(last.metric)) return '';
  return last.metric.replace(/^(?:全市|全县|全区|全省|在管|现有|累计|登记|共有|共)+/, '');
}

const USED_TO = /原来|原先|过去|以前|以往|此前/;
const NOW = /现在|如今|目前|当前|眼下/;

// 十年前, 2012年, 上年同期: the whole measure of "是十年前的3.36倍" is a time.
const MULTIPLE_OF_TIME = /^[,，;；\s]*(?:是|为|相当于)((?:19|20)\d{2}年|[一二两三四五六七八九十\d]{1,2}年前|上年|去年|前年)?(?:同期)?的?$/;

/** 十年前 of "是十年前的3.36倍", 2015年 of "是2015年的1.8倍" (read already as `time`): the time a multiple is of. */
function earlierTimeOf(before: string, time: TimeRef | undefined): string | undefined {
  const m = MULTIPLE_OF_TIME.exec(before.trim());
  return m ? m[1] ?? time?.label : undefined;
}

// 这一指标, 该数据 (read as 数据), 此项指标: a measure named by pointing back at the one before.
const POINTER_MEASURE = /^(?:(?:这一|这个|这项|该|此项?)(?:指标|数据|数字|比例|比率)|指标|数据|数字)$/;

/** "…依从率为80.2%，较2022年的76.5%提高3.7个百分点，2021年这一指标为72.8%": the measure pointed back at. */
function withPointerNamed(drafts: Draft[]): Draft[] {
  drafts.forEach((d, i) => {
    if (!POINTER_MEASURE.test(d.metric)) return;
    const before = drafts.slice(0, i).reverse().find((b) => b.kind === 'figure' && b.status !== 'change' && !POINTER_MEASURE.test(b.metric) && b.unit === d.unit);
    if (before) d.metric = before.metric;
  });
  return drafts;
}

/**
 * "去年门诊81,330人次,今年达到86,452人次": one measure at two times in a sentence is a pair,
 * the earlier figure its previous value.
 */
function withPairedYears(drafts: Draft[]): Draft[] {
  const level = drafts.filter((d) => d.kind === 'figure' && d.status === 'actual' && !d.role && !d.level && d.time?.year);
  for (const later of level) {
    const earlier = level.find((d) => d !== later && d.metric === later.metric && d.unit === later.unit && d.time!.year! < later.time!.year!);
    if (earlier && !earlier.role) {
      earlier.role = 'from';
      later.role = 'to';
    }
  }
  return drafts;
}

const SAME_PERIODS = /^\s*(?:同期|相应|对应|与之对应)(?:的)?/;
const AIM_SET = /^(?:但|且|仍|尚|还|均|都)*(?:未|没有|没|已|已经)?(?:达到|完成|实现|超过)?[\u3400-\u9fff]{0,6}?(?:确定|下达|提出|设定|制定|要求|规定)的?$/;

// 持续增长, 逐年下降: how a measure moved, said after it.
const TREND_WORDS = /(?:持续|稳步|逐年|逐步|不断|明显|显著|大幅|快速|较快|同步)?(?:增长|增加|上升|提高|提升|下降|减少|降低)$/;

function stripTime(text: string): string {
  return text
    .replace(/(?:近|过去|最近)\d+年(?:来|以来)?|\d+年来/g, '')
    // 比2020年提高: the base of a change stays in its measure.
    .replace(/(?:截至|截止到|截止|从|由|自)?(?<![比较与同跟])(?:19|20)\d{2}年度?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|初|以来)?的?/g, '')
    .replace(/(?:截至|截止)?(?:目前|今年以来|今年|近年来)/g, '')
    .replace(/(?<![比较与同跟])(?:去年|前年|上年)(?:底|末)?的?(?!同期)/g, '')
    .replace(MONTH_SPANS, '')
    .replace(SINGLE_MONTHS, '');
}

// 较4月上升: a month a change is measured from stays in its measure.
const SINGLE_MONTHS = new RegExp(`(?<![比较与同跟])${SINGLE_MONTH.source}`, 'g');

// 上半年, 1—6月份: spans of months, which date a figure and are no part of its measure.
const MONTH_SPANS = new RegExp(`${MONTH_SPAN_WORDS.source}|${BARE_MONTH_SPAN.source}(?:份)?`, 'g');

/**
 * 3.12人、3.46人（2020年分别为2.58人、2.71人）: a list of figures, then in brackets as many again.
 * How many stand outside, or undefined for any other clause.
 */
function bracketedAgain(clause: string, figs: { start: number; end: number }[]): { outside: number } | undefined {
  // (执业(助理)医师: brackets in the items' names come before the figures.)
  const after = figs[0]?.end ?? 0;
  const open = clause.slice(after).search(/[(（]/) + after;
  const close = clause.slice(after).search(/[)）]/) + after;
  if (open < after || close < open || clause.slice(close + 1).trim() !== '') return undefined;
  const outside = figs.filter((f) => f.end <= open);
  const inside = figs.filter((f) => f.start > open && f.end <= close);
  if (outside.length < 2 || inside.length !== outside.length || outside.length + inside.length !== figs.length) return undefined;
  // Only a list again: what opens the brackets names a time or a wider area, then the figures.
  if (!/^[(（]\s*(?:(?:19|20)\d{2}年|上年|去年|全省|全国|全市)[^、,，]{0,8}?分别(?:为|是)?$/.test(clause.slice(open, inside[0]!.start))) return undefined;
  return isFigureList(clause, outside) && isFigureList(clause, inside) && /^\s*$/.test(clause.slice(outside.at(-1)!.end, open)) ? { outside: outside.length } : undefined;
}

/**
 * 截至12月末 in a report of 2024 written in 2025年1月: a month's end said without a year is of the
 * report's year; with none, of the year it was written in when written after that month.
 */
function withPeriodYear(time: TimeRef | undefined, periodYear: number | undefined, written: string | undefined): TimeRef | undefined {
  const end = time && !time.year ? /^(\d{1,2})月(?:末|底)$/.exec(time.label) : null;
  if (!end) return time;
  const at = written ? /^((?:19|20)\d{2})-(\d{2})/.exec(written) : null;
  const year = periodYear ?? (at && Number(at[2]) >= Number(end[1]) ? Number(at[1]) : undefined);
  return year ? { label: `${year}年${time!.label}`, year } : time;
}

const DATELINE = /(?:委员会|委|局|中心|医院|办公室|科|处|院|政府)\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$/;

// 1. 常住人口签约率：… — an item's label before its colon, when it names a measure (items joined
// into one sentence by their ；each keep their own).
const LINE_LABEL = /(?:^|[;；。])\s*(?:\d{1,2}[.、．]\s*|[(（][一二三四五六七八九十\d]{1,3}[)）]\s*)?([\u3400-\u9fff()（）%‰]{3,24}?)\s*[:：]/g;
const MEASURE_END = /(?:率|数|量|人次|人数|费用?|额|金额|时间|天数|时长|比例|占比|指数|覆盖面)$/;
const STATUS_ONLY = /^(?:(?:19|20)\d{2}年)?(?:年度)?(?:目标值?|计划值?|实际(?:完成|值)?|完成值?|达成值?|预期值?|标准值?|考核值|基期值?|现状值?)$/;

function labelOf(sentence: string, at: number): string | undefined {
  let last: RegExpExecArray | undefined;
  for (const m of sentence.slice(0, at).matchAll(LINE_LABEL)) last = m;
  // (Only words of status stand between the label and the figure: 目标值40%，实际完成41.3%.)
  if (!last || /[;；。]/.test(sentence.slice(last.index! + last[0].length, at))) return undefined;
  const name = last[1]!.replace(/[(（][^()（）]*[)）]$/, '');
  return MEASURE_END.test(name) ? name : undefined;
}

// 截至12月8日已接种: what has been done so far, a verb alone.
const DONE_SO_FAR = /^(?:截至|截止到?|到)?(?:\d{1,2}月(?:\d{1,2}日)?(?:底|末)?|目前|当前)?(?:已经?|累计已?|实际已?)([\u3400-\u9fff]{2})$/;

/**
 * The measure of the task or target set just before a figure of its kind, without the word of aim;
 * for a target named only so (…20383例，同比增长18.8%；年度目标为22000例), the level's before it.
 */
function taskBefore(drafts: readonly Draft[], f: Figure, said: string): string | undefined {
  if (/目标|计划|任务/.test(said)) {
    const level = [...drafts].reverse().find((d) => d.kind === 'figure' && d.status === 'actual');
    return level && level.unit === f.unit ? level.metric : undefined;
  }
  const last = drafts.at(-1);
  if (last?.kind !== 'figure' || last.status !== 'target' || last.unitClass !== f.unitClass) return undefined;
  const measure = last.metric.replace(/(?:的)?(?:任务|目标|计划)(?:数|量|值)?(?:同样|也|均|都)?$/, '');
  return measure.length >= 2 && measure !== last.metric ? measure : undefined;
}

const UNIT_LINE = /^[(（]?单位[:：]\s*[^()（）]{1,16}[)）]?$/;
const UNIT_AT_END = /[(（]单位[:：]\s*[^()（）]{1,16}[)）]\s*$/;
const PERCENT_AT_END = /[(（]%[)）]\s*$/;
// (Units only: 各县（区） and （续） name none.)
const UNIT_BRACKET = /[(（](?:%|‰|‱|1\/10万|\/10万|1\/万|元|万元|亿元|人|万人|例|张|个|家|人次|万人次|天|岁|分钟|小时)[)）]/g;

/**
 * "2024年，…142.6万人次（上年135.8万人次）": 上年 in brackets is the year before the one the sentence
 * names, which in a year's report published the next year is not the year before its writing.
 */
function yearBeforeSaid(time: TimeRef | undefined, sentenceTime: TimeRef | undefined, before: string): TimeRef | undefined {
  const named = sentenceTime?.year && /(?:19|20)\d{2}年/.test(sentenceTime.label) ? sentenceTime.year : undefined;
  // (Only in brackets after the figure: "2022年…162.4万，前年…，去年是198.3万" counts back from now.)
  if (!time || !named || time.year === named - 1 || !/[(（]\s*(?:上年|去年)(?:同期)?(?:为|是)?\s*$/.test(before)) return time;
  return { label: `${named - 1}年`, year: named - 1 };
}

/** 表2　各县每千人口执业（助理）医师和注册护士数, above a table (a unit line may stand between). */
function captionBefore(blocks: readonly { kind: string; text: string }[], at: number): string | undefined {
  for (let i = at - 1; i >= Math.max(0, at - 2); i--) {
    const text = blocks[i]!.text.trim();
    if (/^表\s*\d+/.test(text) && text.length <= 80) return text;
    if (!UNIT_LINE.test(text)) return undefined;
  }
  return undefined;
}

/**
 * 注册护士 under a caption of 每千人口…注册护士数: the cell is per head as its caption says, when the
 * caption names the column's measure after its per-head words.
 */
function perHeadOfCaption(caption: string | undefined, metric: string): string {
  const per = caption ? PER_HEAD.exec(caption.replace(/[()（）]/g, '')) : null;
  if (!per || /每(?:千|万|十万|百)/.test(metric)) return metric;
  const bare = metric.replace(/[()（）]/g, '');
  return bare.length >= 2 && caption!.replace(/[()（）]/g, '').indexOf(bare, per.index + per[0].length) >= 0 ? per[0] + metric : metric;
}

/**
 * 县区 | 2022年 | 2023年 under 表3　2022—2023年各县（市、区）居民健康素养水平: a row of a place over
 * years measures what the caption names, not the place.
 */
function placeRowMeasure(captionWords: string | undefined, metric: string, region: string): string {
  // (甲县下降 of a 下降 column beside the years: the caption's measure, fallen.)
  const fall = /^(?:下降|减少|降低)$/.exec(metric.slice(region.length))?.[0];
  const row = fall && metric.startsWith(region) ? region : metric;
  if (!captionWords || !(row === region || /^全[市县区省州盟]$/.test(row))) return metric;
  // (…注册护士情况, …注册护士统计表: what the table is of, its kind of table aside.)
  const named = captionWords
    .replace(/(?:19|20)\d{2}(?:\s*[—\-~至到]\s*(?:19|20)?\d{2})?年(?:度)?/g, '')
    .replace(/^(?:[^\s]*?(?:各|分|全)(?:县|区|市|乡镇|街道)[(（]?[市县区、]*[)）]?)(?:的)?/, '')
    .trim()
    .replace(/(?:基本)?(?:情况|统计表?|一览表?|汇总表?)$/, '');
  return /^[\u3400-\u9fff]{2,16}$/.test(named) && !/情况|结果|分布|统计|一览|汇总|对比|比较/.test(named) ? `${named}${fall ?? ''}` : metric;
}

// What stands between a list's count of places and a place (4个县中), or after a place (仅, 为).
const PLACE_ITEM = /^(?:[\d一二三四五六七八九十]+个[县区市镇乡]+中|其中|[县区]中)?([\u3400-\u9fff]{2,4}?(?:县|区|市|镇|乡|街道))(?:仅|为|是|达|有|约)*$/;
const LEAD_MEASURE = /^(?:全市|全县|全区|全省)?([\u3400-\u9fff()（）]{2,20}?(?:率|数|人次|床位|人员|医师|护士|费用|水平|比例|占比))[，,:：]/;

/**
 * "全市每万常住人口全科医生数，甲区、乙区分别为5.12人、4.35人，4个县中丙县3.25人、丁县仅2.65人":
 * places standing alone with their figures, in a sentence that opens on a measure and no figure,
 * are that measure's figures of each place.
 */
function withLeadMeasure(sentence: string, drafts: Draft[]): Draft[] {
  const lead = LEAD_MEASURE.exec(sentence.trim());
  if (!lead || /\d/.test(lead[0])) return drafts;
  for (const d of drafts) {
    if (d.kind !== 'figure' || d.status !== 'actual' || d.level) continue;
    const place = PLACE_ITEM.exec(d.metric)?.[1] ?? (d.place === d.metric ? d.place : undefined);
    if (!place || NOT_PLACE.test(place)) continue;
    d.metric = lead[1]!;
    d.place = place;
  }
  return drafts;
}

/** (每千人口执业医师数、注册护士数: the per-head words the list opens with are every item's.) */
function withPerHead(items: string[]): string[] {
  const opening = PER_HEAD.exec(items[0] ?? '');
  const perHead = opening?.index === 0 ? opening[0] : undefined;
  return items.map((item) => (perHead && !item.includes(perHead) ? perHead + item : item));
}

function isFigureList(clause: string, figs: { start: number; end: number }[]): boolean {
  for (let i = 1; i < figs.length; i++) {
    if (!/^[、,和及]?$/.test(clause.slice(figs[i - 1]!.end, figs[i]!.start))) return false;
  }
  return true;
}

/** "建成省、市示范村卫生室" → 省示范村卫生室, 市示范村卫生室: short items share the last one's tail. */
function enumerationItems(text: string): string[] {
  // "A和B分别为x和y": 和, 及 and 与 list two items where no 、 does.
  const raw = splitTopLevel(text.includes('、') ? text : text.replace(/和|及|与/g, '、'), '、').map((s) => s.text);
  if (raw.length < 2) return raw.length === 1 && trimPhrase(raw[0]!) ? [] : [];
  const items = raw.map((s, i) => (i === 0 ? trimPhrase(dropLeadingVerb(s)) || trimPhrase(s) : trimPhrase(s)));
  const last = items[items.length - 1]!;
  // The last item's first word stands parallel to a short item: 省 ~ 市 of 市示范村卫生室,
  // 高血压 ~ 糖尿病 of 糖尿病患者规范管理人数; the rest of the last item is shared.
  const head = tag(last)[0]?.word ?? '';
  return items.map((item, i) => {
    if (i === items.length - 1 || last.length <= item.length + 1) return item;
    if (item.length <= 2 || (item.length <= 3 && head.length === item.length)) return item + last.slice(item.length);
    // 区人民医院和区中医院门急诊人次: items of one kind (…医院) share what follows the kind in the last.
    const kind = item.slice(-2);
    const at = last.indexOf(kind);
    if (item.length >= 3 && at > 0 && at + 2 < last.length) return item + last.slice(at + 2);
    return item;
  });
}

/** A、B和C → A、B、C: the last 和 (及, 与) after the last 、 joins the last two items. */
function lastJoinAsComma(text: string): string {
  const after = text.lastIndexOf('、');
  const m = /^(.*)(和|及|与)(.+)$/.exec(text.slice(after + 1));
  return after >= 0 && m ? `${text.slice(0, after + 1)}${m[1]}、${m[3]}` : text;
}

function dropLeadingVerb(text: string): string {
  const m = /^(建成|建设|新建|完成|开展|实现|达到|拥有|设立|新增|培训|选派)/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

function leadingVerb(text: string): string {
  const m = /^(增长|增加|提升|提高|下降|降低|减少|达到|为)/.exec(text);
  return m && /增长|增加|提升|提高|下降|降低|减少/.test(m[1]!) ? m[1]! : '';
}

// 完成全年目标(12万人), 已完成规划增量(的68.1%): a target named, and the share of it met.
// (完成年度目标（625000人次）的103.4%: the target may stand in brackets.)
const PROGRESS_TARGET = /完成(?:了)?(?:全年|年度|全年度|规划|既定)?(?:目标|任务|计划)(?:任务)?\s*[(（]?$/;
const PROGRESS_RATE = /完成(?:了)?(?:全年|年度|全年度|规划|既定|年初)?(?:目标|任务|计划|增量|预算)(?:任务)?(?:数)?的$/;

// A figure set beside the one before it (高于全国…, 比上年的…); with a base's year, its value is that year's.
const BESIDE = /^[,，]?(?:亦|均|也|略|远|仍|则)?(?:高于|低于|超过|优于|好于|不及|接近|相当于)|^[,，]?(?:比|较)(?:(上年|去年)|上月|同期|上年同期|((?:19|20)\d{2})年(?:同期)?)的?$/;

/** What a base's value (较上月(318例)) measures: the sentence's first figure counted in its unit. */
function ownerOf(f: Figure, drafts: readonly Draft[]): string {
  const first = drafts.find((d) => d.kind === 'figure' && d.unit === f.unit && d.status === 'actual');
  return first ? measureOfChange(first.metric) : '';
}

/** Each item of a ranked list as a fact whose answer is its name. */
function rankingDrafts(sentence: string, time: TimeRef | undefined): Draft[] {
  const clause: Span = { start: 0, text: sentence };
  return rankedItems(sentence).map((item) => ({
    kind: 'statement',
    status: 'actual',
    answer: item.name,
    unit: '',
    unitClass: 'text',
    rank: item.rank,
    metric: `${item.measure}第${item.rank}位${item.kind}`.slice(0, 40),
    local: sentence.slice(Math.max(0, item.at - 24), item.at + item.name.length),
    clause,
    spanInSentence: [item.at, item.at + item.name.length],
    ...(time ? { time: labelAndYear(time) } : {}),
  }));
}

// "88.6%，比上年同期的87.1%…", "(2024年同期为2,986.12万人次)": a figure a year before, over the same months.
const BASE_VALUE_BEFORE = /[比较](上年|去年|上一年)同期的\s*$/;
const SAME_PERIOD_BEFORE = /(?:同比|[比较](?:上年|去年)(?:同期)?)[^(（]*[(（]\s*((?:19|20)\d{2}年|上年|去年)同期(?:为|是|分别为)?\s*$/;

/** 2024年同期 (or 上年同期) of a figure of 2025年1—10月: 2024年1—10月. */
function samePeriodBefore(written: string, now: TimeRef | undefined): TimeRef | undefined {
  const year = /\d{4}/.test(written) ? Number(written.slice(0, 4)) : now?.year ? now.year - 1 : undefined;
  if (!year) return undefined;
  const months = now?.label.replace(/^.*?(?:19|20)\d{2}年度?/, '') ?? '';
  return { label: `${year}年${/月|季度|半年/.test(months) ? months : ''}`, year };
}

/**
 * 甲旗鼠密度最高，为1.12只/公顷；乙旗次之，为0.93只/公顷: a clause naming only a place and where it
 * stands measures what the place named before it was first said of (鼠密度, without that place);
 * not a figure said after it (…，鼠体染蚤率为21.5%), and not when the clause's place cannot be read.
 */
function standingOf(named: string, drafts: readonly Draft[]): string | undefined {
  const standing = STANDING_ONLY.exec(named);
  if (!standing || !clausePlace(standing[1]!)) return undefined;
  // (The first figure of the last place named: 甲县鼠密度最高，为1.12…，鼠体染蚤率为21.5% ranks 鼠密度.)
  const last = [...drafts].reverse().find((d) => d.kind === 'figure' && !!d.place);
  const ranked = last && drafts.find((d) => d.kind === 'figure' && d.place === last.place);
  if (!ranked?.place) return undefined;
  const measure = ranked.metric.replace(STANDING_END, '');
  const bare = measure.startsWith(ranked.place) ? measure.slice(ranked.place.length) : measure;
  return bare.length >= 2 ? bare : undefined;
}
const STANDING_ONLY = new RegExp(`^([\\u3400-\\u9fff]{2,8}?)(?:${STANDING_WORDS})$`);

/** The year a text opens on (2023年，全市…), as a sentence's opening carries it; undefined when it opens on none. */
function openingYear(text: string, docYear: number | undefined): TimeRef | undefined {
  const opening = text.trimStart();
  const t = findTime(opening.slice(0, 16), docYear);
  // (2019年以来, 2019年至今: a span up to now, whose figures are of no one year.)
  if (!t || t.index > 2 || !t.year || /以来|至今|累计/.test(t.label) || /^(?:以来|来|至今|起)/.test(opening.slice(t.index + t.length))) return undefined;
  return { label: t.label, year: t.year };
}

function labelAndYear(t: TimeRef): TimeRef {
  return { label: t.label, ...(t.year ? { year: t.year } : {}) };
}

/**
 * 较4月(80例), 较去年同期(100例), 比上月(200例): the base's period from the words before the
 * bracket, read against the figure's own period; undefined when they do not say one.
 */
function impliedBaseTime(words: string, time: TimeRef | undefined): TimeRef | undefined {
  const { year, month } = periodOf(time);
  if (!year) return undefined;
  const at = (y: number, m?: number): TimeRef => ({ label: m ? `${y}年${m}月` : `${y}年`, year: y });
  const named = /(\d{1,2})月/.exec(words);
  if (named) {
    const m = Number(named[1]);
    return m >= 1 && m <= 12 ? at(month && m > month ? year - 1 : year, m) : undefined;
  }
  if (/上月|上个月/.test(words)) return month ? (month === 1 ? at(year - 1, 12) : at(year, month - 1)) : undefined;
  if (/去年|上年|上一年/.test(words)) {
    // 2024年1—5月…较去年同期: the same months a year before (2023年1—5月), not its last month.
    const span = /(\d{1,2})\s*[—\-~到至]\s*(\d{1,2})月/.exec(time?.label ?? '');
    return span ? { label: `${year - 1}年${span[1]}—${span[2]}月`, year: year - 1 } : at(year - 1, month);
  }
  return undefined;
}

/** The year and last month of a figure's time, as a change's base is read against them. */
function periodOf(time: TimeRef | undefined): { year?: number; month?: number } {
  const month = time ? monthsOf(time.label)?.to : undefined;
  return { ...(time?.year ? { year: time.year } : {}), ...(month ? { month } : {}) };
}

/** A time phrase that opens the sentence holds for all of it. */
function leadingTime(sentence: string, docYear?: number): (TimeRef & { index: number }) | undefined {
  const t = findTime(sentence.slice(0, 24), docYear);
  if (!t || t.index > 3) return undefined;
  const firstFigure = findFigures(sentence)[0];
  if (firstFigure && firstFigure.index < t.index) return undefined;
  return t;
}

/** The nearest time phrase before a position in a clause. */
function timeBefore(clause: string, pos: number, docYear?: number): TimeRef | undefined {
  let found: TimeRef | undefined;
  let from = 0;
  while (from < pos) {
    const t = findTime(clause.slice(from, pos), docYear);
    if (!t) break;
    // 较去年同期(2023年5月,…), 比2020年: the time of a change's base is not the figure's.
    const isBase = /(?:[比较与跟同]|同期|上月|上年)[(（]?$/.test(clause.slice(Math.max(0, from + t.index - 6), from + t.index));
    if (!isBase) found = { label: t.label, ...(t.year ? { year: t.year } : {}), ...(t.fromYear ? { fromYear: t.fromYear } : {}), ...(t.toYear ? { toYear: t.toYear } : {}) };
    from += t.index + t.length;
  }
  return found;
}

// 7家机构中有2家获评优秀: a count, the thing counted, 中有, then the part and what it did.
const PART_OF_COUNT = /^([\u3400-\u9fff]{1,10}?)中(?:有|共有|共)?$/;
// 各县（市、区）中，分县看，其中: a lead that points at places and names no measure.
const LEAD_ONLY = /^[\s,，;；]*(?:(?:各|分|从各)(?:县（市、区）|县\(市、区\)|县市区|县区|区县|县|区|市|乡镇|地区)(?:中|里|看|来看)?|其中)?[\s,，:：]*$/;
// 乙县的签约率: a place and the measure it shares with the places listed before it.
const SHARED_MEASURE = /^([\u3400-\u9fff]{2,8}?)的([\u3400-\u9fff]{2,16})$/;
const ITEM_PLACE = /^(?:其中)?([\u3400-\u9fff]{1,4}?(?:县|区|市|镇|乡|街道))(?![\u3400-\u9fff]{0,2}(?:医院|卫生院|中心))/;
const COUNTED_PLACE = /^[\u3400-\u9fff]{1,4}(?:县|区|市|镇|乡|街道)$/;
const PART_DID = /^[\u3400-\u9fff]{2,12}/;

/**
 * "甲县7家机构中有2家获评优秀": the first figure counts 机构 (of 甲县, when its words name a place),
 * the second the 获评优秀机构 among them, of the same place.
 */
function withPartOfCount(sentence: string, drafts: Draft[]): Draft[] {
  const figures = drafts.filter((d) => d.kind === 'figure');
  for (let i = 0; i + 1 < figures.length; i++) {
    const [a, b] = [figures[i]!, figures[i + 1]!];
    const between = sentence.slice(a.spanInSentence[1], b.spanInSentence[0]);
    const noun = PART_OF_COUNT.exec(between)?.[1];
    if (!noun || a.unitClass !== b.unitClass) continue;
    // 甲县7家机构…: a name of a place standing alone before the count is whose count it is.
    const place = a.place ?? (COUNTED_PLACE.test(a.metric) && !NOT_PLACE.test(a.metric) ? a.metric : undefined);
    const did = PART_DID.exec(sentence.slice(b.spanInSentence[1]))?.[0] ?? '';
    a.metric = noun;
    b.metric = did ? `${did}${noun}` : noun;
    if (place) a.place = b.place = place;
  }
  return drafts;
}

// 全省（3.4‰、4.8‰）, 全国平均水平(4.0‰): a wider area's figures in brackets after its name.
const LEVEL_BRACKET = /(全省|全国|全市)(?:的)?(?:平均水平|平均|水平)?\s*[（(]([^（）()]{1,60})[）)]/g;

/**
 * "婴儿死亡率为2.76‰，5岁以下儿童死亡率为3.91‰，均低于全省（3.4‰、4.8‰）和全国（4.0‰、5.6‰）":
 * the figures in a wider area's brackets measure, one by one, what the sentence measured before
 * them for its own area, when they are as many (or one, for the last such measure).
 */
function withLevelBrackets(sentence: string, drafts: Draft[], reportIsCounty = false): Draft[] {
  for (const m of sentence.matchAll(LEVEL_BRACKET)) {
    const open = m.index! + m[0].indexOf(m[2]!);
    const inside = drafts.filter((d) => d.kind === 'figure' && d.spanInSentence[0] >= open && d.spanInSentence[1] <= open + m[2]!.length);
    if (!inside.length) continue;
    const cls = inside[0]!.unitClass;
    if (inside.some((d) => d.unitClass !== cls)) continue;
    const own = drafts.filter((d) => d.kind === 'figure' && d.status === 'actual' && !d.level && d.unitClass === cls && d.spanInSentence[1] <= m.index!);
    const measures = [...new Set(own.map((d) => d.metric))];
    const named = inside.length === measures.length ? measures : inside.length === 1 && measures.length ? [measures.at(-1)!] : undefined;
    // The figures are the wider area's: said so, or left unnamed (全市 of a city's own report is no wider area).
    const level = m[1] === '全市' && !reportIsCounty ? undefined : (m[1] as Level);
    if (!named || !level) continue;
    inside.forEach((d, i) => {
      d.metric = named[i]!;
      d.level ??= level;
    });
  }
  return drafts;
}

const THRESHOLD_BEFORE = /(?:低于|高于|超过|不足|不到)$/;
const THRESHOLD_AFTER_FIGURE = /\d[%‰]?\s*[,，]\s*(?:均|都|仍|也)?(?:低于|高于|超过|不足|不到)$/;

/** 是唯一低于95%的县, 为94.2%，低于95%: a line a figure is set against, no level of anything. */
function isThreshold(sentence: string, f: Figure): boolean {
  if (!THRESHOLD_BEFORE.test(sentence.slice(Math.max(0, f.index - 4), f.index))) return false;
  // (甲县、乙县、丙县3个县…筛查率低于95%: a bound the places listed fall below, no figure of theirs.)
  const clause = sentence.slice(0, f.index).split(/[;；。]/).at(-1) ?? '';
  return /^\s*的/.test(sentence.slice(f.end)) || THRESHOLD_AFTER_FIGURE.test(sentence.slice(Math.max(0, f.index - 16), f.index)) || LISTED_COUNT.test(clause);
}

// 甲县、乙县3个县: names listed, then how many they are.
const LISTED_COUNT = /、[^,，;；。]{1,12}?[\d一二三四五六七八九十]+(?:个|家|所)[\u3400-\u9fff]{1,4}/;

/**
 * The years of a 由…到… run's points when those before its end each stand after a 、 with their own
 * (由2020年度的15.1%、2021年度的16.8%提高到2022年度的18.6%); undefined unless every point has one.
 */
function pointsBetween(clause: string, figs: { start: number; end: number }[], opening: number, docYear?: number): TimeRef[] | undefined {
  const times: TimeRef[] = [];
  for (const [k, f] of figs.entries()) {
    const from = k === 0 ? opening : figs[k - 1]!.end;
    const gap = clause.slice(from, f.start);
    // (Each point after the first follows a 、 or the verb of change, and names its own year.)
    if (k > 0 && k < figs.length - 1 && !/^\s*、/.test(gap)) return undefined;
    const t = findTime(gap, docYear);
    if (!t?.year) return undefined;
    times.push({ label: t.label, year: t.year });
  }
  return times;
}

/**
 * The years of the points after a 由…到… pair's end, when each stands alone after a 、 with its
 * own year (、2024年的517人), or undefined when any does not.
 */
function laterPoints(clause: string, spans: { start: number; end: number }[], docYear?: number): TimeRef[] | undefined {
  const out: TimeRef[] = [];
  for (let k = 2; k < spans.length; k++) {
    const between = clause.slice(spans[k - 1]!.end, spans[k]!.start);
    const t = findTime(between, docYear);
    if (!t?.year || !/^[、和及,，]\s*(?:(?:19|20)\d{2}年(?:底|末)?)的?$/.test(between.trim())) return undefined;
    out.push({ label: t.label, year: t.year });
  }
  return out;
}

/** "2019年乙市被确定为…试点市", "2023年7月,…签订…协议": the date is the answer to "when". */
const ONLY_MONTHS = new RegExp(`^(?:${MONTH_SPAN_WORDS.source}|${BARE_MONTH_SPAN.source})份?$`);

function dateFact(clauses: Span[], ci: number, docYear?: number): Draft | undefined {
  const clause = clauses[ci]!;
  const m = DATE_HEAD.exec(clause.text.trim());
  if (!m) return undefined;
  const lead = clause.text.length - clause.text.trimStart().length;
  let event = trimPhrase(clause.text.trim().slice(m[0].length)).replace(/[。!?]+$/, '');
  const next = clauses[ci + 1];
  if (event.length < 4 && next) event = trimPhrase(next.text);
  event = event.replace(/[。!?]+$/, '');
  // "2022年是0.92": a bare number is a figure's value, no event.
  if (event.length < 4 || event.replace(/[^\u3400-\u9fff]/g, '').length < 2) return undefined;
  const date = m[1]!;
  // "2020年以来,全区累计投入…" is a span, not an event; "2022年,全区完成诊疗486.3万人次" is
  // dated by its figures already.
  if (/以来/.test(m[0]) || /^\d{4}年$/.test(date) && findFigures(event).length > 0) return undefined;
  // "2024年1—6月,…", "2024年度…": the period of the figures that follow, not an event's date.
  if (ONLY_MONTHS.test(event) || clause.text.trim().slice(m[0].length).startsWith('度')) return undefined;
  const year = /^(\d{4})年/.exec(date)?.[1];
  const resolvedYear = year ? Number(year) : docYear;
  return {
    kind: 'date',
    status: 'actual',
    answer: date,
    unit: '',
    unitClass: 'date',
    metric: event.slice(0, 40),
    local: clause.text + (next ? `,${next.text}` : ''),
    clause,
    spanInSentence: [clause.start + lead + m[0].indexOf(date), clause.start + lead + m[0].indexOf(date) + date.length],
    ...(resolvedYear ? { time: { label: year ? date : `${resolvedYear}年${date}`, year: resolvedYear } } : {}),
  };
}

/** "乙市卫生健康委先后荣获“…先进集体”荣誉称号": what it became, won or was named. */
function statementFact(clause: Span, time: TimeRef | undefined): Draft | undefined {
  const m = STATEMENT.exec(clause.text);
  if (!m) return undefined;
  const object = m[2]!.trim().replace(/[。!?;；,，]+$/, '');
  if (object.length < 3 || object.length > 40) return undefined;
  const subject = trimPhrase(stripTime(clause.text.slice(0, m.index)));
  const at = clause.start + m.index! + m[1]!.length;
  return {
    kind: 'statement',
    status: 'actual',
    answer: object,
    unit: '',
    unitClass: 'text',
    metric: `${subject}${m[1]}`.slice(0, 40),
    local: clause.text,
    clause,
    spanInSentence: [at, at + object.length],
    ...(time ? { time } : {}),
  };
}
