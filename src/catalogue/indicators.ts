import { z } from 'zod';
import { parseYaml } from '../text/yaml.js';

/**
 * The indicator catalogue of intents/indicators.yaml: the standard indicators of health
 * statistics, each with the ways reports and people write it. Data, not code: an admin adds an
 * alias there, and a mistake in the file is a load error that names the indicator.
 */
const UNITS = ['count', 'person', 'visit', 'money', 'area', 'duration', 'percent', 'multiple', 'rate'] as const;
const TOPICS = ['resources', 'staff', 'services', 'efficiency', 'cost', 'public_health', 'maternal_child', 'disease', 'insurance', 'planning', 'health_outcome'] as const;

const IndicatorSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'id is ASCII snake_case'),
    name: z.string().min(2),
    aliases: z.array(z.string().min(2)).default([]),
    unit: z.enum(UNITS),
    topic: z.enum(TOPICS),
    part_of: z.string().optional(),
    said_for: z.string().optional(),
  })
  .strict();
const CatalogueFileSchema = z.object({ indicators: z.array(IndicatorSchema) }).strict();

export interface Indicator {
  id: string;
  name: string;
  aliases: string[];
  unit: (typeof UNITS)[number];
  topic: (typeof TOPICS)[number];
  partOf?: string;
  /** 门诊量 is said for 门急诊人次 too: the indicator staff mean by this one's words when a report has only that. */
  saidFor?: string;
}

export interface IndicatorMention {
  indicator: Indicator;
  /** The words as they stand in the text. */
  text: string;
  index: number;
}

// 门诊量, 门诊人次: a form that counts (not 门诊患者 of 门诊患者满意度).
const VOLUME_END = /(?:量|人次|人数)$/;

export class Catalogue {
  readonly byId = new Map<string, Indicator>();
  /** Every written form, longest first, with its indicator. */
  private readonly forms: { form: string; indicator: Indicator }[] = [];
  /** Forms by their first character, longest first: a text is scanned position by position. */
  private readonly byFirst = new Map<string, { form: string; indicator: Indicator }[]>();
  private readonly byForm = new Map<string, Indicator>();
  private readonly formsById = new Map<string, string[]>();
  private readonly findCache = new Map<string, IndicatorMention[]>();
  private readonly holdingCache = new Map<string, { form: string; id: string }[]>();

  constructor(indicators: Indicator[], normalize: (s: string) => string = (s) => s) {
    for (const ind of indicators) {
      this.byId.set(ind.id, ind);
      for (const form of [ind.name, ...ind.aliases]) this.forms.push({ form: normalize(form), indicator: ind });
    }
    this.forms.sort((a, b) => b.form.length - a.form.length);
    for (const f of this.forms) {
      const list = this.byFirst.get(f.form[0]!) ?? [];
      list.push(f);
      this.byFirst.set(f.form[0]!, list);
      if (!this.byForm.has(f.form)) this.byForm.set(f.form, f.indicator);
      this.formsById.set(f.indicator.id, [...(this.formsById.get(f.indicator.id) ?? []), f.form]);
    }
  }

  /** Indicators named in a text, longest form first, none overlapping another. */
  find(text: string): readonly IndicatorMention[] {
    const hit = this.findCache.get(text);
    if (hit) return hit;
    const taken = new Uint8Array(text.length);
    const found: IndicatorMention[] = [];
    // Longest forms first over the whole text, as one pass would: candidates are the forms that
    // start with a character of the text.
    // Where each form stands, found in one pass over the text (searching the whole text for each
    // candidate form cost forms × length on a long question).
    const places = new Map<string, number[]>();
    for (let at = 0; at < text.length; at++) {
      for (const { form } of this.byFirst.get(text[at]!) ?? []) {
        if (!text.startsWith(form, at)) continue;
        const list = places.get(form);
        if (list) list.push(at);
        else places.set(form, [at]);
      }
    }
    const candidates = [...new Set(text)].flatMap((c) => (this.byFirst.get(c) ?? []).filter((f) => places.has(f.form))).sort((a, b) => b.form.length - a.form.length);
    for (const { form, indicator } of candidates) {
      for (const at of places.get(form) ?? []) {
        if (taken.subarray(at, at + form.length).some((x) => x === 1)) continue;
        taken.fill(1, at, at + form.length);
        found.push({ indicator, text: form, index: at });
      }
    }
    const out = found.sort((a, b) => a.index - b.index);
    if (this.findCache.size > 20_000) this.findCache.clear();
    this.findCache.set(text, out);
    return out;
  }

