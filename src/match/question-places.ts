import { tag } from '../text/segment.js';
import type { RegionIndex } from './regions.js';

/**
 * Places a question names that no report speaks for: 辛区 of "辛区家庭医生签约率", and towns
 * jieba does not know (六都寨镇). Such a place is noted, so that no other place's figure answers it.
 */

// Words ending in 区 or 县 that name no place.
export const NOT_DISTRICT = /^(乡镇|各乡镇|全乡镇|各镇|全镇|全乡|各街道|城乡|城镇|村镇|集镇|小镇|重镇|各乡|城区|市区|辖区|社区|山区|新区|园区|片区|景区|街区|老区|郊区|示范区|先行区|试验区|全区|我区|本区|该区|各区|各县|全县|我县|本县|该县|示范县|强县|大县|区县|县区|市县区|县市区)$/;

const MAX_PLACES_CHECKED = 8;

/** 辛区 of "辛区家庭医生签约率": a district or county named that no report speaks for. */
export function unknownDistricts(text: string, regions: RegionIndex): string[] {
  const out: string[] = [];
  let cuts: Set<number> | undefined;
  let checked = 0;
  for (const m of text.matchAll(/[\u3400-\u9fff]{2,3}?(?:区|县|镇|乡|街道)/g)) {
    // A question names a place or three; a long text's every 区 and 县 is not looked up.
    if (++checked > MAX_PLACES_CHECKED) break;
    const word = m[0];
    if (NOT_DISTRICT.test(word) || regions.isKnown(word) || /[的是有在和与及多少几个]/.test(word) || /^[各全本该我每]/.test(word)) continue;
    const own = tag(word);
    if (own.length === 1 || own[0]?.tag === 'ns' || isTownName(word, m.index, (cuts ??= tokenBounds(text))) || isCountyName(word, m.index, cuts)) out.push(word);
  }
  return out;
}

/** Where the question's words start and end. */
function tokenBounds(text: string): Set<number> {
  const cuts = new Set<number>([0]);
  let at = 0;
  for (const t of tag(text)) cuts.add((at += t.word.length));
  return cuts;
}

// Words before 镇 or 乡 that make a kind of town, not a town's name (卫生乡镇, 特色小镇, 中心镇).
const TOWN_KIND = /^(卫生|中心|特色|重点|示范|建制|文明|全|本|该|各|每|小|集|城|村|乡|一个|这个|那个)/;

/** 六都寨镇, 荷香桥镇: a town jieba does not know, cut where the question's words are cut. */
function isTownName(word: string, at: number, cuts: Set<number>): boolean {
  if (!/(镇|乡|街道)$/.test(word) || TOWN_KIND.test(word)) return false;
  if (!cuts.has(at) || !cuts.has(at + word.length)) return false;
  const name = word.replace(/(镇|乡|街道)$/, '');
  // A name jieba shatters into single characters is one it does not know: a proper name.
  const words = tag(name);
  return words.every((t) => t.word.length === 1) || words.every((t) => !/^(v|p|c|u|r|d|f|q|y|e|uj|ul|zg)$/.test(t.tag));
}

/**
 * 蘅塘县: a county or district whose name jieba shatters into single characters, standing where
 * the question's words start, is a proper name (not 两县, 哪县).
 */
function isCountyName(word: string, at: number, cuts: Set<number>): boolean {
  const name = word.replace(/(?:区|县)$/, '');
  if (name === word || name.length < 2 || /[两三几哪此那这其某一二]/.test(name) || !cuts.has(at)) return false;
  return tag(name).every((t) => t.word.length === 1);
}

/** A place jieba knows by name (淄川) is another place, never a typo of one we know (甲市). */
export function isRealPlace(word: string): boolean {
  const t = tag(word);
  return t.length === 1 && t[0]!.tag === 'ns';
}

