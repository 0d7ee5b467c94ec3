import { beforeAll, describe, expect, it } from 'vitest';
import { rowRoles } from '../src/across/table-column.js';
import { tableHeaders } from '../src/across/gather.js';
import { levelsNamed, type Level } from '../src/extract/status.js';
import { difference, sameUnit, scaleOf } from '../src/across/compare.js';
import { itemsPerGroup } from '../src/across/browse.js';
import type { AcrossRow } from '../src/across/types.js';
import { acrossFrameOf, type AcrossFrame } from '../src/across/frame.js';
import { loadIntents, type Intents } from '../src/match/intents.js';
import { ask, FollowUps, type AskResult } from '../src/core/ask.js';
import { unknownMetaFields } from '../src/reports/metadata.js';
import { loadReports } from '../src/reports/load.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// Invented reports (test/fixtures/across-structures): 岚溪市 with a table of its four counties and a
// 全市合计 row, a national figure cited beside its own, a plan's target; 桥山县 with a sidecar that
// carries keys this version does not read. Places and figures are made up.
const FIXTURES = 'test/fixtures/across-structures';
// A report whose sidecar holds keys this version does not read (kept apart: loading it warns).
const UNKNOWN_META = 'test/fixtures/unknown-meta';

type Role = { group?: string; total?: boolean; sub?: boolean };
const roles = (rows: string[][]): [string, Role][] => [...rowRoles(rows)];

describe('rowRoles: totals, groups and the parts under a row', () => {
  const header = ['病种', '发病数', '死亡数'];
  const cases: [string, string[][], [string, Role][]][] = [
    [
      'subtotals open groups named by their other words; 其中 rows are parts while they fit under the row above',
      [
        header,
        ['甲类合计', '0', '0'],
        ['霍乱', '0', '0'],
        ['乙类合计', '530', '3'],
        ['病毒性肝炎', '118', '0'],
        ['其中:乙型肝炎', '91', '0'],
        ['丙型肝炎', '21', '0'],
        ['戊型肝炎', '6', '0'],
        ['肺结核', '260', '2'],
        ['梅毒', '152', '1'],
      ],
      [
        ['甲类合计', { group: '甲类', total: true }],
        ['霍乱', { group: '甲类' }],
        ['乙类合计', { group: '乙类', total: true }],
        ['病毒性肝炎', { group: '乙类' }],
        ['乙型肝炎', { group: '乙类', sub: true }],
        ['丙型肝炎', { group: '乙类', sub: true }],
        ['戊型肝炎', { group: '乙类', sub: true }],
        // The parts have used up 118: the next row is a row of its own, not a part.
        ['肺结核', { group: '乙类' }],
        ['梅毒', { group: '乙类' }],
      ],
    ],
    [
      'a part larger than what is left of the row above ends the parts (its sum would pass the whole)',
      [header, ['病毒性肝炎', '118'], ['其中：乙型肝炎', '91'], ['丙型肝炎', '27'], ['肺结核', '260']],
      [
        ['病毒性肝炎', {}],
        ['乙型肝炎', { sub: true }],
        // 91 + 27 = 118: exactly the whole, still a part; nothing is left for 肺结核.
        ['丙型肝炎', { sub: true }],
        ['肺结核', {}],
      ],
    ],
    [
      'a normal row whose figure does not fit under what is left is not a part',
      [header, ['合计', '100'], ['甲', '60'], ['其中：甲一', '30'], ['乙', '40']],
      [
        ['合计', { total: true }],
        ['甲', {}],
        ['甲一', { sub: true }],
        ['乙', {}],
      ],
    ],
    [
      'a 其中 row with no row above is a row of its own',
      [header, ['其中：乙型肝炎', '91'], ['丙型肝炎', '21']],
      [
        ['乙型肝炎', {}],
        ['丙型肝炎', {}],
      ],
    ],
    [
      'a 其中 row straight after a total is not a part of the total',
      [header, ['乙类合计', '530'], ['其中：病毒性肝炎', '118']],
      [
        ['乙类合计', { group: '乙类', total: true }],
        ['病毒性肝炎', { group: '乙类' }],
      ],
    ],
    [
      'figures written with thousands separators are read whole',
      [header, ['诊疗人次', '1,200'], ['其中:门诊', '1,000'], ['急诊', '300']],
      [
        ['诊疗人次', {}],
        ['门诊', { sub: true }],
        ['急诊', {}],
      ],
    ],
    ['a lone 小计 opens no named group', [header, ['小计', '12'], ['甲', '5']], [['小计', { total: true }], ['甲', {}]]],
    ['the header alone', [header], []],
    ['no rows at all', [], []],
  ];
  it.each(cases)('%s', (_name, rows, expected) => expect(roles(rows)).toEqual(expected));

  it('survives empty and ragged rows and cells that are not numbers', () => {
    const got = new Map(roles([header, [], ['甲'], ['乙', 'x', 'y'], ['丙', '12'], ['其中：丁', '5']]));
    expect(got.get('甲')).toEqual({});
    expect(got.get('乙')).toEqual({});
    expect(got.get('丙')).toEqual({});
    expect(got.get('丁')).toEqual({ sub: true });
  });

  // A row with no figure (a note, —) has no value: it is no part, and nothing is a part of it.
  const noFigure: [string, string[][], string, Role][] = [
    ['a row without a figure after the parts is not a part', [header, ['病毒性肝炎', '118'], ['其中：乙型肝炎', '91'], ['说明', '—']], '说明', {}],
    ['a 其中 row under a row without figures is not a part', [header, ['乙', 'x', 'y'], ['其中：丙', '—']], '丙', {}],
  ];
  it.each(noFigure)('%s (no figure is not 0)', (_name, rows, label, expected) => {
    expect(new Map(roles(rows)).get(label)).toEqual(expected);
  });
});

