/**
 * A structural validator for Feishu (Lark) card JSON 2.0 ("卡片 JSON 2.0 结构").
 *
 * In JSON 2.0 the server rejects any property it does not know (1.0 ignored them), so a card we
 * build must name only documented properties. The tables below follow the official pages
 * (open.feishu.cn/document/feishu-cards/card-json-v2-structure, .../card-json-v2-components/*,
 * .../configuring-card-interactions, .../configure-multi-language-content,
 * .../card-json-v2-breaking-changes-release-notes). Where a page is unclear we accept the property
 * and say so in a comment: a false alarm here would block a card Feishu takes.
 *
 * validateCardV2 returns one "path: problem" line per error, [] for a valid card.
 */

interface Ctx {
  /** Custom text sizes declared in config.style.text_size, usable wherever text_size is. */
  textSizes: Set<string>;
  /** element_id values seen so far: they must be unique within a card. */
  ids: Set<string>;
}
type Check = (v: unknown, path: string, ctx: Ctx, out: string[]) => void;
interface Required {
  check: Check;
  required: true;
}
/** An object kind: property name → its check (optional) or req(check). */
type Shape = Record<string, Check | Required>;

// ---- basic checks -----------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const at = (path: string, key: string): string => (path ? `${path}.${key}` : key);
const req = (check: Check): Required => ({ check, required: true });

const anyValue: Check = () => {};

/** A string, optionally from a list of values or matching a pattern (either one will do). */
function str(values?: readonly string[], pattern?: RegExp): Check {
  return (v, path, _ctx, out) => {
    if (typeof v !== 'string') return void out.push(`${path}: expected string, got ${typeName(v)}`);
    if (!values && !pattern) return;
    if (values?.includes(v) || pattern?.test(v)) return;
    out.push(`${path}: ${values ? 'unknown' : 'invalid'} value ${JSON.stringify(v)}`);
  };
}

function num(opts: { int?: boolean; min?: number; max?: number; values?: readonly number[] } = {}): Check {
  return (v, path, _ctx, out) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return void out.push(`${path}: expected number, got ${typeName(v)}`);
    const bad =
      (opts.int && !Number.isInteger(v)) ||
      (opts.min !== undefined && v < opts.min) ||
      (opts.max !== undefined && v > opts.max) ||
      (opts.values && !opts.values.includes(v));
    if (bad) out.push(`${path}: invalid value ${v}`);
  };
}

const bool: Check = (v, path, _ctx, out) => {
  if (typeof v !== 'boolean') out.push(`${path}: expected boolean, got ${typeName(v)}`);
};

function literal(value: string | boolean): Check {
  return (v, path, _ctx, out) => {
    if (v !== value) out.push(`${path}: expected ${JSON.stringify(value)}, got ${JSON.stringify(v)}`);
  };
}

function list(item: Check): Check {
  return (v, path, ctx, out) => {
    if (!Array.isArray(v)) return void out.push(`${path}: expected array, got ${typeName(v)}`);
    v.forEach((x, i) => item(x, `${path}[${i}]`, ctx, out));
  };
}

/** An object with free keys (optionally from a list), every value checked the same way. */
function record(value: Check, keys?: readonly string[]): Check {
  return (v, path, ctx, out) => {
    if (!isObject(v)) return void out.push(`${path}: expected object, got ${typeName(v)}`);
    for (const [k, x] of Object.entries(v)) {
      if (keys && !keys.includes(k)) out.push(`${at(path, k)}: unknown key`);
      else value(x, at(path, k), ctx, out);
    }
  };
}

