import { describe, expect, it } from 'vitest';
import { tableFacts, unitHint } from '../src/extract/table-facts.js';
import { cleanReport } from '../src/reports/clean.js';
import { cellsOf, markTableRows } from '../src/reports/tables.js';

const tableOf = (text: string) => cleanReport(text).find((b) => b.kind === 'table');
const cell = (rows: string[][], answer: string) => tableFacts(rows).find((f) => f.answer === answer);

describe('cellsOf: which lines can be table rows', () => {
  it.each([
    ['tabs', '床位数（万张）\t31.86\t30.39\t1.47', ['床位数（万张）', '31.86', '30.39', '1.47']],
    ['full-width bars', '人均预期寿命（岁）｜77.46｜78.66｜78.8｜预期性', ['人均预期寿命（岁）', '77.46', '78.66', '78.8', '预期性']],
    ['markdown bars', '| 指标 | 2022年 | 2023年 |', ['指标', '2022年', '2023年']],
    ['runs of spaces', '门急诊人次（万）      86.42      79.50      +8.7%', ['门急诊人次（万）', '86.42', '79.50', '+8.7%']],
    ['slashes with spaces', '床位 / 2022 / 2023', ['床位', '2022', '2023']],
  ])('%s', (_n, line, cells) => expect(cellsOf(line)).toEqual(cells));

  it.each([
    ['a sentence', '全市共有医疗卫生机构2702个，床位25970张。'],
    ['two words apart by a wide gap (a name and a title)', '陈立新  襄阳市卫生健康委员会党组书记'],
    ['a markdown rule', '|---|---|---|'],
    ['one figure and nothing else', '\t31.86'],
  ])('not %s', (_n, line) => expect(cellsOf(line)).toBeUndefined());
});

describe('markTableRows: a table is a run of rows with figures', () => {
  it('leaves a speaker list (no figures) alone', () => {
    const lines = ['主持人：周晓岚  新闻办副主任', '陈立新  卫生健康委主任', '黄文博  卫生健康委副主任'];
    expect(markTableRows(lines)).toEqual(lines);
  });
  it('keeps an empty (merged) cell in its place, so columns stay under their headers', () => {
    expect(cellsOf('床位\t\t31.86')).toEqual(['床位', '', '31.86']);
  });
  it('leaves a lone row alone', () => {
    expect(markTableRows(['指标\t2023年', '正文一句话。'])).toEqual(['指标\t2023年', '正文一句话。']);
  });
});

describe('tables in reports become blocks of rows', () => {
  it('reads a tab table between paragraphs, header first', () => {
    const t = tableOf('表1 主要指标\n指标\t2023年\t2022年\t增减\n床位数（万张）\t31.86\t30.39\t1.47\n每千人口床位数（张）\t7.06\t6.71\t0.35\n\n正文。');
    expect(t?.rows).toEqual([
      ['指标', '2023年', '2022年', '增减'],
      ['床位数(万张)', '31.86', '30.39', '1.47'],
      ['每千人口床位数(张)', '7.06', '6.71', '0.35'],
    ]);
  });
  it('reads a report that is one long table', () => {
    const rows = ['区县 | 机构数 | 床位数（张）', '|---|---|---|', ...Array.from({ length: 200 }, (_, i) => `第${i}区 | ${i + 1} | ${i * 10 + 5}`)];
    expect(tableOf(rows.join('\n'))?.rows).toHaveLength(201);
  });
});

