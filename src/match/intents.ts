import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseYaml } from '../text/yaml.js';
import { matchKey, normalizeText } from '../text/normalize.js';
import { Catalogue, parseCatalogue } from '../catalogue/indicators.js';
import { makeSynonyms, parseSynonyms, type Synonyms } from './synonyms.js';

const IntentSchema = z.object({
  description: z.string().optional(),
  admin: z.boolean().optional(),
  commands: z.array(z.string()).optional(),
  examples: z.array(z.string()).optional(),
  markers: z.array(z.string()).optional(),
});

const IntentsFileSchema = z.object({
  intents: z.record(z.string(), IntentSchema),
  question_words: z.object({
    date: z.array(z.string()),
    what: z.array(z.string()),
    figure: z.array(z.string()),
    prefers: z.record(z.string(), z.array(z.string())).default({}),
    asks: z.record(z.string(), z.array(z.string())).default({}),
  }),
  filler: z.array(z.string()).default([]),
  generic: z.array(z.string()).default([]),
  qualifiers: z.array(z.string()).default([]),
  narrowing: z.array(z.string()).default([]),
  paraphrases: z.array(z.object({ say: z.string(), means: z.string() })).default([]),
  opposites: z.array(z.tuple([z.string(), z.string()])).default([]),
  splits: z.array(z.object({ groups: z.tuple([z.string(), z.string()]), say: z.array(z.string()).min(1) }).strict()).default([]),
  across: z
    .object({
      compare: z.array(z.string()).default([]),
      compare_low: z.array(z.string()).default([]),
      list_verbs: z.array(z.string()).default([]),
      trend: z.array(z.string()).default([]),
      rank_high: z.array(z.string()).default([]),
      rank_low: z.array(z.string()).default([]),
      rank_top: z.array(z.string()).default([]),
      rank_which: z.array(z.string()).default([]),
      browse: z.array(z.string()).default([]),
      browse_which: z.array(z.string()).default([]),
      browse_nouns: z.array(z.string()).default([]),
      calc: z
        .object({ diff: z.array(z.string()).default([]), amount: z.array(z.string()).default([]), pct: z.array(z.string()).default([]), share: z.array(z.string()).default([]), grow: z.array(z.string()).default([]), times: z.array(z.string()).default([]), over_target: z.array(z.string()).default([]) })
        .strict()
        .default({ diff: [], amount: [], pct: [], share: [], grow: [], times: [], over_target: [] }),
      leftover: z.array(z.string()).default([]),
      leftover_phrases: z.array(z.string()).default([]),
    })
    .strict()
    .optional(),
});

/** The words that make a question one about several figures (intents.yaml `across`), longest first. */
export interface AcrossMarkers {
  compare: string[];
  /** Verbs a list's item names start after (全市有三级医院14个). */
  listVerbs: ReadonlySet<string>;
  /** Words in a comparison's marker that ask for the lower figure first (哪个少). */
  compareLow: string[];
  trend: string[];
  rankHigh: string[];
  rankLow: string[];
  rankTop: string[];
  rankWhich: string[];
  browse: string[];
  /** A which-word (啥) straight before a word for figures (数) asks to browse: 通报了啥数. */
  browseWhich: ReadonlySet<string>;
  browseNouns: ReadonlySet<string>;
  /** `amount`: the difference markers that ask for an amount, never a percentage (多了多少, not 增长了多少). */
  calc: { diff: string[]; amount: string[]; pct: string[]; share: string[]; grow: string[]; times: string[]; overTarget: string[] };
  leftover: ReadonlySet<string>;
  /** Phrases taken out of a question across facts before it is cut into words (从哪年到哪年). */
  leftoverPhrases: string[];
}

export type IntentName = string;

export interface IntentDef {
  name: IntentName;
  description: string;
  admin: boolean;
  commands: string[];
  examples: string[];
  markers: string[];
}

/** Everything in intents/, parsed and normalized the way questions will be. */
export interface Intents {
  defs: ReadonlyMap<IntentName, IntentDef>;
  questionWords: { date: string[]; what: string[]; figure: string[]; prefers: Record<string, string[]>; asks: Record<string, string[]> };
  filler: ReadonlySet<string>;
  generic: ReadonlySet<string>;
  qualifiers: string[];
  /** Words that narrow who or what is counted (民营, 农村, 65岁以上): a figure must say them too. */
  narrowing: Set<string>;
  synonyms: Synonyms;
  /** How people say an indicator in chat (住一次院平均花多少钱), in the reports' words. */
  paraphrases: { say: RegExp; means: string }[];
  /** Words of a pair one figure never means both of (收入/支出): asked one, a figure of the other is no answer. */
  opposites: [string, string][];
  /** Groups a figure is given for apart (男性/女性): a question naming both (男女各多少) compares them. */
  splits: Split[];
  /** The indicator catalogue of indicators.yaml. */
  catalogue: Catalogue;
  across: AcrossMarkers;
  userWords: { word: string; freq?: number; tag?: string }[];
}

/** Two groups one figure is split into, and the ways a question names both at once (longest first). */
export interface Split {
  groups: [string, string];
  say: string[];
}

export class IntentsError extends Error {}