  /** The indicator a word is a written form of. */
  indicatorOf(word: string): Indicator | undefined {
    return this.byForm.get(word);
  }

  /** Every way an indicator is written, its name first. */
  formsOf(id: string): string[] {
    return this.formsById.get(id) ?? [];
  }

  /** The indicator and every indicator it is a part of, innermost first. */
  lineage(id: string): string[] {
    const out: string[] = [];
    for (let at: string | undefined = id; at && out.length < 8 && !out.includes(at); at = this.byId.get(at)?.partOf) out.push(at);
    return out;
  }

  /** Forms of indicators that hold `part` inside a longer name (乡村医生 holds 医生). */
  formsHolding(part: string): { form: string; id: string }[] {
    let hit = this.holdingCache.get(part);
    if (!hit) {
      hit = this.forms.filter((f) => f.form !== part && f.form.includes(part)).map((f) => ({ form: f.form, id: f.indicator.id }));
      if (this.holdingCache.size > 10_000) this.holdingCache.clear();
      this.holdingCache.set(part, hit);
    }
    return hit;
  }

  /** True when some indicator is a part of this one (乙类传染病 of its diseases); false for a leaf. */
  hasParts(id: string): boolean {
    this.wholes ??= new Set([...this.byId.values()].map((i) => i.partOf).filter((w): w is string => !!w));
    return this.wholes.has(id);
  }
  private wholes: Set<string> | undefined;

  /**
   * The forms of a volume (门诊量, 门诊人次) said loosely for a wider indicator, longest first, each
   * with that indicator's name: what a question asks when the reports give only the wider figure.
   */
  looseForms(): { form: string; wider: string }[] {
    return (this.loose ??= this.forms.flatMap(({ form, indicator }) => {
      const wider = indicator.saidFor ? this.byId.get(indicator.saidFor) : undefined;
      return wider && VOLUME_END.test(form) ? [{ form, wider: wider.name }] : [];
    }));
  }
  private loose: { form: string; wider: string }[] | undefined;

  /** True when `inner` is `outer` or one of its parts, at any depth. */
  partOf(inner: string, outer: string): boolean {
    return this.lineage(inner).includes(outer);
  }
}

/** Reads the catalogue's YAML; throws with every problem found, each naming its indicator. */
export function parseCatalogue(yamlText: string, normalize?: (s: string) => string): Catalogue {
  if (!yamlText.trim()) return new Catalogue([], normalize);
  const parsed = CatalogueFileSchema.safeParse(parseYaml(yamlText));
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const problems: string[] = [];
  const ids = new Set<string>();
  const owner = new Map<string, string>();
  for (const ind of parsed.data.indicators) {
    if (ids.has(ind.id)) problems.push(`${ind.id}: id used twice`);
    ids.add(ind.id);
    for (const form of new Set([ind.name, ...ind.aliases])) {
      const other = owner.get(form);
      if (other && other !== ind.id) problems.push(`${ind.id}: "${form}" is written for ${other} too`);
      owner.set(form, ind.id);
    }
  }
  for (const ind of parsed.data.indicators) {
    if (ind.part_of && !ids.has(ind.part_of)) problems.push(`${ind.id}: part_of ${ind.part_of} is no indicator`);
    if (ind.said_for && !ids.has(ind.said_for)) problems.push(`${ind.id}: said_for ${ind.said_for} is no indicator`);
  }
  if (problems.length) throw new Error(problems.join('; '));
  return new Catalogue(
    parsed.data.indicators.map(({ part_of, said_for, ...rest }) => ({ ...rest, ...(part_of ? { partOf: part_of } : {}), ...(said_for ? { saidFor: said_for } : {}) })),
    normalize,
  );
}
