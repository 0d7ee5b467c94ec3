/**
 * Speaker turns of a transcript (发布会实录, 访谈): 【记者 某报】, 记者：…, 问：…, 郝建平：…. A figure a
 * reporter or host says is hearsay ("听说有将近两百个"); the answer that follows gives the
 * figure the report stands for.
 */
export type SpeakerRole = 'asks' | 'answers';

// 合肥日报记者：, 主持人（周雅琴）：, 【记者 襄阳日报】.
const ASKS = /^(?:【\s*)?(?:记者|主持人|主播|提问|问)(?:\s*[^】:：]{0,24})?(?:】|[:：])|^[\u3400-\u9fffA-Za-z]{2,12}记者(?:\s*[(（][^)）]{1,12}[)）])?\s*[:：]/;
// 发布人：, 郝建平：, 陈立新（区卫生健康委员会主任）：.
const ANSWERS = /^(?:【\s*)?(?:发布人|嘉宾|答)(?:\s*[^】:：]{0,24})?(?:】|[:：])|^【[^】]{1,24}】|^[\u3400-\u9fff]{2,4}(?:\s*[(（][^)）]{1,30}[)）])?\s*[:：]/;
// Label lines of a transcript's header are no speakers: 时间：, 地点：, 访谈嘉宾：.
const LABEL = /^(?:[\u3400-\u9fff]{0,2}(?:时间|地点|嘉宾|主题|来源|编者按|发布人))[:：】]/;

/** The role of whoever speaks in a block, when the block opens a turn. */
export function speakerOf(text: string): SpeakerRole | undefined {
  const t = text.trim();
  if (LABEL.test(t.replace(/^【/, ''))) return undefined;
  if (ASKS.test(t)) return 'asks';
  if (ANSWERS.test(t)) return 'answers';
  return undefined;
}