/** An object of a known kind: unknown properties are errors, as they are for the Feishu server. */
function object(shape: Shape, opts: { removed?: Record<string, string>; refine?: (o: Record<string, unknown>, path: string, out: string[]) => void } = {}): Check {
  return (v, path, ctx, out) => {
    if (!isObject(v)) return void out.push(`${path || '(card)'}: expected object, got ${typeName(v)}`);
    for (const [key, field] of Object.entries(shape)) {
      const { check, required } = typeof field === 'function' ? { check: field, required: false } : field;
      if (v[key] === undefined) {
        if (required) out.push(`${at(path, key)}: required property missing`);
      } else check(v[key], at(path, key), ctx, out);
    }
    for (const key of Object.keys(v)) {
      if (Object.hasOwn(shape, key)) continue;
      const why = opts.removed && Object.hasOwn(opts.removed, key) ? opts.removed[key] : undefined;
      out.push(`${at(path, key)}: ${why ?? 'unknown property'}`);
    }
    opts.refine?.(v, path, out);
  };
}

/** Dispatch on a discriminator (an element's tag, a behavior's type) to the matching kind. */
function byKey(key: string, kinds: () => Record<string, Check>, opts: { what: string; removed?: Record<string, string>; opaque?: readonly string[] }): Check {
  return (v, path, ctx, out) => {
    if (!isObject(v)) return void out.push(`${path}: expected object, got ${typeName(v)}`);
    const k = v[key];
    const p = at(path, key);
    if (k === undefined) return void out.push(`${p}: required property missing`);
    if (typeof k !== 'string') return void out.push(`${p}: expected string, got ${typeName(k)}`);
    const kind = Object.hasOwn(kinds(), k) ? kinds()[k] : undefined;
    if (kind) return kind(v, path, ctx, out);
    if (opts.removed && Object.hasOwn(opts.removed, k)) return void out.push(`${p}: ${opts.removed[k]}`);
    if (opts.opaque?.includes(k)) return; // documented 2.0 kind we do not model: let it through
    out.push(`${p}: unknown ${opts.what} ${JSON.stringify(k)}`);
  };
}

// ---- value sets (from the official pages) -----------------------------------------------------

const LOCALES = ['zh_cn', 'en_us', 'ja_jp', 'zh_hk', 'zh_tw', 'id_id', 'vi_vn', 'th_th', 'pt_br', 'es_es', 'ko_kr', 'de_de', 'fr_fr', 'it_it', 'ru_ru', 'ms_my'] as const;
const TEXT_SIZES = ['heading-0', 'heading-1', 'heading-2', 'heading-3', 'heading-4', 'heading', 'normal', 'notation', 'xxxx-large', 'xxx-large', 'xx-large', 'x-large', 'large', 'medium', 'small', 'x-small'] as const;
const TEMPLATES = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default'] as const;
const TAG_COLORS = ['neutral', 'blue', 'turquoise', 'lime', 'orange', 'violet', 'indigo', 'wathet', 'green', 'yellow', 'red', 'purple', 'carmine'] as const;
const H_ALIGN = ['left', 'center', 'right'] as const;
const V_ALIGN = ['top', 'center', 'bottom'] as const;
const DIRECTION = ['vertical', 'horizontal'] as const;
const BUTTON_TYPES = ['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'] as const;

const PX = /^\d+px$/;
/** margin/padding: one to four lengths, e.g. "12px", "4px 0", "4px 0 4px 0" (0 may omit the unit). */
const BOX = /^-?\d+(px)?( -?\d+(px)?){0,3}$/;
/** horizontal/vertical spacing. "default" and "" are not in the value list but appear in the
 * official column_set examples, so they are accepted. */
const spacing = str(['small', 'medium', 'large', 'extra_large', 'default'], /^(\d+px)?$/);
const box = str(undefined, BOX);

const textSize: Check = (v, path, ctx, out) => {
  if (typeof v === 'string' && ctx.textSizes.has(v)) return; // a config.style.text_size name
  str(TEXT_SIZES)(v, path, ctx, out);
};

