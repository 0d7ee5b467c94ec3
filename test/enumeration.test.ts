import { beforeAll, describe, expect, it } from 'vitest';
import { enumerationsOf, type Enumeration } from '../src/across/enumeration.js';
import { ask } from '../src/core/ask.js';
import { extractFacts, extractFromSentence, type Fact } from '../src/extract/facts.js';
import { cleanReport } from '../src/reports/clean.js';
import type { ReportDoc } from '../src/reports/types.js';
import type { FactStore } from '../src/store/fact-store.js';
import { loadIntents } from '../src/match/intents.js';
import { storeFrom } from './helpers/store.js';

// The list verbs of intents/ (全市有三级医院: 有 is not part of the name), as the store passes them.
const verbs = (await loadIntents('intents')).across.listVerbs;

// Every sentence here is invented (岚江市, 松岭市 and their figures do not exist). Facts are made by
// the real extractor, never written by hand, so spans and quotes are what a report would give.

const doc = (raw: string): ReportDoc => ({
  id: '990_enumeration.txt',
  path: '/dev/null',
  meta: { title: '岚江市2023年卫生健康统计公报', region: '岚江市', origin: 'derived' },
  blocks: cleanReport(raw),
});

/** The facts of a report text, one array per sentence (as enumerationsInDocs groups them). */
function sentencesOf(text: string): Fact[][] {
  const bySentence = new Map<number, Fact[]>();
  for (const f of extractFacts(doc(`${text}\n`))) bySentence.set(f.sentenceNo, [...(bySentence.get(f.sentenceNo) ?? []), f]);
  return [...bySentence.values()];
}

