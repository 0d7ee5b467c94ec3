import { describe, expect, it } from 'vitest';
import { cleanReport, fixSpaces } from '../src/reports/clean.js';

describe('fixSpaces (OCR noise)', () => {
  it.each([
    ['a space inside a word goes', '医共体建 设', '医共体建设'],
    ['a space between a figure and its unit goes', '手术 3472人次', '手术3472人次'],
    ['a space before a unit goes', '近8000 名工作人员', '近8000名工作人员'],
    ['a space in place of lost punctuation becomes a comma', '严 密防线 疛住了', '严密防线,疛住了'],
    ['spaces around punctuation go', '提升基层 ,服务', '提升基层,服务'],
  ])('%s', (_n, input, expected) => {
    expect(fixSpaces(input)).toBe(expected);
  });
});

describe('cleanReport', () => {
  it('turns markdown and short lines into headings, the rest into paragraphs', () => {
    const blocks = cleanReport('# 标题\n\n深化改革 克难攻坚\n\n全市共有医疗机构10个,床位20张。\n');
    expect(blocks).toEqual([
      { kind: 'heading', text: '标题' },
      { kind: 'heading', text: '深化改革 克难攻坚' },
      { kind: 'paragraph', text: '全市共有医疗机构10个,床位20张。' },
    ]);
  });

  it('keeps a long title that names its kind apart from the lines after it', () => {
    const blocks = cleanReport('某省卫生健康委员会关于2024年度全省二级公立医院绩效考核结果的通报\n\n某卫医发〔2025〕9号\n\n各市州卫生健康委:\n\n现将结果通报如下。\n');
    expect(blocks[0]).toEqual({ kind: 'heading', text: '某省卫生健康委员会关于2024年度全省二级公立医院绩效考核结果的通报' });
  });

  it('joins a paragraph broken mid-sentence by a page break', () => {
    const blocks = cleanReport('目前,全市已创建17个省级临床重点专科,省级临床重点专科与上轮\n\n评审相比,本轮创建总数增长143%。\n');
    expect(blocks).toEqual([{ kind: 'paragraph', text: '目前,全市已创建17个省级临床重点专科,省级临床重点专科与上轮评审相比,本轮创建总数增长143%。' }]);
  });

  it('joins across page headings that interrupt a sentence', () => {
    const blocks = cleanReport('动员近700名民营医院、门诊部等编外卫\n\n主动担当 奋勇战疫\n\n生力量参与防控工作。\n');
    expect(blocks[0]).toEqual({ kind: 'paragraph', text: '动员近700名民营医院、门诊部等编外卫生力量参与防控工作。' });
    expect(blocks[1]).toEqual({ kind: 'heading', text: '主动担当 奋勇战疫' });
  });

  it('joins a line cut after a colon by a column break, and keeps a numbered title with a colon a title', () => {
    const blocks = cleanReport('(三)丙类传染病\n\n报告病例数居前2位的病种依次为:流行\n\n性感冒(318例)、手足口病(96例)。\n\n三、附:十年来发展成就\n\n全市床位1.2万张。\n');
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', '(三)丙类传染病'],
      ['paragraph', '报告病例数居前2位的病种依次为:流行性感冒(318例)、手足口病(96例)。'],
      ['heading', '三、附:十年来发展成就'],
      ['paragraph', '全市床位1.2万张。'],
    ]);
  });

  it('drops image captions', () => {
    const raw = '正文第一段,有内容。\n\n\n\n淄博市中心医院陪检人员在陪同患者检查。资料照片\n\n\n\n患者通过 影像云 查阅拍片结果\n\n\n\n正文第二段。\n';
    const texts = cleanReport(raw).map((b) => b.text);
    expect(texts).toEqual(['正文第一段,有内容。', '正文第二段。']);
  });

  it('keeps numbered section titles and letterhead lines apart from the text', () => {
    const blocks = cleanReport('一、加大基础设施投入\n\n为辖区116个村卫生室配备一体机。\n\n联系人:黄某;联系电话:3083218\n');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'heading']);
  });

  it('a numbered section title may list things, and is not joined with the paragraph after it', () => {
    const blocks = cleanReport('五、胸痛、卒中绿色通道建设情况\n市急救中心与9家胸痛中心签订协议。\n1、医院3家、卫生院5家\n');
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', '五、胸痛、卒中绿色通道建设情况'],
      ['paragraph', '市急救中心与9家胸痛中心签订协议。'],
      ['paragraph', '1、医院3家、卫生院5家'],
    ]);
  });

  it('returns nothing for an empty report', () => {
    expect(cleanReport('')).toEqual([]);
    expect(cleanReport('\n \n\t\n')).toEqual([]);
  });
});