const elementId: Check = (v, path, ctx, out) => {
  // Letters, digits and underscores, starting with a letter, at most 20 characters; unique per card.
  str(undefined, /^[A-Za-z][A-Za-z0-9_]{0,19}$/)(v, path, ctx, out);
  if (typeof v !== 'string') return;
  if (ctx.ids.has(v)) out.push(`${path}: duplicate element_id ${JSON.stringify(v)}`);
  ctx.ids.add(v);
};

const i18nText = record(str(), LOCALES);
const url = str();
const multiUrl = object({ url, pc_url: url, ios_url: url, android_url: url });

// ---- text objects and icons -------------------------------------------------------------------

/** header.title / header.subtitle. content may be left out when i18n_content is given. */
const headerText = object({
  tag: req(str(['plain_text', 'lark_md'])),
  content: str(),
  i18n_content: i18nText,
  // Uncertain: `i18n` belongs to the 1.0 global multi-language header; kept because the
  // multi-language page still shows it on header titles.
  i18n: i18nText,
});

/** Fixed plain_text objects: button text, hover/disabled tips, confirm dialogs, text_tag text.
 * element_id: the 2.0 structure page gives it to text elements as well as components. */
const plainText = object({ tag: req(literal('plain_text')), content: req(str()), i18n_content: i18nText, element_id: elementId });

/** div.text and div.fields[].text. */
const divText = object({
  tag: req(str(['plain_text', 'lark_md'])),
  content: req(str()),
  i18n_content: i18nText,
  text_size: textSize,
  text_color: str(), // "default", a colour name, or a config.style.color name
  text_align: str(H_ALIGN),
  lines: num({ int: true, min: 1 }),
  element_id: elementId,
});

const iconShape: Shape = {
  tag: str(['standard_icon', 'custom_icon']),
  token: str(),
  color: str(),
  img_key: str(),
  i18n_img_key: i18nText, // the multi-language page lists icon img_key as localisable
};
const icon = object(iconShape);

const textTag = object({ tag: req(literal('text_tag')), element_id: elementId, text: plainText, color: str(TAG_COLORS) });

// ---- card level -------------------------------------------------------------------------------

const perPlatform = object({ default: num({ min: 0 }), android: num({ min: 0 }), ios: num({ min: 0 }), pc: num({ min: 0 }) });

const config = object({
  streaming_mode: bool,
  streaming_config: object({ print_frequency_ms: perPlatform, print_step: perPlatform, print_strategy: str(['fast', 'delay']) }),
  summary: object({ content: str(), i18n_content: i18nText }),
  locales: list(str(LOCALES)),
  enable_forward: bool,
  update_multi: literal(true), // JSON 2.0 only supports shared cards for now
  width_mode: str(['default', 'compact', 'fill']),
  use_custom_translation: bool,
  enable_forward_interaction: bool,
  style: object({
    text_size: record(object({ default: str(TEXT_SIZES), pc: str(TEXT_SIZES), mobile: str(TEXT_SIZES) })),
    color: record(object({ light_mode: str(), dark_mode: str() })),
  }),
});

const cardLink = object(
  { url, pc_url: url, ios_url: url, android_url: url },
  {
    // Either a default url, or all three platform urls.
    refine: (o, path, out) => {
      if (o.url === undefined && (o.pc_url === undefined || o.ios_url === undefined || o.android_url === undefined)) {
        out.push(`${path}: needs url, or all of pc_url, ios_url and android_url`);
      }
    },
  },
);

const header = object(
  {
    title: req(headerText),
    subtitle: headerText,
    text_tag_list: list(textTag),
    i18n_text_tag_list: record(list(textTag), LOCALES),
    template: str(TEMPLATES),
    icon,
    padding: box,
  },
  { removed: { ud_icon: 'card JSON 1.0 property; use icon with tag "standard_icon"' } },
);

/** Layout properties shared by body and the containers that hold elements. */
const layout: Shape = {
  direction: str(DIRECTION),
  padding: box,
  horizontal_spacing: spacing,
  vertical_spacing: spacing,
  horizontal_align: str(H_ALIGN),
  vertical_align: str(V_ALIGN),
  elements: list(element),
};