describe('tableHeaders: the measures a table’s columns give', () => {
  it('names a part’s column (其中:居民医保) as the extractor does, by the part and the column before it', () => {
    expect(tableHeaders([['县(区)', '参保人数(万人)', '其中:职工医保(万人)', '其中:居民医保(万人)', '参保率(%)']])).toEqual(['参保人数', '职工医保参保人数', '居民医保参保人数', '参保率']);
  });
});

describe('levelsNamed: the wider areas a comparison names', () => {
  const cases: [string, boolean, Level[]][] = [
    ['岚溪跟全省全国比怎么样', false, ['全省', '全国']],
    ['岚溪跟全国全省比怎么样', false, ['全国', '全省']],
    ['比全国、全省各高多少', false, ['全国', '全省']],
    ['比省平均和全国平均高多少', false, ['全省', '全国']],
    // 全国示范县 is an honour, not the country's figure.
    ['全国示范县比全省高多少', false, ['全省']],
    ['全国文明城市的床位', false, []],
    ['全国示范县的床位比全国高多少', false, ['全国']],
    // A province has no 全省 above it.
    ['云岭省比全省高多少', true, []],
    ['云岭省跟全省全国比', true, ['全国']],
    // Each once, in the order first said.
    ['全国全国全省全省全国', false, ['全国', '全省']],
    ['', false, []],
    ['床位比上年多多少', false, []],
  ];
  it.each(cases)('%s (province: %s) → %j', (q, province, expected) => expect(levelsNamed(q, province)).toEqual(expected));

  // A county's question names its city as 全市; a city's 全市 is its own whole, no wider area.
  it.each([
    ['甲县产筛率跟全市比咋样', true, ['全市']],
    ['甲县比市平均和全省高多少', true, ['全市', '全省']],
    ['甲市产筛率跟全市比咋样', false, []],
  ] as [string, boolean, Level[]][])('%s (county: %s) → %j', (q, county, expected) => expect(levelsNamed(q, false, county)).toEqual(expected));

  it('compares a county with its city when asked 跟全市比, never with its own earlier year', async () => {
    const store = await storeFrom('test/fixtures/across-structures');
    for (const q of ['东岚每千人口床位数跟全市比咋样', '东岚每千人口床位数比全市高多少']) {
      const r = ask(store, q);
      expect(r.across?.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['东岚县:5.84张', '岚溪市:6.20张']);
      expect(r.across?.result?.value).toBe('东岚县比岚溪市少0.36张');
    }
  });
});

