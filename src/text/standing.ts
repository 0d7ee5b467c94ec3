/** Words of where a figure stands among others (甲县…最高, 乙县次之): never part of what it measures. */
export const STANDING_WORDS = '最高|最低|最多|最少|最大|最小|次之|居首|居末';
/** A measure that ends on where it stands (甲县鼠密度最高). */
export const STANDING_END = new RegExp(`(?:${STANDING_WORDS})$`);