/** What must hold of any answer of enumerationsOf, whatever the sentence. */
function checkLists(facts: Fact[], lists: Enumeration[]): void {
  let listEnd = 0;
  const seen = new Set<Fact>();
  for (const e of lists) {
    expect(e.items.length).toBeGreaterThanOrEqual(2);
    const quote = e.items[0]!.fact.quote;
    // The lead is the sentence's words from the end of the list before it up to the first name.
    expect(quote.slice(listEnd).startsWith(e.lead)).toBe(true);
    let last = -1;
    for (const { name, fact } of e.items) {
      expect(facts).toContain(fact);
      expect(seen.has(fact)).toBe(false);
      seen.add(fact);
      expect(fact.kind).toBe('figure');
      expect(fact.quote).toBe(quote);
      expect(fact.quote.slice(fact.span[0], fact.span[1])).toBe(fact.answer);
      expect(fact.span[0]).toBeGreaterThan(last);
      last = fact.span[0];
      expect(name.length).toBeGreaterThanOrEqual(2);
      expect(name).toBe(name.trim());
      // A name is the words right before its figure.
      expect(quote.slice(0, fact.span[0]).trimEnd()).toMatch(new RegExp(`${escape(name)}\\s*(?:[(（]|为|是|有|达)?$`));
    }
    listEnd = e.items.at(-1)!.fact.span[1];
  }
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The lists of a one-sentence text. */
function listsOf(sentence: string): Enumeration[] {
  const groups = sentencesOf(sentence);
  expect(groups.length).toBeLessThanOrEqual(1);
  const facts = groups[0] ?? [];
  const lists = enumerationsOf(facts, verbs);
  checkLists(facts, lists);
  return lists;
}

const shape = (lists: Enumeration[]) => lists.map((e) => ({ lead: e.lead, items: e.items.map((i) => `${i.name}=${i.fact.answer}`) }));

describe('enumerationsOf: lists a sentence gives', () => {
  const cases: [title: string, sentence: string, lists: { lead: string; items: string[] }[]][] = [
    [
      'a whole, then its parts after 其中 (the whole is in the lead, not an item)',
      '2023年末，岚江市共有医疗卫生机构1560个，其中医院96家、基层医疗卫生机构1402个、专业公共卫生机构62个。',
      [{ lead: '2023年末，岚江市共有医疗卫生机构1560个，其中', items: ['医院=96家', '基层医疗卫生机构=1402个', '专业公共卫生机构=62个'] }],
    ],
    [
      'a whole of persons, its parts with a closed bracket in a name',
      '全市卫生技术人员21680人，其中执业（助理）医师8120人、注册护士9630人。',
      [{ lead: '全市卫生技术人员21680人，其中', items: ['执业(助理)医师=8120人', '注册护士=9630人'] }],
    ],
    [
      '、 then 和, a name with a closed bracket (社区卫生服务中心（站）)',
      '全市基层医疗卫生机构中，社区卫生服务中心（站）86个、乡镇卫生院41个和村卫生室613个。',
      [{ lead: '全市基层医疗卫生机构中，', items: ['社区卫生服务中心(站)=86个', '乡镇卫生院=41个', '村卫生室=613个'] }],
    ],
    ['two items joined by 和 alone', '儿童专科医疗机构中，儿童医院3家和妇幼保健院7家。', [{ lead: '儿童专科医疗机构中，', items: ['儿童医院=3家', '妇幼保健院=7家'] }]],
    [
      '及 and 与 join as 、 does; the list keeps the sentence order, not the value order',
      '全市医疗卫生机构中，医院96家及专业公共卫生机构62个与基层医疗卫生机构1402个。',
      [{ lead: '全市医疗卫生机构中，', items: ['医院=96家', '专业公共卫生机构=62个', '基层医疗卫生机构=1402个'] }],
    ],
    [
      'a bulletin style: comma-joined items after a colon',
      '全区发热诊疗网点设置情况：发热门诊12个，发热诊室8个，哨点诊室5个。',
      [{ lead: '全区发热诊疗网点设置情况：', items: ['发热门诊=12个', '发热诊室=8个', '哨点诊室=5个'] }],
    ],
    [
      'a bracketed percentage after each count is not an item; 家务及待业 keeps its 及',
      '全年报告丙类传染病病例1287例，按职业分，居前四位的依次为散居儿童402例（31.24%）、学生355例（27.58%）、农民211例（16.39%）和家务及待业147例（11.42%）。',
      [
        {
          lead: '全年报告丙类传染病病例1287例，按职业分，居前4位的依次为',
          items: ['散居儿童=402例', '学生=355例', '农民=211例', '家务及待业=147例'],
        },
      ],
    ],
    ['parts of a disease after 中', '病毒性肝炎中，乙型肝炎73例、丙型肝炎19例、戊型肝炎4例。', [{ lead: '病毒性肝炎中，', items: ['乙型肝炎=73例', '丙型肝炎=19例', '戊型肝炎=4例'] }]],
    ['a sentence wholly in brackets is a list, not an aside', '（各乡镇报告数：甲镇31例，乙镇22例，丙乡9例。）', [{ lead: '(各乡镇报告数：', items: ['甲镇=31例', '乙镇=22例', '丙乡=9例'] }]],
    ['a clause that goes on about the figure (已接近…) is no item', '其中甲县某率为93.2%，已接近92%的下限。', []],
    ['另 and 报告 lead to the names', '另报告淋病8例、猩红热5例、艾滋病2例。', [{ lead: '另报告', items: ['淋病=8例', '猩红热=5例', '艾滋病=2例'] }]],
    [
      'a bracketed aside with its own figure is skipped, and the list goes on after it',
      '全市医院按级别分，三级医院14个（其中三级甲等医院6个），二级医院37个，一级医院45个。',
      [{ lead: '全市医院按级别分，', items: ['三级医院=14个', '二级医院=37个', '一级医院=45个'] }],
    ],
    [
      'names that open on a number (2型糖尿病) and items joined after 为',
      '高血压患者规范管理率为78.5%、2型糖尿病患者规范管理率为74.2%和严重精神障碍患者规范管理率为91.3%。',
      [{ lead: '', items: ['高血压患者规范管理率=78.5%', '2型糖尿病患者规范管理率=74.2%', '严重精神障碍患者规范管理率=91.3%'] }],
    ],
    [
      'names that open on an age range (0-6岁) and hold 及 (65岁及以上)',
      '0-6岁儿童健康管理率93.1%、65岁及以上老年人健康管理率71.4%。',
      [{ lead: '', items: ['0-6岁儿童健康管理率=93.1%', '65岁及以上老年人健康管理率=71.4%'] }],
    ],
    [
      'ASCII letters in names (A型血, AB型血)',
      '全市无偿献血中，A型血1203人次、B型血987人次、O型血1422人次和AB型血356人次。',
      [{ lead: '全市无偿献血中，', items: ['A型血=1203人次', 'B型血=987人次', 'O型血=1422人次', 'AB型血=356人次'] }],
    ],
    [
      'two lists in one sentence: the second lead starts after the first list',
      '医疗服务方面，门诊诊疗286.4万人次、出院6.9万人次，患者满意度方面，门诊满意度92.6%、住院满意度95.1%。',
      [
        { lead: '医疗服务方面，', items: ['门诊诊疗=286.4万人次', '出院=6.9万人次'] },
        { lead: '，患者满意度方面，', items: ['门诊满意度=92.6%', '住院满意度=95.1%'] },
      ],
    ],
    [
      'three lists: a pair, its parts after 其中 (same unit, not joined), then rates',
      '医疗服务方面，门诊诊疗286.4万人次、住院6.9万人次，其中医院门诊诊疗173.2万人次、基层医疗卫生机构门诊诊疗98.6万人次，门诊满意度92.6%、住院满意度95.1%。',
      [
        { lead: '医疗服务方面，', items: ['门诊诊疗=286.4万人次', '住院=6.9万人次'] },
        { lead: '，其中', items: ['医院门诊诊疗=173.2万人次', '基层医疗卫生机构门诊诊疗=98.6万人次'] },
        { lead: '，', items: ['门诊满意度=92.6%', '住院满意度=95.1%'] },
      ],
    ],
    [
      'a change clause after a list (同比提高) does not join it',
      '患者满意度方面，门诊满意度92.6%、住院满意度95.1%，同比提高1.2%。',
      [{ lead: '患者满意度方面，', items: ['门诊满意度=92.6%', '住院满意度=95.1%'] }],
    ],
  ];
  it.each(cases)('%s', (_title, sentence, expected) => {
    expect(shape(listsOf(sentence))).toEqual(expected);
  });

  it('keeps the whole out of the items and in the lead', () => {
    const [list] = listsOf('2023年末，岚江市共有医疗卫生机构1560个，其中医院96家、基层医疗卫生机构1402个、专业公共卫生机构62个。');
    expect(list!.items.map((i) => i.fact.answer)).not.toContain('1560个');
    expect(list!.lead).toContain('医疗卫生机构1560个');
  });

  it('names no item by a bracketed share or aside', () => {
    const lists = listsOf('全市医院按级别分，三级医院14个（其中三级甲等医院6个），二级医院37个，一级医院45个。');
    const names = lists.flatMap((e) => e.items.map((i) => i.name));
    expect(names.some((n) => n.includes('三级甲等'))).toBe(false);
    const shares = listsOf('按职业分，居前四位的依次为散居儿童402例（31.24%）、学生355例（27.58%）、农民211例（16.39%）和家务及待业147例（11.42%）。');
    expect(shares.flatMap((e) => e.items).every((i) => i.fact.unitClass !== 'percent')).toBe(true);
  });
});

describe('enumerationsOf: figures after 分别', () => {
  // The names stand joined before 分别, not before each figure: A和B的M分别为X和Y.
  const cases: [title: string, sentence: string, lead: string, items: string[]][] = [
    ['two institutions, the measure on the last name', '全区区人民医院和区中医院门急诊人次分别为58.2万和31.7万。', '门急诊人次', ['区人民医院=58.2万', '区中医院=31.7万']],
    ['places after a year, the measure on the last name', '分县区看，2023年甲城区、乙水县和丙山县每千人口床位数分别为9.12张、7.40张和5.35张。', '每千人口床位数', ['甲城区=9.12张', '乙水县=7.40张', '丙山县=5.35张']],
    ['places, the measure after 的 on the last name', '分县区看，甲城区、乙水县和丙山县的某项签约率分别为81.3%、79.6%和72.4%。', '某项签约率', ['甲城区=81.3%', '乙水县=79.6%', '丙山县=72.4%']],
    ['three rates joined by 、 and 和', '全市孕产妇死亡率、婴儿死亡率和5岁以下儿童死亡率分别为9.87/10万、3.12‰和4.23‰。', '', ['孕产妇死亡率=9.87/10万', '婴儿死亡率=3.12‰', '5岁以下儿童死亡率=4.23‰']],
  ];
  it.each(cases)('%s', (_title, sentence, lead, items) => {
    const facts = sentencesOf(sentence)[0] ?? [];
    const lists = enumerationsOf(facts, verbs).filter((e) => e.items.length >= 2);
    expect(lists.map((e) => ({ lead: e.lead.replace(/^[^，,]*[，,]/, ''), items: e.items.map((i) => `${i.name}=${i.fact.answer}`) }))).toEqual([{ lead, items }]);
  });

  it('gives no list when the names joined before 分别 are not as many as the figures', () => {
    const facts = sentencesOf('区人民医院门急诊人次分别为58.2万和31.7万。')[0] ?? [];
    expect(enumerationsOf(facts, verbs).filter((e) => e.items.length >= 2)).toEqual([]);
  });
});

describe('enumerationsOf: what is not a list', () => {
  const none: [title: string, sentence: string][] = [
    ['no figures', '全市卫生健康工作稳步推进，群众满意度持续提升。'],
    ['one figure', '全市共有卫生院23个。'],
    ['mixed units joined by 、 (人次 then %)', '全市门诊诊疗286.4万人次、门诊满意度92.6%。'],
    ['mixed units after a comma (人次 then %)', '全市门诊诊疗286.4万人次，门诊满意度92.6%。'],
    ['a change of the same unit after a comma (比上年增加)', '全市医院门诊诊疗173.2万人次，比上年增加12.3万人次。'],
    ['a change after a comma (同比增长8.7%)', '全市住院满意度95.1%，同比增长8.7%。'],
    ['a threshold after a comma (低于60%)', '全市孕产妇系统管理率93.5%，低于60%的乡镇有0个。'],
    ['only one-character names (a single character names nothing)', '甲12个、乙8个、丙5个。'],
    ['ASCII noise only', 'abc 123 xyz 456 !!! ###'],
  ];
  it.each(none)('%s', (_title, sentence) => {
    expect(listsOf(sentence)).toEqual([]);
  });

  it('gives nothing for no facts at all', () => {
    expect(enumerationsOf([], verbs)).toEqual([]);
  });

  it('ends a list before a one-character name', () => {
    expect(shape(listsOf('应急救治点中，方舱医院12个、发热门诊8个、站5个。'))).toEqual([{ lead: '应急救治点中，', items: ['方舱医院=12个', '发热门诊=8个'] }]);
  });

  it('ignores facts that are not figures (the names a ranked list states)', () => {
    const [facts] = sentencesOf('按职业分，居前四位的依次为散居儿童402例（31.24%）、学生355例（27.58%）、农民211例（16.39%）和家务及待业147例（11.42%）。');
    expect(facts!.some((f) => f.kind === 'statement')).toBe(true);
    const onlyFigures = enumerationsOf(facts!.filter((f) => f.kind === 'figure'), verbs);
    expect(shape(enumerationsOf(facts!, verbs))).toEqual(shape(onlyFigures));
  });

  it('does not depend on the order the facts come in', () => {
    const [facts] = sentencesOf('全市基层医疗卫生机构中，社区卫生服务中心（站）86个、乡镇卫生院41个和村卫生室613个。');
    expect(shape(enumerationsOf([...facts!].reverse(), verbs))).toEqual(shape(enumerationsOf(facts!, verbs)));
  });
});

describe('enumerationsOf: hostile sentences', () => {
  // 2,000 items: more than extractFacts keeps in one sentence (it cuts a sentence past 1200
  // characters into pieces), so the whole sentence's figures come from the per-sentence
  // extractor and are tied to the sentence the way extractFacts ties them.
  const WORDS = '东西南北中上下前后左右青红黄白黑金银铜铁山水林田湖海江河溪泉松柏杨柳桃李梅竹兰菊春夏秋冬';
  const names = Array.from({ length: 2000 }, (_, i) => `${WORDS[Math.floor(i / WORDS.length) % WORDS.length]}${WORDS[i % WORDS.length]}村卫生室`);
  const longSentence = `全县村级医疗点中，${names.map((n, i) => `${n}${(i % 97) + 3}个`).join('、')}。`;

  function factsOfWholeSentence(sentence: string): Fact[] {
    const [template] = extractFacts(doc('全市共有卫生院23个。\n'));
    return extractFromSentence(sentence).map((d, i) => ({
      ...template!,
      id: `990_enumeration.txt#${i + 1}`,
      kind: d.kind,
      answer: d.answer,
      value: d.value,
      unit: d.unit,
      unitClass: d.unitClass,
      metric: d.metric,
      status: d.status,
      quote: sentence,
      span: d.spanInSentence,
      local: d.local,
      clause: d.clause.text,
    }));
  }

  it('reads a sentence of 2,000 items as one list of 2,000', () => {
    const facts = factsOfWholeSentence(longSentence);
    expect(facts).toHaveLength(2000);
    for (const f of facts) expect(f.quote.slice(f.span[0], f.span[1])).toBe(f.answer);
    const lists = enumerationsOf(facts, verbs);
    checkLists(facts, lists);
    expect(lists).toHaveLength(1);
    expect(lists[0]!.lead).toBe('全县村级医疗点中，');
    expect(lists[0]!.items.map((i) => i.name)).toEqual(names);
    expect(lists[0]!.items.map((i) => i.fact.value)).toEqual(names.map((_n, i) => (i % 97) + 3));
  });

  it('still lists all 2,000 items when the extractor cuts the sentence into pieces', () => {
    const pieces = sentencesOf(longSentence);
    expect(pieces.length).toBeGreaterThan(1);
    const lists = pieces.flatMap((facts) => {
      const found = enumerationsOf(facts, verbs);
      checkLists(facts, found);
      return found;
    });
    expect(lists[0]!.lead).toBe('全县村级医疗点中，');
    expect(lists.flatMap((e) => e.items.map((i) => i.name))).toEqual(names);
  });

  it('keeps emoji around a sentence in the lead, out of the names', () => {
    expect(shape(listsOf('😀😀全市医疗卫生机构中，医院96家、基层医疗卫生机构1402个、专业公共卫生机构62个。🎉🎉'))).toEqual([
      { lead: '😀😀全市医疗卫生机构中，', items: ['医院=96家', '基层医疗卫生机构=1402个', '专业公共卫生机构=62个'] },
    ]);
  });

  it.each([
    ['emoji between a figure and its joiner', '其中医院96家😀、基层医疗卫生机构1402个🏥、专业公共卫生机构62个!!!'],
    ['emoji inside a name', '全市医疗卫生机构中，医院🏥96家、基层医疗卫生机构1402个。'],
    ['ASCII marks before a name', '全市医疗卫生机构中，医院96家、###基层医疗卫生机构1402个、专业公共卫生机构62个。'],
    ['repeated commas', '全市医疗卫生机构中，医院96家，，，基层医疗卫生机构1402个、专业公共卫生机构62个。'],
  ])('never names an item by noise: %s', (_title, sentence) => {
    const lists = listsOf(sentence);
    for (const { name, fact } of lists.flatMap((e) => e.items)) {
      expect(name).toMatch(/^[\u3400-\u9fffA-Za-z()（）·]+$/);
      expect(['96家', '1402个', '62个']).toContain(fact.answer);
    }
  });

  // With no boundary (，：其中) before the first figure, the first name starts after the list verb
  // (intents' list_verbs): 全市有三级医院 names 三级医院, and 全市有 stays in the lead.
  it.each([
    [
      '全市有三级医院14个（其中三级甲等医院6个），二级医院37个，一级医院45个。',
      { lead: '全市有', items: ['三级医院=14个', '二级医院=37个', '一级医院=45个'] },
    ],
    ['全市设置方舱医院12个、发热门诊8个、哨点诊室5个。', { lead: '全市设置', items: ['方舱医院=12个', '发热门诊=8个', '哨点诊室=5个'] }],
  ])('keeps the sentence subject out of the first name: %s', (sentence, expected) => {
    expect(shape(listsOf(sentence))).toEqual([expected]);
  });

  // 均高于90% after a comma compares the list with a benchmark; it is not one of its items.
  it('a comparison with 均 after a comma (均高于90%) does not join', () => {
    const lists = listsOf('患者满意度方面，门诊满意度92.6%、住院满意度95.1%，均高于90%。');
    expect(shape(lists)).toEqual([{ lead: '患者满意度方面，', items: ['门诊满意度=92.6%', '住院满意度=95.1%'] }]);
  });
});

describe('ranking a report’s lists through ask() (test/fixtures/enumeration)', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeFrom('test/fixtures/enumeration');
  });
  const rank = (q: string) => {
    const r = ask(store, q).across;
    expect(r?.kind).toBe('rank');
    for (const row of r!.rows) expect(row.source.file).toBe('720_songling.txt');
    const values = r!.rows.map((x) => x.value!);
    expect(values).toEqual([...values].sort((a, b) => (r!.order === 'asc' ? a - b : b - a)));
    return r!;
  };

  it.each(['松岭丙类里得的人最多的是啥病', '松岭丙类传染病哪个病最多'])('%s: the list of diseases, not the list of occupations beside it', (q) => {
    expect(rank(q).rows.map((x) => x.subject)).toEqual(['流行性感冒', '其他感染性腹泻病', '手足口病']);
  });

  it('各类医疗卫生机构哪类最多: the parts in value order, the whole left out', () => {
    const r = rank('松岭各类医疗卫生机构哪类最多');
    expect(r.rows.map((x) => [x.subject, x.answer])).toEqual([
      ['基层医疗卫生机构', '1402个'],
      ['医院', '96家'],
      ['专业公共卫生机构', '62个'],
    ]);
    expect(r.rows.map((x) => x.answer)).not.toContain('1560个');
    expect(r.count).toBe(3);
  });

  it('门诊和住院满意度哪个高: just the two named', () => {
    const r = rank('松岭门诊和住院满意度哪个高');
    expect(r.rows.map((x) => [x.subject, x.answer])).toEqual([
      ['住院满意度', '95.1%'],
      ['门诊满意度', '92.6%'],
    ]);
    expect(r.count).toBe(2);
  });

  it('病例按职业分，排前三的是: the top three of the list of four', () => {
    const r = rank('松岭病例按职业分，排前三的是');
    expect(r.rows.map((x) => [x.subject, x.answer])).toEqual([
      ['散居儿童', '402例'],
      ['学生', '355例'],
      ['农民', '211例'],
    ]);
    expect(r.count).toBe(4);
  });

  it('医院按级别分哪类最多: the aside (三级甲等医院) is no row', () => {
    const r = rank('松岭医院按级别分哪类最多');
    expect(r.rows.map((x) => x.subject)).toEqual(['一级医院', '二级医院', '三级医院']);
  });

  it('规范管理率哪个最高: names that open on a number', () => {
    const r = rank('松岭规范管理率哪个最高');
    expect(r.rows.map((x) => x.subject)).toEqual(['严重精神障碍患者规范管理率', '高血压患者规范管理率', '2型糖尿病患者规范管理率']);
  });

  it.each(['松岭各类药店哪类最多', '松岭各类学校哪类最多'])('%s: the report lists no such thing, so no ranking', (q) => {
    expect(ask(store, q).across?.kind).not.toBe('rank');
  });

  // A list is ranked only when every word the question says (养老, 死亡) stands in its sentence or
  // section: one shared word (机构, 病例) does not make another list the one asked.
  it.each(['松岭各类养老机构哪类最多', '松岭死亡病例按职业分哪个最多'])('%s gives no ranking of another list', (q) => {
    expect(ask(store, q).across?.kind).not.toBe('rank');
  });
});