describe('sameUnit and scaleOf', () => {
  const units: [string, string, boolean][] = [
    ['个', '所', true],
    ['所', '家', true],
    ['家', '个', true],
    ['处', '座', true],
    ['张', '张', true],
    ['%', '%', true],
    ['张', '人', false],
    ['人', '人次', false],
    ['个', '张', false],
    ['万元', '元', false],
    // A bound's sign or word is not part of the unit.
    ['≤/10万', '/10万', true],
    ['个以上', '家', true],
    ['约张', '张', true],
    ['', '', true],
    ['', '个', false],
  ];
  it.each(units)('sameUnit(%j, %j) = %s', (a, b, same) => {
    expect(sameUnit(a, b)).toBe(same);
    expect(sameUnit(b, a)).toBe(same);
  });

  const scales: [string, string, { factor: number; unit: string }][] = [
    // The 万 of /10万 belongs to the unit, not to 8.62.
    ['8.62/10万', '/10万', { factor: 1, unit: '/10万' }],
    ['118.30/10万', '/10万', { factor: 1, unit: '/10万' }],
    ['360.31万元', '元', { factor: 1e4, unit: '万元' }],
    // A unit already in 万元 is not made 万万元.
    ['360.31万元', '万元', { factor: 1e4, unit: '万元' }],
    ['3.82亿元', '元', { factor: 1e8, unit: '亿元' }],
    ['12.6万人次', '人次', { factor: 1e4, unit: '万人次' }],
    ['约3千人', '人', { factor: 1e3, unit: '千人' }],
    ['1,286,400人次', '人次', { factor: 1, unit: '人次' }],
    ['7.35张', '张', { factor: 1, unit: '张' }],
    ['', '张', { factor: 1, unit: '张' }],
    ['万元', '元', { factor: 1, unit: '元' }],
  ];
  it.each(scales)('scaleOf(%j, %j) → %j', (answer, unit, expected) => expect(scaleOf(answer, unit)).toEqual(expected));
  const row = (answer: string, value: number, unit: string, subject: string): AcrossRow => ({ subject, answer, value, unit, status: 'actual', source: { docId: 'x', title: 'x' } }) as unknown as AcrossRow;
  const gaps: [string, AcrossRow, AcrossRow, string | undefined][] = [
    ['one scale', row('86.42万人次', 864200, '人次', '甲院'), row('58.2万人次', 582000, '人次', '乙院'), '甲院比乙院多28.22万人次'],
    // Two scales: worked in the finer one, with its decimals.
    ['万 against ones', row('2860人', 2860, '人', '甲区'), row('1.86万人', 18600, '人', '乙市'), '甲区比乙市少15740人'],
    ['ones against 万', row('1.86万人', 18600, '人', '乙市'), row('2860人', 2860, '人', '甲区'), '乙市比甲区多15740人'],
    ['units that differ', row('12张', 12, '张', '甲'), row('12人', 12, '人', '乙'), undefined],
  ];
  it.each(gaps)('difference: %s', (_what, a, b, value) => expect(difference(a, b)?.value).toBe(value));
});

