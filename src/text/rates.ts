/** Words that ask or name a share of a whole (占比, 比例, 比重, 构成比). */
export const SHARE_WORDS = /占比|比例|比重|构成比/;

/** Words that ask or name a rate (率, 比例, 占比, 比重, 百分之…), wherever they stand. */
export const RATE_WORDS = new RegExp(`率|${SHARE_WORDS.source}|百分之`);

/** A measure or header that is a rate: it ends on one of those words, its unit in brackets aside. */
export const RATE_HEADER = new RegExp(`(?:率|${SHARE_WORDS.source})(?:[(（][^()（）]*[)）])?$`);
