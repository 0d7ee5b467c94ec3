import { describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import { extractFacts } from '../src/extract/facts.js';
import { cleanReport } from '../src/reports/clean.js';
import { storeFrom } from './helpers/store.js';

// The cases a review of this change reproduced on invented reports (test/fixtures/review-s29), each
// a wrong figure the change gave at first, and the extraction rules it over-reached with.
const first = async (dir: string, ...questions: string[]) => {
  const store = await storeFrom(`test/fixtures/review-s29/${dir}`);
  const chat = { chat: 'r', followUps: new FollowUps() };
  return questions.map((q) => {
    const r = ask(store, q, chat);
    return r.across ? (r.across.result?.value ?? r.across.rows.map((x) => x.answer).join('/')) : (r.answers[0] ? `${r.answers[0].region}:${r.answers[0].answer}` : undefined);
  });
};

describe('what the review found, mended', () => {
  it('reads a province\'s own 全省 column as the province, not the wider area', async () => {
    expect(await first('prov', '澜宁省居民健康素养水平是多少', '沅畈市居民健康素养水平比全省高多少')).toEqual(['澜宁省:28.6%', '沅畈市比澜宁省多1.9个百分点']);
  });

  it('asks a new place named in a follow-up of that place, not of the last answer\'s hospital', async () => {
    expect(await first('follow', '药占比是多少', '苇埠县呢')).toEqual(['苈川县人民医院:32.4%', '苇埠县:25.1%']);
  });

  it('measures a year\'s target from a level to date (截至11月底)', async () => {
    expect(await first('target', '峦沂市家庭医生签约率离目标还差多少')).toEqual(['还差3.8个百分点']);
  });

  it('keeps 于 and 在 that open a hospital\'s name', async () => {
    expect(await first('yu', '在溪县人民医院门急诊人次是多少', '于溪县人民医院门急诊人次是多少')).toEqual(['在溪县人民医院:31.10万人次', '于溪县人民医院:48.20万人次']);
  });

  it('reads 其中：三级 under 综合医院 as 三级综合医院', async () => {
    expect(await first('zonghe', '荻溪区三级综合医院数')).toEqual(['荻溪区:3家']);
  });
});

describe('extraction rules held to what they are for', () => {
  const facts = (text: string) =>
    extractFacts({ id: 'x.txt', path: '/dev/null', meta: { title: '某市2024年卫生健康统计公报', region: '某市', origin: 'derived' as const }, blocks: cleanReport(`${text}\n`) }).map((f) => `${f.metric}=${f.answer}${f.status === 'actual' ? '' : `[${f.status}]`}`);

  it.each([
    // Per head of what: only when the counts line up whole; else said of nothing, dropped.
    ['全市卫生技术人员15120人，其中执业（助理）医师5752人、注册护士6431人，每千人口分别为8.02人、3.05人。', ['卫生技术人员=15120人', '执业(助理)医师=5752人', '注册护士=6431人']],
    // Each item's gap to the province, per head as the list is.
    ['全市每千人口执业（助理）医师数、注册护士数分别为3.05人、3.41人，分别比全省低0.17人、0.24人。', ['每千人口执业(助理)医师数=3.05人', '每千人口注册护士数=3.41人', '每千人口执业(助理)医师数比全省低=0.17人[change]', '每千人口注册护士数比全省低=0.24人[change]']],
    // 城市 names no place.
    ['城市居民健康素养水平、农村居民健康素养水平分别为32.1%、25.0%。', ['城市居民健康素养水平=32.1%', '农村居民健康素养水平=25.0%']],
    // 占比最高, 比较高: no gap to a base.
    ['循环系统疾病死亡占比最高，为42.3%。', ['循环系统疾病死亡占比最高=42.3%']],
    // A level after a gap is of the gap's measure.
    ['女性人均预期寿命比男性长5.2岁，达到83.1岁。', ['女性人均预期寿命比男性长=5.2岁[change]', '女性人均预期寿命=83.1岁']],
    // A qualifier said after a figure is not its own.
    ['全市实有床位1260张、每千人口执业医师3.1人。', ['实有床位=1260张', '每千人口执业医师=3.1人']],
  ])('%s', (text, expected) => {
    expect(facts(text)).toEqual(expected);
  });
});
