/** What kind of quantity a unit measures; a question's measure word must agree with it. */
export type UnitClass =
  | 'count' // 个 家 所 处 …: things
  | 'person' // 人 名 位 …
  | 'visit' // 人次 次 例次 …: events and person-times
  | 'money'
  | 'area'
  | 'length'
  | 'weight'
  | 'duration'
  | 'percent'
  | 'density' // 只/公顷: things per area
  | 'multiple' // 倍
  | 'rank' // 级
  | 'score' // 分: points of an assessment
  | 'date'
  | 'text'; // a statement's answer

// Longest first, so 人次 wins over 人 and 个百分点 over 个.
const UNITS: [string, UnitClass][] = [
  ['个百分点', 'percent'], ['百分点', 'percent'], ['平方公里', 'area'], ['平方米', 'area'], ['公顷', 'area'], ['亩', 'area'],
  ['个月', 'duration'], ['周岁', 'duration'], ['小时', 'duration'], ['秒', 'duration'], ['分钟', 'duration'], ['天', 'duration'], ['周', 'duration'], ['年', 'duration'], ['岁', 'duration'],
  ['人次', 'visit'], ['户次', 'visit'], ['场次', 'visit'], ['批次', 'visit'], ['台次', 'visit'], ['车次', 'visit'], ['例次', 'visit'], ['剂次', 'visit'], ['次', 'visit'], ['场', 'visit'], ['期', 'visit'], ['轮', 'visit'],
  ['元', 'money'],
  ['人', 'person'], ['名', 'person'], ['位', 'person'], ['例', 'person'], ['户', 'person'],
  ['公里', 'length'], ['千米', 'length'], ['米', 'length'],
  ['吨', 'weight'], ['公斤', 'weight'], ['千克', 'weight'],
  ['个', 'count'], ['家', 'count'], ['所', 'count'], ['处', 'count'], ['座', 'count'], ['项', 'count'], ['件', 'count'], ['种', 'count'],
  ['辆', 'count'], ['张', 'count'], ['台', 'count'], ['套', 'count'], ['条', 'count'], ['支', 'count'], ['批', 'count'], ['类', 'count'],
  ['床', 'count'], ['间', 'count'], ['栋', 'count'], ['层', 'count'], ['届', 'count'], ['篇', 'count'], ['份', 'count'], ['本', 'count'],
  // (179846单位 of red cells: blood is counted in units; 27起, 5宗 count events.)
  ['单位', 'count'], ['起', 'count'], ['宗', 'count'], ['册', 'count'], ['剂', 'count'], ['管', 'count'], ['针', 'count'], ['只', 'count'], ['头', 'count'], ['块', 'count'], ['字', 'count'], ['级', 'rank'],
  ['倍', 'multiple'], ['%', 'percent'], ['‰', 'percent'], ['分', 'score'],
];
UNITS.sort((a, b) => b[0].length - a[0].length);

// 78.64分 is a score; 3分院, 30分娩 and 分钟 are not (分钟 is a unit of its own, matched first).
const NOT_POINTS = '(?![钟之别布析类配娩期批级院局会成区中站管担享散摊段解拣流诊])';
export const UNIT_PATTERN = UNITS.map(([u]) => (u === '分' ? `分${NOT_POINTS}` : u.replace(/[%‰]/g, (c) => `\\${c}`))).join('|');

export function unitClass(unit: string): UnitClass | undefined {
  return UNITS.find(([u]) => u === unit)?.[1] ?? (DENSITY_UNIT.test(unit) ? 'density' : undefined);
}

/** 0.73只/公顷, 3.2个/平方公里: things per area, a density, written as one unit (no rate in %, no count). */
export const DENSITY_PATTERN = '(?:只|个|头|人|户|例|株|处)\\/(?:公顷|平方公里|平方米|百平方米|亩)';
const DENSITY_UNIT = new RegExp(`^${DENSITY_PATTERN}$`);

// Units that count more than one kind: 四级手术1.12万台 counts operations, as 台次 does.
const ALSO_COUNTS: Record<string, UnitClass> = { 台: 'visit' };

/** Whether a figure in `unit` (of class `cls`) can be one of the kinds in `classes`. */
export function countsAs(unit: string, cls: UnitClass, classes: readonly UnitClass[]): boolean {
  const also = ALSO_COUNTS[unit];
  return classes.includes(cls) || (also !== undefined && classes.includes(also));
}

/** 区中医院门急诊人次 of "分别为58.2万和31.7万": the kind a bare magnitude counts, from its measure's end. */
export function unitClassOfMeasure(metric: string): UnitClass | undefined {
  const end = /(人次|户次|台次|例次|床日|人数|元|费用|金额|床位数|张数|机构数|家数|个数)$/.exec(metric)?.[1];
  return end ? (MEASURE_ENDS[end] ?? unitClass(end)) : undefined;
}

/** 门急诊人次 of "分别为58.2万": the unit a bare magnitude is in, when its measure ends on one. */
export function unitOfMeasure(metric: string): string | undefined {
  return /(人次|户次|台次|例次)$/.exec(metric)?.[1];
}

// Measure endings that are no unit of their own, and what they count.
const MEASURE_ENDS: Record<string, UnitClass> = { 人数: 'person', 费用: 'money', 金额: 'money', 床位数: 'count', 张数: 'count', 床日: 'visit', 机构数: 'count', 家数: 'count', 个数: 'count' };

/**
 * What a question's measure word accepts. 个 is the general classifier and takes any count; a
 * specific one (辆, 所) takes its own kind and the general ones, since reports often write 个.
 */
export function unitsAccepted(measure: string): { classes: UnitClass[]; units?: string[] } {
  switch (measure) {
    // 几个医生: 个 counts people too.
    case '个':
      return { classes: ['count', 'person'] };
    case '项':
    case '种':
    case '类':
      return { classes: ['count'] };
    case '人':
    case '名':
    case '位':
    case '个人':
      return { classes: ['person'] };
    case '人次':
    case '次':
    case '例':
      return { classes: ['visit', 'person'] };
    // 几秒, 多少分钟: a time asked in any unit of time.
    case '秒':
    case '分钟':
    case '小时':
      return { classes: ['duration'] };
    case '所':
    case '家':
    case '座':
    case '处':
      return { classes: ['count'], units: ['所', '家', '座', '处', '个'] };
    case '辆':
      return { classes: ['count'], units: ['辆', '台', '个'] };
    // 多少台手术: operations are counted in 台次 as often as in 台.
    case '台':
      return { classes: ['count', 'visit'], units: ['辆', '台', '个', '台次'] };
    // 打了多少针: doses, which no count of people vaccinated answers.
    case '针':
    case '剂':
    case '剂次':
      return { classes: ['visit', 'count'], units: ['针', '剂', '剂次'] };
    case '张':
    case '床':
      return { classes: ['count'], units: ['张', '床'] };
    case '件':
      return { classes: ['count'], units: ['件', '个', '项'] };
    // 住几天 is answered by 8.4日 as well.
    case '天':
    case '日':
      return { classes: ['duration'], units: ['天', '日'] };
    case '元':
    case '钱':
      return { classes: ['money'] };
    case '%':
      return { classes: ['percent'] };
    case '倍':
      return { classes: ['multiple', 'percent'] };
    default: {
      const cls = unitClass(measure);
      return cls ? { classes: [cls], units: [measure] } : { classes: [] };
    }
  }
}