describe('acrossFrameOf: the kind of a question across facts', () => {
  let intents: Intents;
  beforeAll(async () => {
    intents = await loadIntents('intents');
  });

  type Check = (f: AcrossFrame | undefined) => void;
  const cases: [string, Check][] = [
    // A share only with a whole after 占.
    ['四级手术占全部手术的比例是多少', (f) => expect(f).toMatchObject({ kind: 'calc', op: 'share' })],
    ['岚溪市四级手术占全部手术的百分之几', (f) => expect(f).toMatchObject({ kind: 'calc', op: 'share' })],
    ['三四级手术占比是多少', (f) => expect(f === undefined || !(f.kind === 'calc' && f.op === 'share')).toBe(true)],
    ['占比多少', (f) => expect(f?.op).not.toBe('share')],
    ['四级手术占多少', (f) => expect(f?.op).not.toBe('share')],
    ['四级手术占全部手术的', (f) => expect(f?.op).not.toBe('share')],
    // A superlative and a count: a ranking of that many, among what is counted.
    ['最长的三个科室', (f) => expect(f).toMatchObject({ kind: 'rank', top: 3, among: '科室', order: 'desc' })],
    ['最少的两个县', (f) => expect(f).toMatchObject({ kind: 'rank', top: 2, among: '县', order: 'asc' })],
    ['最高的一项是什么', (f) => expect(f?.kind).not.toBe('rank')],
    ['最高的1个', (f) => expect(f?.kind).not.toBe('rank')],
    ['哪个县每千人口床位最多', (f) => expect(f).toMatchObject({ kind: 'rank', order: 'desc', among: '县', core: '每千人口床位' })],
    // A superlative with the kind it picks last; 倒数 with a count; 是 kept on the kind by the segmenter.
    ['每千人口床位最多的县', (f) => expect(f).toMatchObject({ kind: 'rank', order: 'desc', among: '县', core: '每千人口床位' })],
    ['千人医师倒数三个市是哪几个', (f) => expect(f).toMatchObject({ kind: 'rank', order: 'asc', top: 3, among: '市', core: '千人医师' })],
    ['床位最多', (f) => expect(f?.kind).not.toBe('rank')],
    ['发病数前三的乡镇', (f) => expect(f).toMatchObject({ kind: 'rank', top: 3, among: '乡镇', core: '发病数' })],
    ['各县区参保率排一下', (f) => expect(f).toMatchObject({ kind: 'rank', among: '县区', core: '参保率' })],
    ['三个县县域就诊率谁垫底', (f) => expect(f).toMatchObject({ kind: 'rank', order: 'asc', among: '县', core: '县域就诊率' })],
    ['参保率倒数三是哪几个', (f) => expect(f).toMatchObject({ kind: 'rank', order: 'asc', top: 3, core: '参保率' })],
    // 哪家 ranks institutions; a question ending on 跟…比 compares with no marker word.
    ['考核得分最高的是哪家', (f) => expect(f).toMatchObject({ kind: 'rank', among: '机构' })],
    ['签约率倒数两个是哪两个卫生院', (f) => expect(f).toMatchObject({ kind: 'rank', order: 'asc', top: 2, among: '卫生院', core: '签约率' })],
    ['通报讲了些啥', (f) => expect(f?.kind).toBe('browse')],
    ['前8个月门急诊人次是多少', (f) => expect(f?.kind).not.toBe('rank')],
    ['县域就诊率上半年达到全年目标没', (f) => expect(f).toMatchObject({ kind: 'trend', toTarget: true, core: '县域就诊率上半年达到' })],
    ['签约率离全年目标还差几个点', (f) => expect(f).toMatchObject({ kind: 'trend', toTarget: true, core: '签约率' })],
    ['总诊疗人次上半年跟去年同期比', (f) => expect(f).toMatchObject({ kind: 'compare', core: '总诊疗人次上半年跟去年同期' })],
    ['甲县产筛率跟乙县比呢', (f) => expect(f).toMatchObject({ kind: 'compare', core: '甲县产筛率跟乙县' })],
    ['跟去年比', (f) => expect(f?.kind).toBe('compare')],
    ['活产数比2023年少了百分之几', (f) => expect(f).toMatchObject({ kind: 'calc', op: 'pct' })],
    // A multiple of a base the question names; a growth in multiples.
    ['注册护士是执业医师的几倍', (f) => expect(f).toMatchObject({ kind: 'calc', op: 'times', base: '执业医师', core: '注册护士' })],
    ['增长了几倍', (f) => expect(f).toMatchObject({ kind: 'calc', op: 'grow' })],
    ['床位数增加了多少倍', (f) => expect(f).toMatchObject({ kind: 'calc', op: 'grow' })],
    // Browse: a which-word straight before a word for figures; 数量 is a topic, not 数.
    ['通报了啥数据', (f) => expect(f?.kind).toBe('browse')],
    ['里面有什么数', (f) => expect(f?.kind).toBe('browse')],
    ['什么数量', (f) => expect(f?.kind).not.toBe('browse')],
    ['床位有什么数量要求', (f) => expect(f?.kind).not.toBe('browse')],
    // A series; 对比 said with it is no topic.
    [
      '前后几年对比',
      (f) => {
        expect(f?.kind).toBe('trend');
        expect(f?.core).not.toContain('对比');
      },
    ],
    [
      '变化咋样，离目标还差多少',
      (f) => {
        expect(f?.kind).toBe('trend');
        expect(f?.core).not.toMatch(/变化|目标|差多少/);
      },
    ],
    ['岚溪市每千人口床位这几年变化咋样，离目标还差多少', (f) => expect(f).toMatchObject({ kind: 'trend', core: expect.stringContaining('每千人口床位') })],
    ['', (f) => expect(f).toBeUndefined()],
    ['岚溪市实有床位多少张', (f) => expect(f).toBeUndefined()],
  ];
  it.each(cases)('%s', (q, check) => check(acrossFrameOf(q, intents.across)));
});