describe('tableFacts: each cell a fact, row label × column header', () => {
  const years = [
    ['指标', '2023年', '2022年', '增减'],
    ['床位数(万张)', '31.86', '30.39', '1.47'],
    ['#执业(助理)医师(万人)', '13.27', '12.58', '0.69'],
  ];
  it.each([
    ['a year column gives the year', '31.86万张', { metric: '床位数', time: { label: '2023年', year: 2023 }, status: 'actual', unitClass: 'count' }],
    ['an earlier year column', '30.39万张', { metric: '床位数', time: { label: '2022年', year: 2022 } }],
    ['a change column is a change', '1.47万张', { status: 'change' }],
    ['a sub-row loses its # mark', '12.58万人', { metric: '执业(助理)医师', unitClass: 'person' }],
  ])('%s', (_n, answer, expected) => expect(cell(years, answer)).toMatchObject(expected));

  it('reads a header that names a month or a run of months (3月门急诊人次, 1—3月门急诊人次) as that period', () => {
    const rows = [
      ['卫生院', '3月门急诊人次', '1—3月门急诊人次'],
      ['甲镇卫生院', '14820', '41260'],
    ];
    const at = { label: '2025年1—3月', year: 2025 };
    const found = (answer: string) => tableFacts(rows, at).find((f) => f.answer === answer);
    // (A count of visits in the thousands under a 人次 header, with no unit line, is in 人次.)
    expect(found('14820人次')).toMatchObject({ metric: '甲镇卫生院门急诊人次', time: { label: '2025年3月', year: 2025 } });
    expect(found('41260人次')).toMatchObject({ metric: '甲镇卫生院门急诊人次', time: { label: '2025年1—3月', year: 2025 } });
  });

  it.each([
    // A bare cell stays bare: the caption may say 万人次.
    [['县区', '门急诊人次'], ['乙县', '58.2'], '58.2', { metric: '门急诊人次', unit: '' }],
    // A scale without a unit takes the measure's (门急诊人次（万）).
    [['县区', '门急诊人次（万）'], ['乙县', '58.2'], '58.2万人次', { unit: '人次', unitClass: 'visit' }],
    // 6月龄 is an age, no month.
    [['县区', '6月龄内纯母乳喂养率(%)'], ['乙县', '55.2'], '55.2%', { metric: '6月龄内纯母乳喂养率' }],
  ])('reads %j as its header says', (head, row, answer, expected) => {
    const f = tableFacts([head, row]).find((x) => x.answer === answer);
    expect(f).toMatchObject(expected);
    expect(f?.time?.label ?? '').not.toMatch(/6月/);
  });

  it('gives a year column’s unit (2024年(%)) to its figures', () => {
    const rows = [
      ['疫苗', '2023年(%)', '2024年(%)'],
      ['卡介苗', '99.2', '99.4'],
    ];
    expect(cell(rows, '99.4%')).toMatchObject({ metric: '卡介苗', time: { year: 2024 }, unitClass: 'percent' });
  });

  it('reads a header that names a measure and its year (婴儿死亡率2023年(‰)) as that measure in that year', () => {
    const dated = [
      ['县(区)', '婴儿死亡率2023年(‰)', '婴儿死亡率2024年(‰)', '2024年活产数'],
      ['甲县', '3.94', '3.87', '3880'],
    ];
    expect(cell(dated, '3.94‰')).toMatchObject({ metric: '婴儿死亡率', time: { year: 2023 }, role: 'from' });
    expect(cell(dated, '3.87‰')).toMatchObject({ metric: '婴儿死亡率', time: { year: 2024 } });
    expect(cell(dated, '3880')).toMatchObject({ metric: '活产数', time: { year: 2024 } });
    // A measure's name may hold figures of its own; the quote keeps each header's year.
    const doses = [
      ['县(区)', '百白破疫苗第4剂2023年', '百白破疫苗第4剂2024年'],
      ['甲县', '95.8', '96.9'],
    ];
    expect(cell(doses, '95.8')).toMatchObject({ metric: '百白破疫苗第4剂', time: { year: 2023 } });
    expect(cell(doses, '96.9')?.quote).toBe('甲县：百白破疫苗第4剂2023年 95.8，百白破疫苗第4剂2024年 96.9');
  });

  it('reads target and attribute columns of a plan table', () => {
    const plan = [
      ['指标名称', '2020年', '2023年', '2025年目标', '属性'],
      ['孕产妇死亡率(/10万)', '13.52', '9.87', '≤12.0', '预期性'],
    ];
    expect(cell(plan, '≤12.0/10万')).toMatchObject({ status: 'target', time: { year: 2025 }, unitClass: 'percent' });
    expect(cell(plan, '预期性')).toMatchObject({ kind: 'statement', metric: '孕产妇死亡率属性' });
  });

  it.each([
    ['年度签约任务（人）', '32000人', { status: 'target', metric: '栎口镇卫生院年度签约任务' }],
    ['全年目标床位数（张）', '120张', { status: 'target', metric: '栎口镇卫生院全年目标床位数' }],
    ['1—9月签约（人）', '26850人', { status: 'actual', metric: '栎口镇卫生院签约' }],
    ['任务完成率（%）', '83.9%', { status: 'actual', metric: '栎口镇卫生院任务完成率' }],
    ['目标人群数（人）', '4120人', { status: 'actual', metric: '栎口镇卫生院目标人群数' }],
    ['完成年度任务（%）', '83.6%', { status: 'actual', metric: '栎口镇卫生院完成年度任务' }],
  ])('reads a measure column that names its target (%s) as a target of that measure, and no other', (header, answer, expected) => {
    const rows = [['卫生院', header], ['栎口镇卫生院', answer.replace(/[^\d.]/g, '')]];
    expect(cell(rows, answer)).toMatchObject(expected);
  });

  it('reads a year\'s baseline, target and actual columns of a mid-term review', () => {
    const review = [
      ['指标', '2020年基期值', '2025年目标值', '2023年实际值', '属性'],
      ['婴儿死亡率(‰)', '4.8', '≤4.5', '3.7', '预期性'],
    ];
    expect(cell(review, '4.8‰')).toMatchObject({ status: 'actual', time: { year: 2020 }, role: 'from' });
    expect(cell(review, '3.7‰')?.role).toBeUndefined();
    expect(cell(review, '≤4.5‰')).toMatchObject({ status: 'target', time: { year: 2025 } });
    expect(cell(review, '3.7‰')).toMatchObject({ status: 'actual', time: { year: 2023 }, metric: '婴儿死亡率' });
  });

  it('reads a ranking table as the names ranked, ties sharing a place, an unranked row left out', () => {
    const ranking = [
      ['名次', '医院名称', '所属市', '总分'],
      ['1', '甲市人民医院', '甲市', '93.17'],
      ['4', '乙县中医医院', '乙市', '91.06'],
      ['4', '丙县人民医院', '丙市', '91.06'],
      ['—', '丁区人民医院', '丁市', '—'],
    ];
    const ranked = tableFacts(ranking).filter((f) => f.rank !== undefined).map((f) => [f.rank, f.answer]);
    expect(ranked).toEqual([[1, '甲市人民医院'], [4, '乙县中医医院'], [4, '丙县人民医院']]);
    expect(cell(ranking, '93.17分')).toMatchObject({ metric: '甲市人民医院总分' });
  });

  it('skips a column that only numbers the rows, and names each row by the column beside it', () => {
    const plan = [
      ['序号', '指标', '2020年基期值', '2023年实际值'],
      ['1', '人均预期寿命（岁）', '77.3', '78.2'],
      ['2', '每千人口床位数（张）', '5.94', '6.61'],
    ];
    expect(cell(plan, '6.61张')).toMatchObject({ metric: '每千人口床位数', time: { year: 2023 } });
    expect(tableFacts(plan).some((f) => /^\d+$/.test(f.metric))).toBe(false);
    // 名次 is a ranking, not a numbering: kept (the test above).
    const unheaded = [['', '指标', '2024年'], ['1', '床位数（张）', '980'], ['2', '医师数（人）', '410']];
    expect(cell(unheaded, '980张')).toMatchObject({ metric: '床位数' });
  });

  it('names a column of a part (其中:居民医保) by the part and the column before it', () => {
    const counties = [
      ['县(区)', '参保人数(万人)', '其中:职工医保(万人)', '其中:居民医保(万人)', '参保率(%)'],
      ['甲城区', '81.20', '30.15', '51.05', '97.3'],
      ['乙水县', '52.40', '8.10', '44.30', '96.8'],
    ];
    expect(cell(counties, '51.05万人')).toMatchObject({ metric: '居民医保参保人数', region: '甲城区' });
    expect(cell(counties, '30.15万人')).toMatchObject({ metric: '职工医保参保人数', region: '甲城区' });
    expect(cell(counties, '81.20万人')).toMatchObject({ metric: '参保人数', region: '甲城区' });
  });

  it('takes measures from column headers and places from row labels', () => {
    const districts = [
      ['区县', '床位数(张)', '每千人口床位(张)'],
      ['城中区', '5120', '8.1'],
      ['全市', '23456', '6.2'],
    ];
    expect(cell(districts, '5120张')).toMatchObject({ region: '城中区', metric: '床位数' });
    expect(cell(districts, '23456张')).toMatchObject({ metric: '床位数' });
    expect(cell(districts, '23456张')?.region).toBeUndefined();
  });

  it('reads measure columns of a disease table, sub-rows marked 其中', () => {
    const diseases = [
      ['病种', '发病数(例)', '死亡数(例)', '发病率(1/10万)'],
      ['其中:乙型肝炎', '91', '0', '6.20'],
    ];
    expect(cell(diseases, '91例')).toMatchObject({ metric: '乙型肝炎发病数', unitClass: 'person' });
    expect(cell(diseases, '6.20/10万')).toMatchObject({ metric: '乙型肝炎发病率', unitClass: 'percent' });
  });

  it.each([
    ['missing cells (a short row)', [['指标', '2023年', '2022年'], ['床位(张)', '100']], 1],
    ['merged cells left blank as dashes', [['指标', '2023年', '2022年'], ['床位(张)', '—', '90']], 1],
    ['no header and three columns: cells mean nothing certain', [['床位', '1', '2'], ['医生', '3', '4']], 0],
    ['no header, two columns: label and figure', [['床位数(张)', '120'], ['医生(人)', '30']], 2],
    ['text cells are no figures', [['指标', '2023年'], ['进展', '顺利']], 0],
  ])('%s', (_n, rows, count) => expect(tableFacts(rows)).toHaveLength(count));

  it.each([
    ['(万张)', { multiplier: '万', unit: '张' }],
    ['(%)', { multiplier: '', unit: '%' }],
    ['(1/10万)', { multiplier: '', unit: '/10万' }],
    ['(站)', undefined],
  ])('unit hint %s', (label, hint) => expect(unitHint(`指标${label}`)).toEqual(hint));
});
