import { describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { storeOf } from './helpers/store.js';

// Invented reports for what session 32's blind sets showed; every name and figure is made up.
const year = { label: '2024年5月', year: 2024 };
const cells = (rows: string[][], unitLine?: string) => tableFacts(rows, year, unitLine).map((c) => `${c.metric}:${c.answer}`);

const DISEASES = [
  ['类别', '病种', '发病数', '发病率', '上月发病数', '去年同期发病数', '同比增减'],
  ['甲类', '小计', '0', '0.00', '0', '0', '—'],
  ['乙类', '甲型病', '30', '4.10', '28', '32', '-6.25'],
  ['乙类', '乙型病', '12', '1.64', '9', '10', '+20.00'],
  ['乙类', '小计', '42', '5.74', '37', '41', '+2.44'],
  ['丙类', '丙型病', '88', '12.02', '120', '98', '-10.20'],
  ['丙类', '丁型病', '20', '2.73', '15', '19', '+5.26'],
  ['丙类', '小计', '108', '14.75', '135', '117', '-7.69'],
  ['合计', '', '150', '20.49', '172', '158', '-5.06'],
];

describe('tables', () => {
  it('rows of a group column and a name column are named by the name, though each group has its 小计', () => {
    expect(cells(DISEASES).filter((c) => c.startsWith('丙型病'))).toEqual(['丙型病发病数:88', '丙型病发病率:12.02', '丙型病上月发病数:120', '丙型病发病数:98', '丙型病发病数:-10.20']);
    expect(cells(DISEASES)).toContain('乙类小计发病数:42');
  });
  it('a unit line of one unit of each kind gives counts the count’s, rates the rate’s, changes the %', () => {
    expect(cells(DISEASES, '（单位：例、1/10万、%）').filter((c) => c.startsWith('丙型病'))).toEqual(['丙型病发病数:88例', '丙型病发病率:12.02/10万', '丙型病上月发病数:120例', '丙型病发病数:98例', '丙型病发病数:-10.20%']);
  });
  it('units of two counts for more count columns than units are no one’s', () => {
    expect(cells([['地区', '人数', '户数', '次数'], ['甲', '1', '2', '3'], ['乙', '4', '5', '6']], '（单位：人、户）')).toEqual(['甲人数:1', '甲户数:2', '甲次数:3', '乙人数:4', '乙户数:5', '乙次数:6']);
  });
});

const BULLETIN = [
  '溪林区2024年5月法定传染病疫情月报',
  '溪林区疾病预防控制中心　2024年6月5日',
  '一、总体情况',
  '2024年5月全区共报告法定传染病150例，报告发病率20.49/10万。报告病例数居前三位的病种依次为：丙型病、甲型病、丁型病。',
  '甲型病30例，其中甲一型18例、甲二型9例、甲三型3例。',
  '二、分病种报告情况',
  '表1　2024年5月溪林区法定传染病报告情况（单位：例、1/10万、%）',
  ...DISEASES.map((r) => r.join('\t')),
  '（以上数据均为测试虚构）',
].join('\n');

describe('rankings a report states', () => {
  it('the report’s own ranking of the measure asked outranks a part’s parts', async () => {
    const store = await storeOf({ '1_xilin_yuebao.txt': BULLETIN });
    const rows = ask(store, '溪林5月哪种传染病报得最多').across?.rows.map((r) => r.subject);
    expect(rows?.[0]).toBe('丙型病');
    expect(rows).not.toContain('甲一型');
  });
});
