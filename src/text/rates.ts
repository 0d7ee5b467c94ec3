/** Words that ask or name a rate (率, 比例, 占比, 比重, 百分之…), wherever they stand. */
export const RATE_WORDS = /率|比例|占比|比重|构成比|百分之/;

/** A measure or header that is a rate: it ends on one of those words, its unit in brackets aside. */
export const RATE_HEADER = /(?:率|比例|占比|比重|构成比)(?:[(（][^()（）]*[)）])?$/;