const body = object(layout);

// ---- components -------------------------------------------------------------------------------

/** Every 2.0 component takes these. */
const common: Shape = { tag: req(anyValue), element_id: elementId, margin: box };

const markdown = object(
  { ...common, content: req(str()), i18n_content: i18nText, text_size: textSize, text_align: str(H_ALIGN), icon },
  { removed: { href: 'removed in card JSON 2.0; use <link> in content' } },
);

const div = object({
  ...common,
  width: str(['fill', 'auto'], PX),
  text: divText,
  icon,
  // fields is missing from the 2.0 property table but used in the official 2.0 div example.
  fields: list(object({ is_short: bool, text: req(divText) })),
});

const hr = object(common);

const column = object({
  ...layout,
  tag: req(literal('column')),
  element_id: elementId,
  margin: box,
  background_style: str(),
  width: str(['auto', 'weighted'], PX),
  weight: num({ int: true, min: 1, max: 5 }),
  action: object({ multi_url: multiUrl }),
});

const columnSet = object({
  ...common,
  horizontal_spacing: spacing,
  horizontal_align: str(H_ALIGN),
  flex_mode: str(['none', 'stretch', 'flow', 'bisect', 'trisect']),
  background_style: str(),
  action: object({ multi_url: multiUrl }),
  columns: req(list(column)),
});

const behavior = byKey(
  'type',
  () => ({
    open_url: object({ type: req(anyValue), default_url: req(url), android_url: url, ios_url: url, pc_url: url }),
    callback: object({ type: req(anyValue), value: req(record(anyValue)) }),
    // Uncertain: form_action is not on the interactions page; it appears in the interactive
    // container docs (and the open-lark SDK) as { type: "form_action", behavior: "submit" }.
    form_action: object({ type: req(anyValue), behavior: str(['submit', 'reset']) }),
  }),
  { what: 'behavior type' },
);

const button = object({
  ...common,
  type: str(BUTTON_TYPES),
  size: str(['tiny', 'small', 'medium', 'large']),
  width: str(['default', 'fill'], PX),
  text: plainText,
  icon,
  hover_tips: plainText,
  disabled: bool,
  disabled_tips: plainText,
  confirm: object({ title: req(plainText), text: req(plainText) }),
  // The table marks behaviors required, yet official examples omit it (a button calls back by
  // default), so it stays optional.
  behaviors: list(behavior),
  // Only for buttons inside a form container.
  name: str(),
  form_action_type: str(['submit', 'reset']),
  // Uncertain: value and url are not in the 2.0 table but appear in the official 2.0 button example.
  value: anyValue,
  url,
});

const collapsiblePanel = object({
  ...common,
  ...layout,
  expanded: bool,
  background_color: str(),
  header: req(
    object({
      title: object({ tag: req(str(['plain_text', 'markdown'])), content: str(), i18n_content: i18nText }),
      background_color: str(),
      vertical_align: str(V_ALIGN),
      padding: box,
      // Uncertain: position is in the page's JSON example only; margin in the 2.0 release notes only.
      position: str(),
      margin: box,
      width: str(['fill', 'auto', 'auto_when_fold']),
      icon: object({ ...iconShape, size: str() }),
      icon_position: str(['left', 'right', 'follow_text']),
      icon_expanded_angle: num({ values: [-180, -90, 90, 180] }),
    }),
  ),
  border: object({ color: str(), corner_radius: str() }),
});

/**
 * The chart component (…/card-json-v2-components/content-components/chart): a VChart spec in
 * chart_spec. The spec itself is VChart's, not Feishu's; checked here is what the page demands of
 * it (an object with a type, no JavaScript) and, for the line and bar charts we send, the fields
 * VChart needs to draw anything (data values and the x and y fields they hold).
 */
