import type { Fact } from '../extract/facts.js';
import type { FactStore } from '../store/fact-store.js';

/** One thing ranked: the figure, whom or what it is for, and the measure it gives. */
export interface Entry {
  fact: Fact;
  entity: string;
  measure: string;
}

/** Names of totals, not of parts. */
export const TOTAL = /合计|总计|总数|全部|共计|^报告|^全市|^全区|^全县|^全省|^全院|^全镇|^全乡|^其他|^其它/;
// In a list or a table, 其他感染性腹泻病 is a part like the others; only a sum is not.
// (其他科室, 其余乡镇: the rest of the kind put together is no one of them.)
export const LIST_TOTAL = /合计|总计|总数|全部|共计|^全[院市县区省镇乡]$|^(?:其他|其它|其余)类|^(?:其他|其它|其余)(?:[\d一二三四五六七八九十]+个)?(?:科室|科|街镇|镇街|乡镇|街道|镇|乡|县区|区县|市县|县市|县|区|市|医院|机构|单位|地区|地方|病种)$/;

// 县 asks for counties and districts alike (区县); 医院 for hospitals and 院; a disease word for any.
const KINDS: [among: RegExp, entity: RegExp][] = [
  // (旗县区, 盟市: the counties and cities of a region with 旗 and 盟.)
  [/^(?:[县区市旗盟州]{1,4}|地区|地市|城市|辖区)$/, /(县|区|市|旗|州|盟)$/],
  [/^(镇|乡镇|街道|街镇|镇街|乡镇街道)$/, /(镇|乡|街道)$/],
  [/医院|院/, /(院|中心)$/],
  [/^(科|科室)$/, /(科|中心|部|室)$/],
  // 哪个月: the months of a year, never places.
  [/^(月|月份)$/, /^(?:(?:19|20)\d{2}年)?\d{1,2}月份?$/],
  // 哪个季度, 哪一年: quarters and years, as their names show.
  [/^(季度|季)$/, /^(?:(?:19|20)\d{2}年)?(?:第?[一二三四1-4]季度|[一二三四]季)$/],
  [/^(年|年份|年度)$/, /^(?:19|20)\d{2}年度?$/],
  // (市疾控, 康华体检: an institution's short name ends as its kind does; not 老年人健康体检, a kind of check-up.)
  [/^(机构|单位)$/, /(院|中心|站|室|所|部|诊所|疾控|(?<!健康|入职|职业|学生|儿童|婚前|孕前|从业人员)体检)$/],
  // 哪个病, 啥病: the names of diseases end so (肝炎, 梅毒, 猩红热, 百日咳, 流行性感冒, 肺结核…).
  [/^(病|病种|疾病|传染病)$/, /(病|炎|毒|热|咳|冒|核|疹|疾|症|感染|伤寒|霍乱|鼠疫|腹泻)$/],
  // 哪几个地方: places in the loosest sense, a city's own units (市直) and its parts by kind (城区) too.
  [/^地方$/, /(县|区|市|旗|州|盟)$|^市直|本级$|^(?:城区|市区|郊区|山区|农村|农村地区|城市地区|城镇地区)$/],
];
const KIND_OF_HOSPITAL = /^(?:其中)?(?:[一二三]级|[一二三]级甲等|公立|民营|非公立?|综合|中医|中西医结合|民族医|专科|妇幼|基层|乡镇|社区|县级|市级|省级|其他|精神病?|传染病|肿瘤|儿童|口腔|眼科)?(?:医院|卫生院|保健院|医疗机构|医疗卫生机构|保健机构)$/;
const HOSPITAL_KIND = /^(中医|中西医结合|妇幼|人民)医?院$/;
// 城区, 农村地区, 山区: parts of an area by kind, named like a district but none.
// (老城区, 新城区 are districts of their cities by name: no kind of area.)
const AREA_KINDS = /^(?:城区|市区|郊区|山区|辖区|主城区|农村地区|城市地区|城镇地区|边远地区|贫困地区)$/;

export function fits(entity: string, among: string): boolean {
  const kind = KINDS.find(([a]) => a.test(among));
  if (kind && kind === KINDS[0] && AREA_KINDS.test(entity)) return false;
  // (哪两个县市: counties and county-level cities, the districts of a city left out.)
  if (/^(?:县市|市县)$/.test(among) && /区$/.test(entity)) return false;
  // 中医院, 人民医院: a kind of hospital its names show (甲县中医医院), not any hospital.
  const named = HOSPITAL_KIND.exec(among)?.[1];
  if (named && !entity.includes(named)) return false;
  // (综合医院, 三级医院: a kind of hospital, no hospital of its own name.)
  if (kind === KINDS[2] && KIND_OF_HOSPITAL.test(entity)) return false;
  return !kind || kind[1].test(entity);
}
/** Whether `among` names a kind of place or institution whose names show it (街道, 县, 医院). */
export const kindShown = (among: string) => KINDS.some(([a]) => a.test(among));

/** Whether a fact stands in a table block of its report. */
export function inTable(store: FactStore, f: Fact | undefined): boolean {
  if (!f) return false;
  return store.blocks.get(f.docId)?.[f.block]?.kind === 'table';
}