/** Reads intents/: intents.yaml, synonyms.txt and userdict.txt. Throws IntentsError naming the file. */
export async function loadIntents(dir: string): Promise<Intents> {
  const read = async (name: string, optional = false) => {
    try {
      return await readFile(join(dir, name), 'utf8');
    } catch (err) {
      if (optional) return '';
      throw new IntentsError(`${name}: cannot read (${(err as Error).message}); intents/ needs it`);
    }
  };
  const yamlText = await read('intents.yaml');
  let data: z.infer<typeof IntentsFileSchema>;
  try {
    data = IntentsFileSchema.parse(parseYaml(yamlText));
  } catch (err) {
    const detail = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message;
    throw new IntentsError(`intents.yaml: ${detail}`);
  }
  const { table, errors } = parseSynonyms(await read('synonyms.txt', true));
  if (errors.length) throw new IntentsError(`synonyms.txt: ${errors.join('; ')}`);
  const synonyms = makeSynonyms(table, matchKey);
  // The catalogue's forms are compared in the same form questions and reports are.
  const synonymsOf = (x: string) => synonyms.apply(matchKey(x));
  let catalogue: Catalogue;
  try {
    catalogue = parseCatalogue(await read('indicators.yaml', true), (x) => synonymsOf(x));
  } catch (err) {
    throw new IntentsError(`indicators.yaml: ${(err as Error).message}`);
  }
  const userWords = (await read('userdict.txt', true))
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((l) => {
      const [word, freq, tag] = l.split(/\s+/);
      return { word: normalizeText(word!), ...(freq ? { freq: Number(freq) } : {}), ...(tag ? { tag } : {}) };
    });

  const n = (xs: string[] | undefined) => (xs ?? []).map((x) => matchKey(x));
  const defs = new Map<IntentName, IntentDef>();
  for (const [name, def] of Object.entries(data.intents)) {
    defs.set(name, {
      name,
      description: def.description ?? name,
      admin: def.admin ?? false,
      commands: (def.commands ?? []).map((c) => c.trim().toLowerCase()),
      examples: n(def.examples),
      markers: n(def.markers),
    });
  }
  const qw = data.question_words;
  return {
    defs,
    // Longest first: 是多少 is taken before 多少.
    questionWords: {
      date: longestFirst(n(qw.date)),
      what: longestFirst(n(qw.what)),
      figure: longestFirst(n(qw.figure)),
      prefers: Object.fromEntries(Object.entries(qw.prefers).map(([k, v]) => [k, n(v)])),
      asks: Object.fromEntries(Object.entries(qw.asks).map(([k, v]) => [k, n(v)])),
    },
    filler: new Set(n(data.filler)),
    generic: new Set(n(data.generic)),
    qualifiers: n(data.qualifiers),
    narrowing: new Set(n(data.narrowing)),
    paraphrases: compileParaphrases(data.paraphrases),
    opposites: data.opposites.map(([a, b]) => [synonymsOf(a), synonymsOf(b)] as [string, string]),
    splits: data.splits.map((x) => ({ groups: [matchKey(x.groups[0]), matchKey(x.groups[1])] as [string, string], say: longestFirst(n(x.say)) })),
    synonyms,
    catalogue,
    across: acrossMarkers(data.across, n),
    userWords,
  };
}

function acrossMarkers(a: z.infer<typeof IntentsFileSchema>['across'], n: (xs: string[]) => string[]): AcrossMarkers {
  const l = (xs: string[] | undefined) => longestFirst(n(xs ?? []));
  return {
    compare: l(a?.compare),
    compareLow: l(a?.compare_low),
    listVerbs: new Set(n(a?.list_verbs ?? [])),
    trend: l(a?.trend),
    rankHigh: l(a?.rank_high),
    rankLow: l(a?.rank_low),
    rankTop: l(a?.rank_top),
    rankWhich: l(a?.rank_which),
    browse: l(a?.browse),
    browseWhich: new Set(n(a?.browse_which ?? [])),
    browseNouns: new Set(n(a?.browse_nouns ?? [])),
    calc: { diff: l(a?.calc.diff), amount: l(a?.calc.amount), pct: l(a?.calc.pct), share: l(a?.calc.share), grow: l(a?.calc.grow), times: l(a?.calc.times), overTarget: l(a?.calc.over_target) },
    leftover: new Set(n(a?.leftover ?? [])),
    leftoverPhrases: l(a?.leftover_phrases),
  };
}

/** Compiles intents.yaml's paraphrases; a pattern that does not compile is named. */
function compileParaphrases(list: { say: string; means: string }[]): Intents['paraphrases'] {
  return list.map(({ say, means }, i) => {
    try {
      return { say: new RegExp(say, 'g'), means: matchKey(means) };
    } catch (err) {
      throw new IntentsError(`intents.yaml: paraphrases[${i}] (${say}): ${(err as Error).message}`);
    }
  });
}

/** The question with each chat phrasing replaced by the reports' words for it. */
export function applyParaphrases(key: string, paraphrases: Intents['paraphrases']): string {
  let out = key;
  for (const p of paraphrases) out = out.replace(p.say, p.means);
  return out;
}

function longestFirst(words: string[]): string[] {
  return [...words].sort((a, b) => b.length - a.length);
}
