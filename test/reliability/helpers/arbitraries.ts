import fc from 'fast-check';

/** Runs per property, and the one seed every property starts from, so CI sees the same inputs. */
export const RUNS = Number(process.env.FACTBOT_FUZZ_RUNS ?? 1000);
export const SEED = Number(process.env.FACTBOT_FUZZ_SEED ?? 20261122);

const char = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));
const codePoint = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));

/** Characters that break naive text handling, each family on its own. */
export const hostileChar = fc.oneof(
  char(0x0000, 0x001f), // C0 controls, \u0000 among them
  fc.constantFrom('\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\u200b', '\u200c', '\u200d', '\u2060', '\ufffd', '\ufffe', '\uffff'),
  char(0xd800, 0xdfff), // lone surrogates
  fc.constantFrom('\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'), // bidi controls
  char(0x0590, 0x05ff), // Hebrew
  char(0x0600, 0x06ff), // Arabic
  char(0xff01, 0xff5e), // full-width ASCII
  char(0x3000, 0x303f), // CJK punctuation, the ideographic space
  char(0x4e00, 0x9fff), // CJK
  codePoint(0x20000, 0x2a6df), // CJK extension B (astral)
  codePoint(0x1f300, 0x1faff), // emoji
  fc.constantFrom('👨‍👩‍👧‍👦', '🏳️‍🌈', '👍🏽', '🇨🇳', '1️⃣', '#️⃣'),
  char(0x0300, 0x036f), // combining marks
  fc.constantFrom('\ufdfa', '\ufdfb', '\u3371', '\u33af', '\u2474', '\u2488', '\u2160', '\u216b', '\u00bd', '\u2155', '\u00b2', '\u2082'), // NFKC expanders and numerals
  fc.constantFrom('醫', '衛', '張', '個', '萬', '億', '區', '縣', '薴', '臺', '陸', '貳', '參', '壹', '拾', '佰', '仟'), // traditional forms
);

/** Pieces of the reports' own language: numerals, units, regions, verbs, punctuation. */
const domainWord = fc.constantFrom(
  '枣庄', '淄博', '温州', '瑞安', '济宁', '兰山区', '全市', '我市', '全区', '北京', '床位', '实际开放床位', '卫生总资产', '救护车', '专科联盟',
  '智医助理', '乡村医生', '每千人口', '执业(助理)医师', '同比增长', '分别', '分别达到', '由', '到', '从', '提升到', '提高至', '达', '为', '共有', '累计',
  '截至', '年底', '今年', '去年', '2012年', '2021年', '2023年7月', '4月26日', '第', '第三', '一', '二', '两', '十', '百', '千', '万', '亿', '万亿',
  '零', '〇', '二〇二一年', '三个', '十二人', '一百零五家', '个', '张', '人', '名', '家', '所', '辆', '件', '元', '万元', '亿元', '%', '‰', '/10万',
  '余', '多', '以上', '以下', '左右', '近', '约', '超过', '不足', '、', '，', '。', '；', '：', '？', '！', '…', '……', '“', '”', '《', '》', '(', ')',
  '（', '）', '【', '】', ',', '.', '...', ';', ':', '?', '!', ' ', '  ', '\u3000', '\t', '\n', '\r\n', '\n\n\n', '# ', '## ', '多少', '几个', '是多少',
  '什么时候', '比例', '哪一年', '那淄博呢', '2012年呢', '/help', '/sources', '/reload', '/push', '/订阅', '/why ', '/', '@_user_1', '@factbot',
  '被确定为', '试点市', '签订', '协议', '电话', '热线:', '12345', '5G', 'H7N9', '120急救', '60岁以上', '十九届', '三次会议', '1,234', '3.1万余人',
  '80%以上', '近8000名', '186.2/10万', '0.5', '00000', '1e9', '9'.repeat(40), 'Infinity', 'NaN', '-1', '+1',
);

const digits = fc.string({ unit: fc.constantFrom(...'0123456789.,'), minLength: 1, maxLength: 24 });
const numerals = fc.string({ unit: fc.constantFrom(...'〇零一二两三四五六七八九十百千万亿'), minLength: 1, maxLength: 12 });

/** One piece of a hostile string. */
const piece = fc.oneof(
  { weight: 4, arbitrary: domainWord },
  { weight: 3, arbitrary: fc.string({ unit: hostileChar, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: char(0x4e00, 0x9fff), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: digits },
  { weight: 1, arbitrary: numerals },
);

/** Mixed Chinese, ASCII and hostile characters, up to a few hundred characters. */
export const hostileText = (maxPieces = 24) => fc.array(piece, { maxLength: maxPieces }).map((p) => p.join(''));

/** A question as people type it, with hostile characters mixed in, within the 500 characters platforms pass on. */
export const hostileQuestion = hostileText(16).map((s) => s.slice(0, 500));

/** Long texts (up to ~20k characters): a report's worth of hostile lines. */
export const longText = fc
  .array(fc.oneof(hostileText(30), fc.constantFrom('\n', '\n\n', '\n\n\n\n')), { minLength: 1, maxLength: 200 })
  .map((p) => p.join('\n').slice(0, 20_000));

/** A paragraph built like the reports' sentences, with hostile pieces spliced in. */
export const reportLike = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(
        '截至2021年底，全市各级各类医疗卫生机构数量达2702个，实际开放床位25970张。',
        '办案数量由2012年的269件提升到2021年的2491件，罚没款由44.75万元提升至360.31万元。',
        '每千人口拥有床位数、执业(助理)医师数、注册护士数分别达到6.74张、3.04人、3.93人。',
        '2023年7月，县人民医院与8家乡镇卫生院签订医共体协议。',
        '枣庄市被确定为国家紧密型城市医疗集团建设试点市。',
        '全年门诊量405.47万人次(同比增长10.57%)，病历规范率99.37%。',
        '联系电话:3083218',
        '# 一、加大基础设施设备的投入力度',
      ) },
      { weight: 2, arbitrary: hostileText(12) },
      { weight: 1, arbitrary: fc.constantFrom('\n', '\n\n', '\n\n\n') },
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((p) => p.join(''));

/** Any JSON value, hostile strings inside. */
export const anyJson = fc.jsonValue({ maxDepth: 4 });