describe('answers across facts on an invented city bulletin', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeFrom(FIXTURES);
  });
  const answersOf = (r: AskResult) => r.answers.map((a) => a.answer);

  it('keeps the place when a follow-up changes only the topic (那护士呢)', () => {
    const followUps = new FollowUps();
    const first = ask(store, '岚溪市每千人口床位比全国低多少', { chat: 'c', followUps });
    expect(first.across?.rows.map((x) => [x.subject, x.answer])).toEqual([
      ['岚溪市', '6.20张'],
      ['全国', '7.23张'],
    ]);
    expect(first.across?.result?.value).toBe('岚溪市比全国少1.03张');
    const next = ask(store, '那护士呢', { chat: 'c', followUps });
    expect(next.across?.rows.map((x) => [x.subject, x.answer])).toEqual([
      ['岚溪市', '3.05人'],
      ['全国', '3.80人'],
    ]);
    expect(next.across?.result?.value).toBe('岚溪市比全国少0.75人');
    expect(next.answers.every((a) => a.region === '岚溪市' || a.region === '全国')).toBe(true);
  });

  it('does not carry a comparison into another chat', () => {
    const followUps = new FollowUps();
    ask(store, '岚溪市每千人口床位比全国低多少', { chat: 'a', followUps });
    const other = ask(store, '那护士呢', { chat: 'b', followUps });
    expect(other.across).toBeUndefined();
  });

  it.each([
    // The only figure of 病床使用率 is the city's own: no ranking of hospitals is in it.
    ['岚溪市哪个医院的病床使用率最高'],
    ['哪个医院病床使用率最高'],
    ['哪个乡镇孕产妇死亡率最高'],
    ['桥山县哪个县床位最多'],
  ])('a ranking with nothing to rank answers nothing, not a single figure: %s', (q) => {
    const r = ask(store, q);
    expect(r.answers).toEqual([]);
    expect(answersOf(r)).not.toContain('82.4%');
    expect(r.note).toBeTruthy();
  });

  it('answers a share first with the worked percentage, then both figures it is worked from', () => {
    const r = ask(store, '岚溪市四级手术占全部手术的比例是多少');
    expect(r.across?.kind).toBe('calc');
    expect(answersOf(r)).toEqual(['12.5%', '8000台', '64000台']);
    expect(r.across?.result?.formula).toBe('8000台 ÷ 64000台 = 12.5%');
    expect(r.across?.notes.join('')).toContain('报告本身没有写这个比例');
  });

  it('works no share when the "part" is larger than the "whole", and quotes no single figure for it', () => {
    const r = ask(store, '岚溪市全部手术占四级手术的比例是多少');
    expect(r.answers).toEqual([]);
  });

  it.each([
    ['哪个县每千人口床位最多', ['北岚县（7.15张）', '西岚县（6.72张）', '东岚县（5.84张）', '南岚县（5.37张）']],
    ['哪个县每千人口执业医师最少', ['北岚县（2.40人）', '南岚县（2.52人）', '东岚县（2.61人）', '西岚县（2.88人）']],
    ['哪个县医疗卫生机构最多', ['东岚县（312个）', '西岚县（288个）', '北岚县（205个）', '南岚县（176个）']],
    ['哪个县每千人口床位最少前两', ['南岚县（5.37张）', '东岚县（5.84张）']],
  ])('ranks a table of counties over its county rows, the total row left out: %s', (q, expected) => {
    const r = ask(store, q);
    expect(r.across?.kind).toBe('rank');
    expect(answersOf(r)).toEqual(expected);
    expect(r.across?.count).toBe(4);
    expect(r.across?.rows.some((x) => /合计|全市|岚溪市/.test(x.subject))).toBe(false);
  });

  it('says how far the latest figure is from a target ahead', () => {
    const r = ask(store, '岚溪市每千人口执业医师这几年变化咋样，离目标还差多少');
    expect(r.across?.kind).toBe('trend');
    expect(r.across?.rows.map((x) => [x.answer, x.status])).toEqual([
      ['2.45人', 'actual'],
      ['2.86人', 'actual'],
      ['3.20人', 'target'],
    ]);
    expect(r.across?.result?.value).toContain('增加0.41人');
    expect(r.across?.notes).toContain('距2025年目标（3.20人）还差0.34人（按2023年的2.86人算）。');
  });

  it('answers 离目标还差多少 with the gap itself, flagged as a target set beside a level reached', () => {
    const r = ask(store, '岚溪市每千人口执业医师离目标还差多少');
    expect(r.across?.kind).toBe('trend');
    expect(r.across?.result?.value).toBe('还差0.34人');
    expect(r.across?.mixed).toBe('status');
    expect(r.answers[0]?.answer).toBe('还差0.34人');
  });

  it('gives no gap when the indicator has no target ahead, rather than some other figure', () => {
    const r = ask(store, '岚溪市每千人口床位离目标还差多少');
    expect(r.across).toBeUndefined();
    expect(r.answers).toEqual([]);
  });

  it('ranks the county table for 哪个县…最多 without a place, and keeps counties for 前三呢', () => {
    const followUps = new FollowUps();
    const first = ask(store, '哪个县每千人口床位最多', { chat: 'r', followUps });
    expect(first.across?.kind).toBe('rank');
    expect(first.across?.rows[0]?.subject).toBe('北岚县');
    const next = ask(store, '前三呢', { chat: 'r', followUps });
    expect(next.across?.rows.map((x) => x.subject)).toEqual(['北岚县', '西岚县', '东岚县']);
  });

  it.each([
    ['岚溪每千人口执业医师倒数两个县是哪几个', ['北岚县:2.40人', '南岚县:2.52人']],
    ['岚溪千人医师最低的县', ['北岚县:2.40人', '南岚县:2.52人', '东岚县:2.61人', '西岚县:2.88人']],
    ['岚溪每千人口床位数最高的县', ['北岚县:7.15张', '西岚县:6.72张', '东岚县:5.84张', '南岚县:5.37张']],
  ])('ranks the counties by the column whose header holds the words asked, brackets and all: %s', (q, rows) => {
    expect(ask(store, q).across?.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(rows);
  });

  it.each([
    ['岚溪基层诊疗人次是医院的几倍', '0.72倍', ['620万人次', '860万人次']],
    ['岚溪医院诊疗人次是基层的几倍', '1.39倍', ['860万人次', '620万人次']],
  ])('takes A’s measure for a B that names only a kind: %s', (q, value, rows) => {
    const r = ask(store, q);
    expect(r.across?.result?.value).toBe(value);
    expect(r.across?.rows.map((x) => x.answer)).toEqual(rows);
  });

  it('answers a hospital named with its place only by that hospital’s row, not another 人民医院’s', () => {
    expect(ask(store, '岚溪市第一人民医院的CMI是多少').answers[0]?.answer).toBe('0.98');
    expect(ask(store, '岚溪市人民医院的CMI是多少').answers).toEqual([]);
  });

  it('ranks the counties the city’s sections speak for, each asked for its own figure', () => {
    expect(ask(store, '岚溪家庭医生签约率哪个县最高').across?.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['东岚县:41.5%', '西岚县:38.9%']);
  });

  it.each([
    ['岚溪每千人口执业医师2019年和2023年各多少', ['2019年:2.45人', '2023年:2.86人']],
    ['岚溪每千人口执业医师现在、目标各多少', ['2019年:2.45人', '2023年:2.86人', '2025年（目标）:3.20人']],
    // The years named bound the points; the target asked stands beyond them.
    ['岚溪每千人口执业医师19年 23年 还有目标各多少', ['2019年:2.45人', '2023年:2.86人', '2025年（目标）:3.20人']],
  ])('reads one place at the periods named (%s) as a series', (q, rows) => {
    const r = ask(store, q);
    expect(r.across?.kind).toBe('trend');
    expect(r.across?.rows.map((x) => `${x.period}:${x.answer}`)).toEqual(rows);
  });

  it.each([
    '东岚和西岚县域内就诊率差几个点',
    // The places after the asking clause, joined by vs; 两个县 only points at them.
    '两个县县域内就诊率差几个点？东岚vs西岚',
  ])('reads a section run in under a county’s name ((一)东岚县。…) as that county’s: %s', (q) => {
    const r = ask(store, q);
    expect(r.across?.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['东岚县:90.2%', '西岚县:86.4%']);
    expect(r.across?.result?.value).toBe('东岚县比西岚县多3.8个百分点');
  });

  it.each([
    // A target is another status than the levels reached: a row only when the question asks for it.
    ['岚溪市每千人口执业医师的变化', ['2.45人:actual', '2.86人:actual']],
    ['岚溪市每千人口执业医师这几年怎么变化', ['2.45人:actual', '2.86人:actual']],
    ['岚溪市每千人口执业医师的变化和规划目标', ['2.45人:actual', '2.86人:actual', '3.20人:target']],
  ])('shows a plan target among a series only when asked, and says it in the notes: %s', (q, rows) => {
    const r = ask(store, q);
    expect(r.across?.kind).toBe('trend');
    expect(r.across?.rows.map((x) => `${x.answer}:${x.status}`)).toEqual(rows);
    expect(r.across?.result?.value).toContain('增加0.41人');
    expect(r.across?.notes.join('')).toContain('3.20人');
  });

  it('says no distance to a target when the report plans none for the indicator', () => {
    const r = ask(store, '岚溪市每千人口床位这几年变化咋样，离目标还差多少');
    expect(r.across?.kind).toBe('trend');
    expect(r.across?.rows.every((x) => x.status === 'actual')).toBe(true);
    expect(r.across?.notes.join('')).not.toMatch(/距.*目标/);
  });
});

