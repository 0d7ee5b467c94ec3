import { isUntaggedWord, tag } from '../text/segment.js';
import { NOT_PLANNING } from './status.js';

/** What a heading says of the paragraphs under it: that they plan, or whose figures they give. */

/** 二、2025年工作计划: a section of plans, whose figures are targets. */
export function isPlanHeading(text: string, year: number | undefined, reportYear: number | undefined): boolean {
  // A date line under a title (2024年6月, （2024年1月）) is when the report was written, not a plan.
  if (/^(?:[(（]\s*)?(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:\s*[)）])?$/.test(text.trim())) return false;
  if (/完成情况|进展|成效|回顾|落实情况|推进情况|执行情况|实施情况|进度/.test(text)) return false;
  // (2021—2023年主要业务指标及2024年计划: years done beside the plan, no plan alone.)
  const years = (text.match(/(?:19|20)\d{2}/g) ?? []).map(Number);
  // (2024—2025年重点工作计划 in a report of 2024 still plans.)
  if (years.length >= 2 && reportYear !== undefined && years.some((y) => y < reportYear)) return false;
  // (计划免疫, 计划生育 plan nothing.)
  if (/计划|打算|工作思路|展望|下一步|目标任务|重点任务|工作安排/.test(text.replace(NOT_PLANNING, ''))) return true;
  return year !== undefined && reportYear !== undefined && year > reportYear;
}

// (一), 二、, 3. : the marker a numbered heading opens with.
const MARKER = '(?:[(（][一二三四五六七八九十\\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\\d{1,2}[.．、])';
// "(一)心血管内科。全年出院…": a paragraph opened by a marker and a short name speaks of that name.
const RUN_IN_HEADING = new RegExp(`^\\s*${MARKER}\\s*([^,，;；:：。\\d]{2,24})[。:：]\\s*$`);
const MARKED = new RegExp(`^${MARKER}\\s*`);
// 1. 创伤21,432人次 / ①… : a list item opens with its marker, which is no part of what it measures;
// 三、四级手术 opens with no marker but with 三级 and 四级.
// 一是…;二是…: the plain-word markers of a run of points.
export const LIST_MARKER = new RegExp(`^\\s*(?:${MARKER}|[①-⑳]|[一二三四五六七八九十]是)\\s*(?=[\\u3400-\\u9fff])(?![一二三四五六七八九十][级类等])`);

/** The name a paragraph's run-in heading gives, if its first sentence is one. */
export function runInHeading(sentence: string): string | undefined {
  return RUN_IN_HEADING.exec(sentence)?.[1];
}

/** 乙类传染病 of "(二)乙类传染病": a short heading that names a thing, not a section's theme. */
export function headingSubject(text: string): string | undefined {
  const name = text.trim().replace(MARKED, '');
  if (name === text.trim() || name.length < 2 || name.length > 10 || /[\d,，。:：;；、]|年|情况|工作|服务|建设|管理|能力|体系|机制|改革|提升|加强|推进|持续|稳步|主要|总体|基本/.test(name)) return undefined;
  // A thing's name (乙类传染病), not a theme said of one (医疗业务量稳中有升).
  return tag(name).every((t) => /^(n|nz|nt|ns|b|j|vn)$/.test(t.tag) || isUntaggedWord(t)) ? name : undefined;
}

// 共报告…, 本月报告…, 全年共…: a sentence that opens on its count, naming nothing counted.
export const NAMES_NOTHING = /^\s*(?:本月|全年|当月|上半年)?(?:共|累计)?(?:报告|发生|发现|收治|开展|完成|有)/;