describe('places listed with no measure of their own', () => {
  const facts = (text: string) => extractFacts(doc(`${text}\n`)).filter((f) => f.kind === 'figure');
  it.each([
    [
      'the measure of the sentence before, for figures of its kind',
      '全市65岁及以上老年人健康管理率为72.4%，较上年提高2.6个百分点。各县（市、区）中，枫溪县、栗口县、桐湾区分别为68.9%、70.6%、74.1%。',
      ['枫溪县:65岁及以上老年人健康管理率:68.9%', '栗口县:65岁及以上老年人健康管理率:70.6%', '桐湾区:65岁及以上老年人健康管理率:74.1%'],
    ],
    [
      'not a measure of another kind of figure',
      '全市老年人健康管理30.54万人。各县（市、区）中，枫溪县、栗口县分别为68.9%、70.6%。',
      ['枫溪县:枫溪县:68.9%', '栗口县:栗口县:70.6%'],
    ],
    [
      'not the sentence before\'s when its own sentence names the measure first',
      '全市高血压患者规范管理率71.5%。全市老年人健康管理率72.4%，枫溪县、栗口县分别为68.9%、70.6%。',
      /高血压/,
    ],
    [
      'not the sentence before\'s when a lead names its own topic',
      '全市老年人健康管理率72.4%。新生儿访视方面，枫溪县、栗口县分别为96.1%、94.3%。',
      /老年人健康管理/,
    ],
    [
      'its own measure when the list names one, after its last place',
      '全市健康管理率为72.4%。枫溪县、栗口县的签约率分别为68.9%、70.6%。',
      ['枫溪县:签约率:68.9%', '栗口县:签约率:70.6%'],
    ],
    [
      'its own measure for three places joined by 和',
      '枫溪县、栗口县和桐湾区的门诊量分别为12万人次、10万人次和8万人次。',
      ['枫溪县:门诊量:12万人次', '栗口县:门诊量:10万人次', '桐湾区:门诊量:8万人次'],
    ],
  ])('%s', (_name, text, expected) => {
    const listed = facts(text).filter((f) => /枫溪县|栗口县|桐湾区/.test(f.region));
    if (Array.isArray(expected)) expect(listed.map((f) => `${f.region}:${f.metric}:${f.answer}`)).toEqual(expected);
    else expect(listed.filter((f) => expected.test(f.metric))).toEqual([]);
  });
});
