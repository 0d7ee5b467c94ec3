/**
 * Words of a question that say nothing of its topic, or say what kind of thing it narrows to:
 * counts the asker states, spans of years, a rate asked, departments, compound narrowing words.
 */

const COUNT_WORD = '(?:个|家|人|张|所|名|例|台|辆|项|次|人次|户)';
export const STATED_COUNT = new RegExp(
  // 第2名 is a place in a ranking, not a count.
  `(?<!第\\s*)(?:近|约|大约|大概|将近|接近|差不多|超过)?(?:(?<!第\\s*\\d*)\\d+(?:\\.\\d+)?(?:多)?(?:万|千|百)?|[一二两三四五六七八九十百千万]+多(?:万|千|百)?|上千|上万|几千|几百|几万)${COUNT_WORD}(?:左右|上下)?(?:吧)?`,
  'g',
);

export const YEARS_SPAN = /(?:这|近|过去|最近)(?:\d{1,2}|[一二两三四五六七八九十]{1,2})年(?:来|以来|间|里)?|(?<![\d年])(?:\d{1,2}|[一二两三四五六七八九十]{1,2})年(?:来|以来)/g;

export const RATE_ASKED = /[\u3400-\u9fff](?<!效|频|汇|利|(?<!成)功|速)率/;

/** 城乡居民, 农村妇女: a narrowing word, or two of them written as one. */
export function narrowsBy(word: string, narrowing: ReadonlySet<string>): boolean {
  if (narrowing.has(word)) return true;
  for (let i = 1; i < word.length; i++) if (narrowing.has(word.slice(0, i)) && narrowing.has(word.slice(i))) return true;
  return false;
}

/** 心内科, 儿科, 呼吸与危重症医学科: a hospital department, not a discipline (学科, 专科). */
export function isDepartment(word: string): boolean {
  return /^[\u3400-\u9fff]{1,8}科$/.test(word) && !/^(学|专|本|分|工|理|文|社|百|全|内外|学科|专科|重点专科|临床专科|特色专科)科$|学科$|专科$/.test(word);
}

/** 超出, 高出: words of going past a mark. */
const OVERRUN = '超出|超过|超了|高出|超额';
/** A measure that says how far past its mark a figure went (超出年度任务20.4万平方米). */
export const OVERRUN_SAID = new RegExp(OVERRUN);
/** 超出控制目标多少: how far past a target a figure is, which the target alone never says. */
export const PAST_TARGET = new RegExp(`(?:${OVERRUN})[\\u3400-\\u9fff]{0,6}?(?:目标|任务|标准)值?(?:值|水平)?(?:了)?(?:多少|几)|(?:目标|任务|标准)值?[\\u3400-\\u9fff]{0,4}?(?:${OVERRUN})(?:了)?(?:多少|几)`);
