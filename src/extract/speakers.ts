import { NOT_PLACE } from './breakdowns.js';

/**
 * Speaker turns of a transcript (发布会实录, 访谈): 【记者 某报】, 记者：…, 问：…, 郝建平：…. A figure a
 * reporter or host says is hearsay ("听说有将近两百个"); the answer that follows gives the
 * figure the report stands for.
 */
export type SpeakerRole = 'asks' | 'answers';

// 某日报记者：, 主持人（周雅琴）：, 【记者 某日报】.
const ASKS = /^(?:【\s*)?(?:记者|主持人|主播|提问|问)(?:\s*[^】:：]{0,24})?(?:】|[:：])|^[\u3400-\u9fffA-Za-z]{2,12}记者(?:\s*[(（][^)）]{1,12}[)）])?\s*[:：]/;
// 发布人：, 郝建平：, 陈立新（区卫生健康委员会主任）：.
const ANSWERS = /^(?:【\s*)?(?:发布人|嘉宾|答)(?:\s*[^】:：]{0,24})?(?:】|[:：])|^【[^】]{1,24}】|^[\u3400-\u9fff]{2,4}(?:\s*[(（][^)）]{1,30}[)）])?\s*[:：]/;
// 城关镇卫生院院长某某：: a minute's speaker named after the post, with no brackets.
// (市医疗保障局副局长 某某：: a space may stand between the post and the name.)
// (某市卫生健康局局长：…, a post with no name after it, in minutes that name no one.)
const POST_THEN_NAME = /^([\u3400-\u9fff]{3,20}?(?:院长|主任|局长|书记|股长|科长|所长|站长|负责人))(?:[\s\u3000]*[\u3400-\u9fff]{2,3})?\s*[:：]/;
// Label lines of a transcript's header are no speakers: 时间：, 地点：, 访谈嘉宾：.
// 嘉宾：某市某医院院长 某某 names the guest; 嘉宾：主持人好，… is the guest speaking.
const LABEL = /^(?:[\u3400-\u9fff]{0,2}(?:时间|地点|主题|来源|编者按))[:：】]|^(?:[\u3400-\u9fff]{0,2}(?:嘉宾|发布人))[:：】][^，,。；;！!？?]*$/;

/** The role of whoever speaks in a block, when the block opens a turn. */
export function speakerOf(text: string): SpeakerRole | undefined {
  const t = text.trim();
  if (LABEL.test(t.replace(/^【/, ''))) return undefined;
  if (ASKS.test(t)) return 'asks';
  if (ANSWERS.test(t) || POST_THEN_NAME.test(t)) return 'answers';
  return undefined;
}

// The report's own area or one of its kind (全市, 本镇, 各县), not a place of its own.
const OWN_AREA = /^[全我本各该此]/;

/**
 * The place a speaker speaks for, from the post the turn opens with: 城关镇 of
 * "某某（城关镇卫生院院长）：" or of "城关镇卫生院院长某某：". In minutes where each head
 * reports on "我院", the post is often the only thing that says whose figures they are.
 */
export function speakerPlace(text: string): { place: string; post: string } | undefined {
  const t = text.trim();
  if (LABEL.test(t) || ASKS.test(t)) return undefined;
  const post = /^[\u3400-\u9fff]{2,4}\s*[(（]([^)）]{2,30})[)）]\s*[:：]/.exec(t)?.[1] ?? POST_THEN_NAME.exec(t)?.[1];
  const place = post && /^([\u3400-\u9fff]{2,5}?(?:街道|镇|乡|区|县|市))(?=[\u3400-\u9fff])/.exec(post)?.[1];
  return place && !NOT_PLACE.test(place) && !OWN_AREA.test(place) ? { place, post } : undefined;
}

/** Who a turn is: the place a speaker speaks for, the post, and the institution the post heads. */
export interface Turn {
  place: string;
  post: string;
  institution?: string;
}

// （五）某县人民医院院长某某介绍…: minutes announce a speaker by post and name before the turn.
const ANNOUNCED = /^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)?\s*([\u3400-\u9fff]{2,24}?(?:院长|主任|局长|书记|负责人|股长|科长|所长|站长))([\u3400-\u9fff]{2,3}?)(?:同志)?(?:介绍|发言|汇报|谈|说明|讲|作)/;
// 某某说，…: the turn of a speaker the minutes announced.
const SAYS = /^([\u3400-\u9fff]{2,3}?)(?:说|表示|介绍|指出|谈到|汇报)[,，:：]/;
const HEADED = /^([\u3400-\u9fff]{2,16}?(?:医院|卫生院|服务中心|保健院|疾病预防控制中心))/;

/** The speaker a heading of minutes announces (某县人民医院院长某某介绍…), by name. */
export function announcedSpeaker(text: string): { name: string; turn: Turn } | undefined {
  const m = ANNOUNCED.exec(text.trim());
  if (!m) return undefined;
  const post = m[1]!;
  // 某县某镇卫生院院长: the innermost place the post names is the speaker's.
  const places = [...post.matchAll(/([\u3400-\u9fff]{2,5}?(?:街道|镇|乡|区|县|市))(?=[\u3400-\u9fff])/g)].map((x) => x[1]!);
  const place = places.at(-1);
  if (!place || NOT_PLACE.test(place) || OWN_AREA.test(place)) return undefined;
  const institution = HEADED.exec(post)?.[1];
  return { name: m[2]!, turn: { place, post, ...(institution ? { institution } : {}) } };
}

/** The name a paragraph of minutes opens with as its speaker (某某说，…), when it does. */
export function sayer(text: string): string | undefined {
  return SAYS.exec(text.trim())?.[1];
}