const CHART_TYPES = ['line', 'area', 'bar', 'pie', 'scatter', 'wordCloud', 'radar', 'funnel', 'rose', 'circularProgress', 'linearProgress', 'gauge', 'heatmap', 'sankey', 'treemap', 'waterfall', 'boxPlot', 'histogram', 'common'] as const;
const chartSpec: Check = (v, path, _ctx, out) => {
  if (!isObject(v)) return void out.push(`${path}: expected object, got ${typeName(v)}`);
  if (!CHART_TYPES.includes(v.type as (typeof CHART_TYPES)[number])) out.push(`${at(path, 'type')}: unknown chart type ${JSON.stringify(v.type)}`);
  if (/function\s*\(|=>/.test(JSON.stringify(v))) out.push(`${path}: JavaScript is not supported in chart_spec`);
  if (v.type !== 'line' && v.type !== 'bar') return;
  const data = Array.isArray(v.data) ? v.data : [v.data];
  const values = data.flatMap((d) => (isObject(d) && Array.isArray(d.values) ? d.values : []));
  if (!values.length) out.push(`${at(path, 'data')}: no data values`);
  for (const field of ['xField', 'yField'] as const) {
    const name = v[field];
    if (typeof name !== 'string' && !(Array.isArray(name) && name.every((x) => typeof x === 'string'))) out.push(`${at(path, field)}: required for a ${String(v.type)} chart`);
    else for (const [i, row] of values.entries()) for (const n of [name].flat()) if (!isObject(row) || !(n in row)) out.push(`${at(path, 'data')}.values[${i}]: no field ${n}`);
  }
};
const chart = object({
  ...common,
  chart_spec: req(chartSpec),
  aspect_ratio: str(['1:1', '2:1', '4:3', '16:9']),
  color_theme: str(['brand', 'rainbow', 'complementary', 'converse', 'primary']),
  preview: bool,
  height: str(['auto'], /^([1-9]\d{0,2})px$/),
});

const COMPONENTS: Record<string, Check> = { markdown, div, hr, column_set: columnSet, button, collapsible_panel: collapsiblePanel, chart };

/** Documented 2.0 components this validator does not model: only their tag is checked. */
const OPAQUE = [
  'img', 'img_combination', 'person', 'person_list', 'table', 'audio', 'form', 'interactive_container',
  'input', 'overflow', 'select_static', 'multi_select_static', 'select_person', 'multi_select_person',
  'date_picker', 'picker_time', 'picker_datetime', 'select_img', 'checker',
] as const;

const elementCheck = byKey('tag', () => COMPONENTS, {
  what: 'component',
  opaque: OPAQUE,
  removed: {
    note: 'the note component is card JSON 1.0 only; use a div with text_size "notation"',
    action: 'the action module is card JSON 1.0 only; put buttons directly in elements',
  },
});

// A function declaration so the recursive tables above can refer to it before it is defined.
function element(v: unknown, path: string, ctx: Ctx, out: string[]): void {
  elementCheck(v, path, ctx, out);
}

const card = object(
  {
    schema: req(literal('2.0')),
    config,
    card_link: cardLink,
    header,
    body,
    // Uncertain: the structure page omits fallback and the release notes say 2.0 does not support
    // custom fallback rules, yet their 2.0 skeleton still lists "fallback": {}.
    fallback: record(anyValue),
  },
  {
    removed: {
      elements: 'card JSON 1.0 property; put components in body.elements',
      i18n_elements: 'card JSON 1.0 property; use i18n_content on components',
      i18n_header: 'card JSON 1.0 property; use i18n_content on header texts',
    },
  },
);

/** Errors in a card JSON 2.0 object, each "path: problem"; [] when the card is valid. */
export function validateCardV2(input: unknown): string[] {
  const out: string[] = [];
  const sizes = isObject(input) && isObject(input.config) && isObject(input.config.style) && isObject(input.config.style.text_size) ? Object.keys(input.config.style.text_size) : [];
  card(input, '', { textSizes: new Set(sizes), ids: new Set() }, out);
  return out;
}
