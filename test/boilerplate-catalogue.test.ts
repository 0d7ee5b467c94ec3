import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../src/catalogue/indicators.js';
import { cleanReport } from '../src/reports/clean.js';
import { deriveInstitution, periodOf } from '../src/reports/metadata.js';
import { dropBoilerplate, isBoilerplate } from '../src/reports/boilerplate.js';

describe('web-page furniture is not report text', () => {
  it.each([
    ['a breadcrumb', '首页 > 新闻中心 > 卫健动态'],
    ['a navigation bar', '首页 | 新闻 | 健康 | 观点 | 登录'],
    ['a source line', '2025-02-18 10:26　来源：某某日报　作者：记者 张三'],
    ['font buttons', '【字体：大 中 小】'],
    ['share buttons', '分享到：微信 微博'],
    ['a copyright footer', '版权所有：某某市卫生健康委员会 ICP备12345678号'],
  ])('%s', (_n, line) => expect(isBoilerplate(line)).toBe(true));

  it.each([
    ['a table row with bars', '人均预期寿命（岁）｜77.46｜78.66｜78.8｜预期性'],
    ['a sentence naming a source', '据统计，全市共有医疗卫生机构2186家，数据来源：统计年鉴。'],
  ])('keeps %s', (_n, line) => expect(isBoilerplate(line)).toBe(false));

  it('drops a related-news list and makes the headline over the source line the title', () => {
    const lines = ['某市2024年医疗卫生成绩单出炉', '', '2025-02-18 10:26 来源：某某日报', '', '正文第一段，全市床位5.87张。', '', '相关新闻', '· 别市新增三级医院4家', '· 别市床位突破3.9万张', '', '版权所有 某某网'];
    const out = dropBoilerplate(lines);
    expect(out[0]).toBe('# 某市2024年医疗卫生成绩单出炉');
    expect(out.join('\n')).not.toMatch(/别市|版权|来源/);
    expect(cleanReport(lines.join('\n'))[0]).toEqual({ kind: 'heading', text: '某市2024年医疗卫生成绩单出炉' });
  });
});

describe('report subject and period from the title', () => {
  it.each([
    ['2023年某省卫生健康事业发展统计公报', 2023],
    ['某市2024年政府工作报告', 2023],
    ['某区人民医院2024年度工作报告', 2024],
    ['某市“十四五”规划中期评估报告', undefined],
  ])('%s → %s', (title, year) => expect(periodOf(title)).toBe(year));

  it('a report that speaks of 我院 is its hospital\'s, in the district its name says', () => {
    const text = '我院全年门急诊86万人次。我院床位1060张。全院职工1326人。';
    expect(deriveInstitution('芜湖市弋江区人民医院2024年度工作报告', text)).toEqual({ subject: '芜湖市弋江区人民医院', region: '弋江区', parentRegion: '芜湖市' });
    expect(deriveInstitution('某市卫生健康委2024年工作总结', text)).toBeUndefined();
    // Without 我院, a title that opens on the hospital and names its own report still says whose it is;
    // one that names the hospital further on is someone else's report about it.
    expect(deriveInstitution('某区人民医院2024年度工作报告', '全区床位1060张。')).toEqual({ subject: '某区人民医院' });
    expect(deriveInstitution('某区卫生健康局关于区人民医院2024年度工作的报告', '全区床位1060张。')).toBeUndefined();
    // An office meeting with the heads of a kind of institution is no institution's own report.
    expect(deriveInstitution('永丰县卫生健康局全县乡镇卫生院院长座谈会会议纪要', text)).toBeUndefined();
  });
});

describe('the indicator catalogue', () => {
  const yaml = (body: string) => `indicators:\n${body}`;
  const beds = '  - {id: beds, name: 床位, aliases: [病床, 床位数], unit: count, topic: resources}\n';
  it('finds the longest form, parts and wholes', () => {
    const c = parseCatalogue(yaml(beds + '  - {id: township_beds, name: 乡镇卫生院床位, unit: count, topic: resources, part_of: beds}\n'));
    expect(c.find('乡镇卫生院床位和病床').map((m) => `${m.indicator.id}:${m.text}`)).toEqual(['township_beds:乡镇卫生院床位', 'beds:病床']);
    expect(c.partOf('township_beds', 'beds')).toBe(true);
    expect(c.partOf('beds', 'township_beds')).toBe(false);
  });
  it.each([
    ['an alias of two indicators', beds + '  - {id: wards, name: 病房, aliases: [病床], unit: count, topic: resources}\n', /病床.*beds/],
    ['a part pointing nowhere', '  - {id: a, name: 甲类, unit: count, topic: disease, part_of: nothing}\n', /part_of nothing/],
    ['an id used twice', beds + beds.replace('床位,', '床位,').replace('name: 床位', 'name: 床位2').replace('[病床, 床位数]', '[]'), /id used twice/],
    ['an unknown unit', '  - {id: a, name: 甲类, unit: litres, topic: disease}\n', /unit/],
  ])('refuses %s, naming it', (_n, body, message) => expect(() => parseCatalogue(yaml(body))).toThrow(message));
  it('the shipped catalogue loads', async () => {
    const { readFile } = await import('node:fs/promises');
    const c = parseCatalogue(await readFile('intents/indicators.yaml', 'utf8'));
    expect(c.byId.size).toBeGreaterThan(250);
  });
});