describe('browse: what the bot has for an indicator, a place or a report', () => {
  it.each([
    ['one of each in turn', [2, 10, 1], 8, [2, 5, 1]],
    ['a budget larger than all', [3, 3], 10, [3, 3]],
    ['an even split', [3, 3], 4, [2, 2]],
    ['nothing to show', [], 5, []],
    ['no budget', [4], 0, [0]],
  ])('itemsPerGroup: %s', (_what, sizes, budget, counts) => expect(itemsPerGroup(sizes, budget)).toEqual(counts));

  it('lists an indicator’s measures once each, by the indicator each names last (实有床位 counts beds)', async () => {
    const store = await storeFrom('test/fixtures/across-structures');
    const items = (ask(store, '岚溪关于床位有哪些数字').across?.groups ?? []).flatMap((g) => g.items.map((i) => i.indicator));
    expect(items).toContain('医疗卫生机构实有床位');
    expect(items.filter((i) => i === '每千人口床位数')).toHaveLength(1);
  });
});

describe('a place whose reports give only a target', () => {
  // Invented: 青崖市's summary gives its response time reached; 白沙市's 工作要点 only its aim.
  let store: FactStore;
  beforeAll(async () => {
    store = await storeFrom('test/fixtures/across-target');
  });

  it('shows the target beside the level reached, flagged, and sets them against each other not at all', () => {
    const r = ask(store, '青崖和白沙城区急救平均反应时间哪个短');
    expect(r.across?.rows.map((x) => `${x.subject}:${x.answer}:${x.status}`)).toEqual(['青崖市:11.5分钟:actual', '白沙市:12分钟:target']);
    expect(r.across?.mixed).toBe('status');
    expect(r.across?.result).toBeUndefined();
    expect(r.across?.notes.join('')).toContain('目标');
  });

  it('finds a report by the short name staff give it (医保局年报)', () => {
    const r = ask(store, '白沙医保局年报里有哪些数');
    expect(r.across?.indicator).toBe('《白沙市医疗保障局2024年度基本医疗保险基金运行情况报告》');
    expect((r.across?.groups ?? []).flatMap((g) => g.items.map((i) => i.indicator))).toEqual(expect.arrayContaining(['参保率', '基本医疗保险参保人数']));
  });

  it('browses a transcript by topic, its figures named as measures, not as the words spoken around them', () => {
    const r = ask(store, '/报告 妇幼保健院院长谈服务提升');
    const groups = r.across?.groups ?? [];
    const items = groups.flatMap((g) => g.items.map((i) => i.indicator));
    expect(items).toEqual(expect.arrayContaining(['门诊', '出院病人', '平均住院日', '门诊患者满意度', '住院患者满意度']));
    // No speaker's label names a group, and no speech (我们…, 嘉宾, 概括为3个方面) an item.
    expect(groups.map((g) => g.topic).join('|')).not.toMatch(/嘉宾|主持人/);
    expect(items.join('|')).not.toMatch(/我们|嘉宾|方面|《/);
  });

  it('answers a level of honour asked (省级) with its own item, never the next item of another level (市级)', () => {
    expect(ask(store, '青崖累计建成的省级卫生村').answers.map((a) => a.answer)).toEqual(['48个']);
  });

  it('compares counts that differ only in the verb that made them (创成, 建成)', () => {
    const r = ask(store, '青崖和白沙省级卫生村哪个多');
    expect(r.across?.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['青崖市:48个', '白沙市:35个']);
    expect(r.across?.result?.value).toBe('青崖市比白沙市多13个');
  });

  it.each([
    ['青崖平均住院日是不是在缩短', ['2023年:8.4天', '2024年:8.1天'], '距2025年目标（7.8天）还差0.3天'],
    ['青崖市中心医院平均住院日是不是在缩短', ['2023年:7.9天', '2024年:7.6天'], '距2025年目标（7.3天）还差0.3天'],
  ])('finds the plan’s target of a series’ own subject, said beside it and kept out of the change: %s', (q, rows, gap) => {
    const r = ask(store, q);
    expect(r.across?.kind).toBe('trend');
    expect(r.across?.rows.map((x) => `${x.period}:${x.answer}`)).toEqual(rows);
    expect(r.across?.result?.value).toMatch(/^2023年至2024年减少0\.3天/);
    expect(r.across?.notes.join('')).toContain(gap);
  });
});

