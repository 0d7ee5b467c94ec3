import { describe, expect, it } from 'vitest';
import { askedRank, rankedItems } from '../src/extract/rankings.js';

const items = (sentence: string) => rankedItems(sentence).map((x) => `${x.rank}:${x.name}:${x.measure}:${x.kind}`);

describe('ranked lists', () => {
  it.each([
    [
      'items with their figures in parentheses',
      '报告病例数居前5位的病种依次为:病毒性肝炎(118例)、肺结核(64例)、梅毒(52例)、新型冠状病毒感染(38例)和百日咳(27例),占乙类传染病报告总数的89.52%。',
      ['1:病毒性肝炎:报告病例数:病种', '2:肺结核:报告病例数:病种', '3:梅毒:报告病例数:病种', '4:新型冠状病毒感染:报告病例数:病种', '5:百日咳:报告病例数:病种'],
    ],
    [
      'bare names, the list summed up after it',
      '全部法定传染病中,报告发病数居前3位的病种依次为流行性感冒、手足口病和肺结核,合计1,117例。',
      ['1:流行性感冒:报告发病数:病种', '2:手足口病:报告发病数:病种', '3:肺结核:报告发病数:病种'],
    ],
    [
      'no kind said: the shared ending says it',
      '报告病例数居前3位的依次为集里街道(146例)、淮川街道(131例)和荷花街道(109例),三地合计占29.99%。',
      ['1:集里街道:报告病例数:街道', '2:淮川街道:报告病例数:街道', '3:荷花街道:报告病例数:街道'],
    ],
    ['Chinese numerals', '死因居前三位的依次为心脑血管病、恶性肿瘤和呼吸系统疾病。', ['1:心脑血管病:死因:', '2:恶性肿瘤:死因:', '3:呼吸系统疾病:死因:']],
    ['a count that does not agree is no list it can trust', '报告病例数居前5位的病种依次为:病毒性肝炎、肺结核和梅毒。', []],
    ['a ranking with no list', '我市综合实力居全省前3位。', []],
    ['one item is no ranking', '居前1位的是肺结核。', []],
    ['a name that holds 和 inside the list', '居前3位的依次为细菌性和阿米巴性痢疾(3例)、登革热(1例)和猩红热(1例)。', ['1:细菌性和阿米巴性痢疾::', '2:登革热::', '3:猩红热::']],
  ])('%s', (_n, sentence, expected) => expect(items(sentence)).toEqual(expected));
});

describe('the place in a ranking a question asks', () => {
  it.each([
    ['乙类排第五的是哪个病', 5],
    ['发病数第一的是什么病', 1],
    ['哪个街道报告的病例最多', 1],
    ['第3位是什么', 3],
    ['哪个区签约率最低', 'last'],
    ['市第一人民医院有多少床位', undefined],
    ['第一季度诊疗人次', undefined],
    ['床位多少张', undefined],
  ])('%s → %s', (q, rank) => expect(askedRank(q)).toBe(rank));
});
