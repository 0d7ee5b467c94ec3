/** What a heading says of the paragraphs under it: that they plan, or whose figures they give. */

/** 二、2025年工作计划: a section of plans, whose figures are targets. */
export function isPlanHeading(text: string, year: number | undefined, reportYear: number | undefined): boolean {
  // A date line under a title (2024年6月) is when the report was written, not a plan.
  if (/^(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?$/.test(text.trim())) return false;
  if (/完成情况|进展|成效|回顾|落实情况|推进情况|执行情况|实施情况|进度/.test(text)) return false;
  if (/计划|打算|工作思路|展望|下一步|目标任务|重点任务|工作安排/.test(text)) return true;
  return year !== undefined && reportYear !== undefined && year > reportYear;
}

// "(一)心血管内科。全年出院…": a paragraph opened by a marker and a short name speaks of that name.
const RUN_IN_HEADING = /^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.．、])\s*([^,，;；:：。\d]{2,24})[。:：]\s*$/;

/** The name a paragraph's run-in heading gives, if its first sentence is one. */
export function runInHeading(sentence: string): string | undefined {
  return RUN_IN_HEADING.exec(sentence)?.[1];
}
