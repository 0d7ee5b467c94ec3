import Fuse from 'fuse.js';

export interface RegionInfo {
  /** Canonical name as the reports' metadata write it: 乙市, 辰区. */
  name: string;
  parent?: string;
  /** How people write it: 乙市, 乙市. */
  aliases: string[];
}

export interface RegionMention {
  region: RegionInfo;
  /** The words as they stand in the question. */
  text: string;
  index: number;
  /** Read through a typo (淄薄 → 甲市). */
  fuzzy: boolean;
}

// 东关街道 → 东关, 河口镇 → 河口: a street or town is named without its suffix too.
const SUFFIX = /(省|市|区|县|州|盟|旗|街道|镇)$/;

/** The regions the reports speak for, and those they lie in, with the short forms people use. */
export class RegionIndex {
  readonly byName = new Map<string, RegionInfo>();
  private readonly aliases: { alias: string; region: RegionInfo }[] = [];
  /** Aliases by first character, longest first: a question is scanned position by position. */
  private readonly byFirst = new Map<string, { alias: string; region: RegionInfo }[]>();
  private readonly fuzzyCache = new Map<string, RegionInfo | undefined>();
  private readonly aliasSet: Set<string>;

  constructor(regions: { name: string; parent?: string }[]) {
    const add = (name: string, parent?: string) => {
      const existing = this.byName.get(name);
      if (existing) {
        if (parent && !existing.parent) existing.parent = parent;
        return;
      }
      const aliases = [name];
      // 融水苗族自治县 → 融水, 恩施土家族苗族自治州 → 恩施.
      const short = name.replace(/^([\u3400-\u9fff]{2})(?:[\u3400-\u9fff]{1,3}族)+自治(县|州|旗)$/, '$1').replace(SUFFIX, '');
      // 辰区 → 市中 would read "市中心" as a place; short forms must not start with an admin word.
      if (short !== name && short.length >= 2 && !/^(市|区|县|省)/.test(short)) aliases.push(short);
      // (大理州, 融水县: an autonomous area by its place and its kind, as reports write it.)
      const kind = /自治(县|州|旗)$/.exec(name)?.[1];
      if (kind && short !== name && short.length >= 2) aliases.push(short + kind);
      const info: RegionInfo = { name, ...(parent ? { parent } : {}), aliases };
      this.byName.set(name, info);
    };
    for (const r of regions) {
      add(r.name, r.parent);
      if (r.parent) add(r.parent);
    }
    for (const region of this.byName.values()) for (const alias of region.aliases) this.aliases.push({ alias, region });
    this.aliases.sort((a, b) => b.alias.length - a.alias.length);
    this.aliasSet = new Set(this.aliases.map((a) => a.alias));
    for (const a of this.aliases) {
      const list = this.byFirst.get(a.alias[0]!) ?? [];
      list.push(a);
      this.byFirst.set(a.alias[0]!, list);
    }
  }

  /** True when a word is a known region's name or short form. */
  isKnown(word: string): boolean {
    return this.aliasSet.has(word);
  }

  get all(): RegionInfo[] {
    return [...this.byName.values()];
  }

  private readonly descendantCache = new Map<string, string[]>();

  /** A region and every region that lies in it. */
  withDescendants(name: string): string[] {
    let hit = this.descendantCache.get(name);
    if (!hit) {
      hit = [...this.byName.keys()].filter((r) => this.within(r, name));
      this.descendantCache.set(name, hit);
    }
    return hit;
  }

  /** True when `inner` lies in `outer` (or is it). */
  within(inner: string, outer: string): boolean {
    let at: string | undefined = inner;
    for (let depth = 0; at && depth < 5; depth++) {
      if (at === outer) return true;
      at = this.byName.get(at)?.parent;
    }
    return false;
  }

  /**
   * Places in a question: regions named, regions named only as a rank (甲市级…), and places
   * that merely start with a region's name but are other places (某市市区 is not 某市市).
   */
  scan(text: string): { mentions: RegionMention[]; ranks: RegionMention[]; others: string[] } {
    const out: RegionMention[] = [];
    const ranks: RegionMention[] = [];
    const others: string[] = [];
    const taken = new Array<boolean>(text.length).fill(false);
    // Longest names first, as before, but only those whose first character occurs in the text.
    const present = new Set(text);
    const names = [...present].flatMap((c) => this.byFirst.get(c) ?? []).sort((a, b) => b.alias.length - a.alias.length);
    for (const { alias, region } of names) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(alias, from);
        if (at < 0) break;
        from = at + 1;
        const end = at + alias.length;
        if (taken.slice(at, end).some(Boolean)) continue;
        const next = text[end];
        // 某市市级卫生村: a rank of the place, not the place (but 甲市省级… is 甲市 + 省级).
        const ownSuffix = SUFFIX.exec(region.name)?.[1];
        if (next === '级' || (!SUFFIX.test(alias) && next === ownSuffix && text[end + 1] === '级')) {
          ranks.push({ region, text: alias, index: at, fuzzy: false });
          continue;
        }
        if (/市$/.test(alias) && next === '区' && !/^(域|划)/.test(text.slice(end + 1))) {
          others.push(alias + '区');
          for (let i = at; i <= end; i++) taken[i] = true;
          continue;
        }
        for (let i = at; i < end; i++) taken[i] = true;
        out.push({ region, text: alias, index: at, fuzzy: false });
      }
    }
    return { mentions: out.sort((a, b) => a.index - b.index), ranks, others };
  }

  /** A word that is a region's name with one character wrong (淄薄 → 甲市). */
  fuzzy(word: string): RegionInfo | undefined {
    if (word.length < 2) return undefined;
    if (this.fuzzyCache.has(word)) return this.fuzzyCache.get(word);
    const found = this.fuzzySearch(word);
    if (this.fuzzyCache.size > 10_000) this.fuzzyCache.clear();
    this.fuzzyCache.set(word, found);
    return found;
  }

  private fuzzySearch(word: string): RegionInfo | undefined {
    // A name is accepted only with one character wrong in place, the first one right (淄薄 → 甲市,
    // never 北京 → 南京); Fuse ranks those names alone. Searching every name with Fuse for each
    // unknown word made a long question cost milliseconds on a thousand reports.
    const near = this.aliases.filter((a) => oneOff(a.alias, word));
    if (near.length <= 1) return near[0]?.region;
    return new Fuse(near, { keys: ['alias'], includeScore: true, threshold: 0.6, ignoreLocation: true }).search(word, { limit: 1 })[0]?.item.region;
  }
}

/** A name of the word's length and first character, at most one character different in place. */
function oneOff(alias: string, word: string): boolean {
  if (alias.length !== word.length || alias[0] !== word[0]) return false;
  let same = 0;
  for (let i = 0; i < word.length; i++) {
    if (word[i] === alias[i]) same++;
    // (甲县 is no 甲南 mistyped: a kind of place said where a name goes is another place.)
    else if (ADMIN_CHAR.test(word[i]!) || ADMIN_CHAR.test(alias[i]!)) return false;
  }
  return same >= word.length - 1;
}
const ADMIN_CHAR = /[省市县区旗盟州镇乡]/;