describe('a sidecar with keys this version does not read', () => {
  const cases: [string, unknown, string[]][] = [
    ['known keys only', { title: '桥山县简报', region: '桥山县', date: '2024' }, []],
    ['one unknown key', { title: '桥山县简报', source: '官网' }, ['source']],
    ['misspellings, in their order', { regoin: '桥山', titel: 'x', date: '2024' }, ['regoin', 'titel']],
    ['an empty object', {}, []],
    ['null', null, []],
    ['an array', [{ source: 'x' }], []],
    ['a string', 'source', []],
    ['a number', 42, []],
    ['undefined', undefined, []],
  ];
  it.each(cases)('unknownMetaFields: %s', (_name, raw, expected) => expect(unknownMetaFields(raw)).toEqual(expected));

  // Only the schema's own fields are known: keys every object inherits are not.
  it('names keys that only an object prototype knows (constructor, toString) as unknown', () => {
    expect(unknownMetaFields(JSON.parse('{"title":"t","constructor":"x","toString":"y"}'))).toEqual(['constructor', 'toString']);
  });

  it('loads the report keeping the known fields, and notes the unknown ones', async () => {
    const r = await loadReports(UNKNOWN_META);
    expect(r.failures).toEqual([]);
    const doc = r.docs.find((d) => d.id === '791_qiaoshan.txt')!;
    expect(doc.meta).toMatchObject({ title: '桥山县2023年卫生健康工作简报', region: '桥山县', parentRegion: '苇塘市', date: '2024-02-01', origin: 'file' });
    expect(doc.meta).not.toHaveProperty('source');
    expect(doc.meta).not.toHaveProperty('regoin');
    const notes = r.warnings.filter((w) => w.file === '791_qiaoshan.txt').map((w) => w.reason);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/791_qiaoshan\.meta\.json: fields not read: source, regoin/);
    // The report whose sidecar is all known keys has no note.
    expect(r.warnings.some((w) => w.file === '790_lanxi.txt')).toBe(false);
  });
});
