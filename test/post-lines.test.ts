import { describe, expect, it } from 'vitest';
import { joinPostItems } from '../src/reports/post-lines.js';
import { cleanReport } from '../src/reports/clean.js';

// Invented lines in the way a 公众号 "数说" post sets its figures.
describe('a post that sets one figure a line', () => {
  it.each([
    ['a label, its figure and its change below', ['● 全县总诊疗量', '【96.4万人次】', '📈 同比↑4.8%'], ['全县总诊疗量96.4万人次，同比增长4.8%。']],
    ['a change said in words after an arrow', ['● 县人民医院出院', '【2.15万人次】', '▲ 同比增长3.3%'], ['县人民医院出院2.15万人次，同比增长3.3%。']],
    ['a figure on the label\'s line, the change below', ['● 县域内就诊率【90.6%】', '↑ 较上年提高1.2个百分点'], ['县域内就诊率90.6%，较上年提高1.2个百分点。']],
    ['a fall', ['● 平均住院日', '【7.6天】', '▼ 比上年缩短0.4天'], ['平均住院日7.6天，比上年缩短0.4天。']],
    ['the next bullet ends an item', ['● 常住人口签约率【38.6%】', '● 重点人群签约率【82.4%】'], ['常住人口签约率38.6%。', '重点人群签约率82.4%。']],
    ['prose with an emoji is a sentence of its own', ['● 甲【1个】', '一起来看👇'], ['甲1个。', '一起来看。']],
    ['a section title stays one', ['● 甲【1个】', '01丨看病就医更方便了 🏥'], ['甲1个。', '01丨看病就医更方便了']],
  ])('%s', (_name, lines, out) => {
    // (A post marks two figures or more in 【】: one more item opens each case.)
    expect(joinPostItems(['● 乙【2个】', ...lines])).toEqual(['乙2个。', ...out]);
  });

  it.each([
    ['one bulleted figure and a page number', ['● 加强组织领导【3项】', '全市共有床位8620张，', '比上年增加310张。', '3']],
    ['bullets with no figure marked out', ['● 加强组织领导', '● 完善制度建设', '全市共有床位8620张。']],
  ])('reads a report as written: %s', (_name, lines) => {
    expect(joinPostItems(lines)).toEqual(lines);
  });

  it('leaves a report with no bulleted figures as it is', () => {
    const lines = ['一、基本情况', '● 加强组织领导', '全市共有床位8620张。'];
    expect(joinPostItems(lines)).toEqual(lines);
  });

  it('makes paragraphs of the items, not headings', () => {
    const blocks = cleanReport('数说2024\n\n● 全县总诊疗量\n【96.4万人次】\n📈 同比↑4.8%\n\n● 县域内就诊率【90.6%】\n');
    expect(blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text)).toEqual(['全县总诊疗量96.4万人次,同比增长4.8%。', '县域内就诊率90.6%。']);
  });
});
