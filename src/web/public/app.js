// factbot's local page: ask questions and see each answer as a Feishu card and as a WeCom
// message, browse the reports with every extracted fact highlighted, filter the facts, and see
// why a question matched what it did. Plain ES module, no build step, no network but this server.
//
// Everything the server sends (answers, report text, titles) is data: it is inserted as text
// nodes or attribute values only, never as HTML.

const KIND_LABELS = { figure: '数值', date: '日期', statement: '表述' };
const REPORT_PATH = /^\/reports\/([^/]+)\/?$/;

// ---------------------------------------------------------------------------------------------
// Small helpers

const $ = (sel, root = document) => root.querySelector(sel);

/** Makes an element: attributes are set as attributes or properties, children as text nodes. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = String(v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  add(el, children);
  return el;
}

/** Appends children: nodes as they are, anything else as text (never parsed as HTML). */
function add(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c === undefined || c === null || c === false || c === '') continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces an element's children (nodes, text, arrays of them). */
function fill(el, ...children) {
  el.replaceChildren();
  return add(el, children);
}

/** A class-name-safe token from a server value (a colour name), or ''. */
const token = (v) => (typeof v === 'string' && /^[a-z][a-z0-9_-]{0,30}$/i.test(v) ? v.toLowerCase() : '');

/** Text of a Feishu text object ({tag, content}) or a plain string. */
const textOf = (t) => (typeof t === 'string' ? t : t && typeof t.content === 'string' ? t.content : '');

/** Pages of a long report the page loads (500 paragraphs each). */
const MAX_REPORT_PAGES = 20;

async function api(path, body) {
  const init = body === undefined ? { headers: { accept: 'application/json' } } : { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = new Error(res.status === 404 ? '没有找到' : (data && typeof data.error === 'string' && data.error) || `服务器返回 ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return data;
}

function newChatId() {
  try {
    return `page-${crypto.randomUUID()}`;
  } catch {
    // crypto.randomUUID needs a secure context (http on a LAN address is not one).
    return `page-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  }
}

const shortTitle = (t, n = 28) => ([...t].length > n ? [...t].slice(0, n - 1).join('') + '…' : t);

/** The report id a link points at, when it is this page's /reports/<file>. */
function reportIdOfUrl(url) {
  try {
    const u = new URL(url, location.href);
    const m = REPORT_PATH.exec(u.pathname);
    return m ? decodeURIComponent(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** A link: reports open in this page; other http(s) links open in a new tab; anything else is text. */
function link(url, children, cls = '', focus = undefined) {
  const id = reportIdOfUrl(url);
  let href;
  try {
    const u = new URL(url, location.href);
    if (u.protocol === 'http:' || u.protocol === 'https:') href = u.href;
  } catch {
    href = undefined;
  }
  if (!href) return h('span', { class: cls }, children);
  if (id) {
    return h('a', { class: `${cls} report-link`, href: `/reports/${encodeURIComponent(id)}`, title: '在本页打开原文', onclick: (e) => { e.preventDefault(); openReport(id, { focus }); } }, children);
  }
  return h('a', { class: cls, href, target: '_blank', rel: 'noopener noreferrer' }, children);
}

// ---------------------------------------------------------------------------------------------
// Markdown: the small subsets Feishu cards and WeCom messages use

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Feishu card markdown writes * _ ~ ` [ ] < > as &#NN; to show them as they are. */
function decodeEntities(s) {
  return s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,5});/gi, (all, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

const INLINE = /\*\*(.+?)\*\*|<font\s+color\s*=\s*["']?([#\w-]+)["']?\s*>([\s\S]*?)<\/font>|\[([^\]\n]+)\]\(([^)\s]+)\)|~~(.+?)~~|`([^`\n]+)`/;

/** Inline markdown (bold, font colour, links, strike, code) as nodes; the rest is text. */
function inline(src, opts) {
  const text = (s) => document.createTextNode(opts.entities ? decodeEntities(s) : s);
  const out = [];
  let rest = src;
  for (let guard = 0; rest && guard < 2000; guard++) {
    const m = INLINE.exec(rest);
    if (!m) break;
    if (m.index > 0) out.push(text(rest.slice(0, m.index)));
    if (m[1] !== undefined) out.push(h('strong', null, inline(m[1], opts)));
    else if (m[2] !== undefined) {
      const color = m[2];
      const el = h('span', { class: token(color) ? `font font-${token(color)}` : 'font' }, inline(m[3], opts));
      if (/^#[0-9a-f]{3,8}$/i.test(color)) el.style.color = color;
      out.push(el);
    } else if (m[4] !== undefined) out.push(link(opts.entities ? decodeEntities(m[5]) : m[5], inline(m[4], opts), 'md-link'));
    else if (m[6] !== undefined) out.push(h('del', null, inline(m[6], opts)));
    else if (m[7] !== undefined) out.push(h('code', null, text(m[7])));
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) out.push(text(rest));
  return out;
}

/**
 * Block markdown: one line per line, "- " lists, "1. " lists, "> " quotes, "#" headings, blank
 * lines as gaps. A font colour spanning several lines is applied to each of them.
 */
function markdown(src, opts = {}) {
  const root = h('div', { class: 'md' });
  const spread = String(src ?? '').replace(/<font\s+color\s*=\s*["']?([#\w-]+)["']?\s*>([\s\S]*?)<\/font>/g, (all, color, inner) =>
    inner.includes('\n') ? inner.split('\n').map((l) => (l ? `<font color="${color}">${l}</font>` : l)).join('\n') : all,
  );
  let list = null;
  let quote = null;
  for (const line of spread.split('\n')) {
    let m;
    if ((m = /^\s*[-*] (.*)$/.exec(line))) {
      quote = null;
      if (!list || list.tagName !== 'UL') list = root.appendChild(h('ul'));
      list.append(h('li', null, inline(m[1], opts)));
      continue;
    }
    if ((m = /^\s*\d+\. (.*)$/.exec(line))) {
      quote = null;
      if (!list || list.tagName !== 'OL') list = root.appendChild(h('ol'));
      list.append(h('li', null, inline(m[1], opts)));
      continue;
    }
    list = null;
    if ((m = /^> ?(.*)$/.exec(line))) {
      if (!quote) quote = root.appendChild(h('blockquote'));
      quote.append(h('div', { class: 'line' }, inline(m[1], opts)));
      continue;
    }
    quote = null;
    if ((m = /^(#{1,6}) (.*)$/.exec(line))) root.append(h('div', { class: `md-h md-h${m[1].length}` }, inline(m[2], opts)));
    else if (line.trim() === '') root.append(h('div', { class: 'gap' }));
    else root.append(h('div', { class: 'line' }, inline(line, opts)));
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Feishu card JSON 2.0

/** opts.chart() draws the card's chart element (the server sends it as chartSvg). */
function feishuCard(card, opts = {}) {
  const root = h('div', { class: 'fs-card', 'data-testid': 'feishu-card' });
  const header = card && card.header;
  if (header) {
    const hd = h('div', { class: `fs-header fs-tpl-${token(header.template) || 'default'}` }, h('div', { class: 'fs-title' }, textOf(header.title)));
    if (header.subtitle) hd.append(h('div', { class: 'fs-subtitle' }, textOf(header.subtitle)));
    const tags = Array.isArray(header.text_tag_list) ? header.text_tag_list : [];
    if (tags.length) hd.append(h('div', { class: 'fs-tags' }, tags.map((t) => h('span', { class: `fs-tag fs-tag-${token(t && t.color) || 'neutral'}` }, textOf(t && t.text)))));
    root.append(hd);
  }
  const elements = (card && card.body && Array.isArray(card.body.elements) && card.body.elements) || (card && Array.isArray(card.elements) && card.elements) || [];
  root.append(h('div', { class: 'fs-body' }, elements.map((el) => feishuElement(el, opts))));
  return root;
}

function feishuElement(el, opts) {
  const tag = el && typeof el.tag === 'string' ? el.tag : '';
  switch (tag) {
    case 'chart':
      return (opts.chart && opts.chart()) || h('div', { class: 'fs-unknown' }, '［chart 组件，预览不支持］');
    case 'markdown': {
      const md = markdown(String(el.content ?? ''), { entities: true });
      md.classList.add('fs-md');
      if (el.text_size === 'notation') md.classList.add('fs-notation');
      if (['center', 'right'].includes(el.text_align)) md.style.textAlign = el.text_align;
      return md;
    }
    case 'hr':
      return h('hr', { class: 'fs-hr' });
    case 'div':
      return h('div', { class: 'fs-md' }, el.text && el.text.tag === 'lark_md' ? markdown(textOf(el.text), { entities: true }) : textOf(el.text));
    case 'note':
      return h('div', { class: 'fs-md fs-notation' }, (Array.isArray(el.elements) ? el.elements : []).map((e) => textOf(e)).join(' '));
    case 'plain_text':
      return h('div', { class: 'fs-md' }, textOf(el));
    default:
      return h('div', { class: 'fs-unknown' }, `［${tag || '未知'} 组件，预览不支持］`);
  }
}

// ---------------------------------------------------------------------------------------------
// Charts: the SVG the server draws for a card's chart (src/web/chart-svg.ts)

const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_TAGS = new Set(['svg', 'g', 'title', 'desc', 'rect', 'line', 'polyline', 'circle', 'text']);
const SVG_ATTRS = /^(?:xmlns|viewBox|role|aria-label|class|data-chart-type|x|y|x1|y1|x2|y2|cx|cy|r|width|height|points|fill|stroke|stroke-width|stroke-dasharray|text-anchor|font-size)$/;

/**
 * The server's chart as nodes, or null. Parsed as XML, which runs nothing and loads nothing, and
 * cut to the elements and attributes a chart uses (no script, style, href or on…): the page still
 * takes no markup from the server on trust.
 */
function safeSvg(source) {
  if (typeof source !== 'string' || source.length > 200000) return null;
  const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
  for (const el of root.querySelectorAll('*')) {
    if (el.namespaceURI !== SVG_NS || !SVG_TAGS.has(el.localName)) el.remove();
  }
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const a of [...el.attributes]) if (!SVG_ATTRS.test(a.name)) el.removeAttribute(a.name);
  }
  return document.importNode(root, true);
}

/** The chart with its title as a caption; the figures themselves stay as text in the rows below. */
function chartFigure(chart, source) {
  const svg = chart && safeSvg(source);
  if (!svg) return null;
  const unit = typeof chart.unit === 'string' && chart.unit ? `（${chart.unit}）` : '';
  return h('figure', { class: 'chart', 'data-testid': 'chart', 'data-chart-type': token(chart.type) || 'bar' },
    svg,
    h('figcaption', null, `${String(chart.title ?? '')}${unit}`, h('span', { class: 'muted' }, ' · 每个数字的原文和出处见下方')),
  );
}

// ---------------------------------------------------------------------------------------------
// WeCom: markdown, plain text, text_notice template card

function wecomPane(w, focus) {
  const views = [];
  if (w && w.templateCard) views.push(['card', '模板卡片', () => wecomTemplateCard(w.templateCard, focus)]);
  views.push(['markdown', 'Markdown', () => h('div', { class: 'wc-bubble', 'data-testid': 'wecom-markdown' }, markdown(String((w && w.markdown) ?? '')))]);
  views.push(['text', '纯文本', () => h('div', { class: 'wc-bubble wc-text', 'data-testid': 'wecom-text' }, String((w && w.text) ?? ''))]);
  const body = h('div', { class: 'wc-body' });
  const buttons = views.map(([key, label, make]) =>
    h('button', {
      type: 'button',
      class: 'seg',
      'data-testid': `wecom-view-${key}`,
      'aria-pressed': 'false',
      onclick: (e) => show(key, make, e.currentTarget),
    }, label),
  );
  const show = (key, make, button) => {
    fill(body, make());
    body.dataset.view = key;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
  };
  const pane = h('section', { class: 'pane wecom-pane', 'data-testid': 'wecom-pane' }, h('div', { class: 'pane-label' }, h('span', { class: 'pane-name wc-name' }, '企业微信'), h('span', { class: 'segs', role: 'group', 'aria-label': '企业微信的显示形式' }, buttons)), body);
  show(views[0][0], views[0][2], buttons[0]);
  return pane;
}

function wecomTemplateCard(c, focus) {
  const str = (v) => (typeof v === 'string' ? v : '');
  const root = h('div', { class: 'wc-tcard', 'data-testid': 'wecom-template-card' });
  if (c.source && str(c.source.desc)) root.append(h('div', { class: `wc-source wc-desc-${Number(c.source.desc_color) || 0}` }, str(c.source.desc)));
  if (c.main_title) root.append(h('div', { class: 'wc-main' }, h('div', { class: 'wc-main-title' }, str(c.main_title.title)), str(c.main_title.desc) && h('div', { class: 'wc-main-desc' }, str(c.main_title.desc))));
  if (c.emphasis_content) root.append(h('div', { class: 'wc-emph' }, h('div', { class: 'wc-emph-title' }, str(c.emphasis_content.title)), str(c.emphasis_content.desc) && h('div', { class: 'wc-emph-desc' }, str(c.emphasis_content.desc))));
  if (c.quote_area && (str(c.quote_area.quote_text) || str(c.quote_area.title))) root.append(h('div', { class: 'wc-quote' }, str(c.quote_area.title) && h('div', { class: 'wc-quote-title' }, str(c.quote_area.title)), str(c.quote_area.quote_text)));
  if (str(c.sub_title_text)) root.append(h('div', { class: 'wc-sub' }, str(c.sub_title_text)));
  const kv = Array.isArray(c.horizontal_content_list) ? c.horizontal_content_list : [];
  if (kv.length) root.append(h('dl', { class: 'wc-kv' }, kv.map((x) => [h('dt', null, str(x.keyname)), h('dd', null, x.url ? link(str(x.url), str(x.value), '', focus) : str(x.value))])));
  const jumps = Array.isArray(c.jump_list) ? c.jump_list : [];
  if (jumps.length) root.append(h('div', { class: 'wc-jumps' }, jumps.map((j) => link(str(j.url), str(j.title) || '查看', 'wc-jump', focus))));
  return root;
}

// ---------------------------------------------------------------------------------------------
// Chat

const state = {
  chatId: newChatId(),
  queue: Promise.resolve(),
  reports: [],
  reportsById: new Map(),
  regionsLoaded: false,
  examplesShown: false,
  factsToken: 0,
  reportToken: 0,
  openReportId: undefined,
};

const messages = () => $('#messages');

/** Scrolls to the newest message; a tall answer is shown from its question down. */
function scrollChat(question) {
  const m = messages();
  const last = m.lastElementChild;
  if (question && last && last.offsetHeight > m.clientHeight - 80) m.scrollTop = question.offsetTop - 8;
  else m.scrollTop = m.scrollHeight;
}

function chip(question, label = question) {
  return h('button', { type: 'button', class: 'chip', 'data-testid': 'suggestion', title: `问：${question}`, onclick: () => ask(question) }, label);
}

function welcome() {
  const box = h('div', { class: 'msg system', 'data-testid': 'welcome' },
    h('p', null, '你好！我回答卫生健康报告里的数据问题，每个数字都注明出处和原文。每条回答会并排显示它在', h('b', null, '飞书'), '和', h('b', null, '企业微信'), '里的样子。'),
    h('div', { class: 'chips', id: 'example-chips' }, chip('/sources', '可引用的报告'), chip('/help', '怎么用')),
  );
  messages().append(box);
}

function showExamples(facts) {
  if (state.examplesShown) return;
  const seen = new Set();
  const examples = [];
  for (const f of facts) {
    if (f.kind !== 'figure' || f.metric.length < 3 || f.metric.length > 10 || seen.has(f.metric)) continue;
    seen.add(f.metric);
    examples.push(`${f.region.replace(/市$/, '')}${f.metric}是多少`);
    if (examples.length === 3) break;
  }
  const box = $('#example-chips');
  if (!box || !examples.length) return;
  state.examplesShown = true;
  box.prepend(...examples.map((q) => chip(q)));
}

function ask(question) {
  const q = String(question ?? '').trim();
  if (!q) return state.queue;
  const asked = h('div', { class: 'msg user', 'data-testid': 'user-message' }, h('div', { class: 'bubble' }, q));
  messages().append(asked);
  const pending = h('div', { class: 'msg bot pending', 'data-testid': 'pending' }, h('span', { class: 'dots' }, '正在查找'));
  messages().append(pending);
  scrollChat();
  const chat = state.chatId;
  // One question at a time, in order, so follow-ups see the context of the one before.
  state.queue = state.queue.then(async () => {
    try {
      const r = await api('/api/ask', { question: q, chat });
      pending.replaceWith(botMessage(r));
    } catch (err) {
      pending.replaceWith(h('div', { class: 'msg bot error', 'data-testid': 'error-message' }, `出错了：${err instanceof Error ? err.message : String(err)}`));
    }
    scrollChat(asked);
  });
  return state.queue;
}

/** The reports a card cites, each with the fact to point at when opened. */
function cardSources(card) {
  const out = new Map();
  const put = (file, title, focus) => {
    if (typeof file === 'string' && file && !out.has(file)) out.set(file, { file, title: typeof title === 'string' && title ? title : file, focus });
  };
  const view = (v) => v && v.source && put(v.source.file, v.source.title, { answer: v.answer, metric: v.metric });
  if (!card) return [];
  if (card.kind === 'answer') [card.main, ...(card.related ?? [])].forEach(view);
  else if (card.kind === 'regions') (card.rows ?? []).forEach(view);
  else if (card.kind === 'daily') view(card.fact);
  else if (card.kind === 'sources') (card.docs ?? []).forEach((d) => put(d.file, d.title));
  else if (card.kind === 'across') ((card.result && card.result.rows) ?? []).forEach(view);
  return [...out.values()];
}

function botMessage(r) {
  const card = r.card ?? {};
  const sources = cardSources(card);
  const msg = h('div', { class: 'msg bot', 'data-testid': 'bot-message', 'data-intent': token(r.intent) || 'unknown', 'data-card-kind': token(card.kind) || 'unknown' });
  msg.append(
    h('div', { class: 'renders' },
      h('section', { class: 'pane feishu-pane', 'data-testid': 'feishu-pane' }, h('div', { class: 'pane-label' }, h('span', { class: 'pane-name fs-name' }, '飞书')), feishuCard(r.feishu, { chart: () => chartFigure(card.chart, r.chartSvg) })),
      wecomPane(r.wecom, sources[0] && sources[0].focus),
    ),
  );
  const foot = h('div', { class: 'msg-foot' });
  if (sources.length) {
    foot.append(h('div', { class: 'sources' }, h('span', { class: 'foot-label' }, '原文：'),
      sources.map((s) => h('a', {
        class: 'source-link',
        href: `/reports/${encodeURIComponent(s.file)}`,
        'data-testid': 'source-link',
        'data-report-id': s.file,
        title: `打开《${s.title}》并标出这条数据`,
        onclick: (e) => { e.preventDefault(); openReport(s.file, { focus: s.focus }); },
      }, `《${shortTitle(s.title, 24)}》`)),
    ));
  }
  if (r.note && card.kind !== 'not_found') foot.append(h('div', { class: 'note' }, r.note));
  const asks = [...(Array.isArray(r.suggestions) ? r.suggestions : []), ...(card.kind === 'help' && Array.isArray(card.examples) ? card.examples : [])];
  if (asks.length) foot.append(h('div', { class: 'chips' }, h('span', { class: 'foot-label' }, '试试：'), [...new Set(asks)].map((s) => chip(s))));
  foot.append(h('button', { type: 'button', class: 'link-btn why-link', 'data-testid': 'why-link', onclick: () => explain(r.question) }, '为什么这样回答？'));
  msg.append(foot);
  return msg;
}

// ---------------------------------------------------------------------------------------------
// Explorer: tabs

function showTab(name) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const on = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(on));
    $(`#panel-${tab.dataset.tab}`).hidden = !on;
  }
}

// ---------------------------------------------------------------------------------------------
// Reports

function metaLine(m, facts) {
  const parts = [];
  if (m.region) parts.push(m.parentRegion && !String(m.region).startsWith(m.parentRegion) ? `${m.parentRegion}${m.region}` : m.region);
  if (m.date) parts.push(m.date);
  if (m.period) parts.push(`时期 ${m.period}`);
  if (m.publisher) parts.push(m.publisher);
  if (m.author) parts.push(m.author);
  if (facts !== undefined) parts.push(`${facts} 条数据`);
  return parts.join(' · ');
}

async function loadReports() {
  const list = $('#report-list');
  fill(list, h('p', { class: 'muted' }, '正在载入报告…'));
  try {
    const reports = await api('/api/reports');
    state.reports = Array.isArray(reports) ? reports : [];
  } catch (err) {
    fill(list, h('p', { class: 'error' }, `报告载入失败：${err.message}`));
    return;
  }
  state.reportsById = new Map(state.reports.map((r) => [r.id, r]));
  const total = state.reports.reduce((n, r) => n + (Number(r.facts) || 0), 0);
  $('#status').textContent = `${state.reports.length} 份报告 · ${total} 条数据`;
  fill(list,
    h('p', { class: 'muted' }, '点开一份报告，看原文里抽取出的每条数据。'),
    state.reports.length ? h('ul', { class: 'reports' }, state.reports.map((r) =>
      h('li', null, h('a', {
        class: 'report-item',
        href: `/reports/${encodeURIComponent(r.id)}`,
        'data-testid': 'report-link',
        'data-report-id': r.id,
        onclick: (e) => { e.preventDefault(); openReport(r.id); },
      }, h('span', { class: 'report-item-title' }, r.title || r.id), h('span', { class: 'report-item-meta' }, metaLine(r, r.facts)))),
    )) : h('p', { class: 'muted' }, '还没有报告。'),
  );
  const docSelect = $('#filter-doc');
  const keep = docSelect.value;
  fill(docSelect, h('option', { value: '' }, '全部报告'), state.reports.map((r) => h('option', { value: r.id }, shortTitle(r.title || r.id, 30))));
  docSelect.value = keep;
}

function closeReport(push = true) {
  state.reportToken++;
  state.openReportId = undefined;
  $('#report-view').hidden = true;
  fill($('#report-view'));
  $('#report-list').hidden = false;
  document.title = 'factbot · 卫生健康数据问答';
  if (push && location.pathname !== '/') history.pushState(null, '', '/');
}

/** Opens a report in the explorer; focus names a fact ({factId} or {answer, metric}) to point at. */
async function openReport(id, opts = {}) {
  const { push = true, focus } = opts;
  showTab('reports');
  const path = `/reports/${encodeURIComponent(id)}`;
  if (push && location.pathname !== path) history.pushState(null, '', path);
  const view = $('#report-view');
  $('#report-list').hidden = true;
  view.hidden = false;
  const tokenNow = ++state.reportToken;
  if (state.openReportId !== id) {
    fill(view, h('p', { class: 'muted' }, '正在载入原文…'));
    let r;
    try {
      r = await api(`/api/reports/${encodeURIComponent(id)}`);
      // A long report comes in pages of paragraphs; the first pages are shown, up to a bound.
      for (let pages = 1; r.next != null && pages < MAX_REPORT_PAGES; pages++) {
        const more = await api(`/api/reports/${encodeURIComponent(id)}?from=${r.next}`);
        r = { ...r, blocks: [...r.blocks, ...(Array.isArray(more.blocks) ? more.blocks : [])], next: more.next };
      }
    } catch (err) {
      if (tokenNow !== state.reportToken) return;
      state.openReportId = undefined;
      fill(view, backButton(), h('p', { class: 'error', 'data-testid': 'report-error' }, err.status === 404 ? `没有这份报告：“${id}”。` : `打不开报告“${id}”：${err.message}`));
      return;
    }
    if (tokenNow !== state.reportToken) return;
    state.openReportId = id;
    renderReport(r);
  }
  if (focus) focusFact(focus);
  else $('#panel-reports').scrollTop = 0;
}

function backButton() {
  return h('button', { type: 'button', class: 'link-btn', 'data-testid': 'report-back', onclick: () => closeReport() }, '← 全部报告');
}

function renderReport(r) {
  const meta = r.meta ?? {};
  const title = meta.title || r.id;
  document.title = `${shortTitle(title, 30)} · factbot`;
  const info = h('div', { class: 'mark-info', 'data-testid': 'mark-info', hidden: true });
  const head = h('header', { class: 'report-head' },
    h('div', { class: 'report-actions' },
      backButton(),
      h('button', { type: 'button', class: 'link-btn', 'data-testid': 'report-facts', onclick: () => filterFacts({ doc: r.id }) }, '在“数据”里列出本报告的数据'),
    ),
    h('h2', { class: 'report-title', 'data-testid': 'report-title' }, title),
    h('p', { class: 'report-meta' }, metaLine(meta, r.facts), ' · ', h('span', { class: 'muted' }, r.id)),
    h('p', { class: 'legend' }, h('mark', { class: 'fact kind-figure' }, '高亮'), ' 是抽取出的数据；指向它看指标，点它看详情。'),
  );
  const text = h('div', { class: 'report-text', 'data-testid': 'report-text' });
  for (const b of Array.isArray(r.blocks) ? r.blocks : []) {
    if (b.kind === 'heading') text.append(h('h3', null, String(b.text ?? '')));
    else text.append(h('p', null, highlighted(String(b.text ?? ''), Array.isArray(b.facts) ? b.facts : [], info)));
  }
  if (r.next != null) text.append(h('p', { class: 'muted', 'data-testid': 'report-truncated' }, `报告很长，这里只显示前 ${r.blocks.length} 段（共 ${r.total} 段）。`));
  fill($('#report-view'), head, info, text);
}

/** A paragraph's text with a <mark> around each fact's figure (offsets are string indices). */
function highlighted(text, facts, info) {
  const out = [];
  let at = 0;
  let last = null;
  for (const f of [...facts].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const start = Number(f.start);
    const end = Number(f.end);
    if (!(start >= 0 && end > start && end <= text.length)) continue;
    if (start < at) {
      // Overlaps the mark before: name it there instead of nesting marks.
      if (last) last.title += `\n${f.metric}：${f.answer}`;
      continue;
    }
    if (start > at) out.push(text.slice(at, start));
    last = h('mark', {
      class: `fact kind-${token(f.kind) || 'figure'}`,
      'data-fact-id': f.id,
      'data-answer': f.answer,
      'data-metric': f.metric,
      title: `${f.metric}：${f.answer}`,
      tabindex: '0',
      onclick: (e) => showMarkInfo(info, f, e.currentTarget),
      onkeydown: (e) => { if (e.key === 'Enter') showMarkInfo(info, f, e.currentTarget); },
    }, text.slice(start, end));
    out.push(last);
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function showMarkInfo(info, f, mark) {
  for (const m of document.querySelectorAll('mark.selected')) m.classList.remove('selected');
  mark.classList.add('selected');
  const report = state.reportsById.get(state.openReportId);
  const region = report && report.region ? String(report.region).replace(/市$/, '') : '';
  const question = `${region}${f.metric}是多少`;
  info.hidden = false;
  fill(info,
    h('strong', null, f.answer), ' ', f.metric, ' ', h('span', { class: 'tag' }, KIND_LABELS[f.kind] ?? f.kind ?? ''), ' ', h('span', { class: 'muted' }, f.id),
    h('button', { type: 'button', class: 'chip', onclick: () => ask(question), title: '在对话里问这个问题' }, `问：${question}`),
    h('button', { type: 'button', class: 'link-btn', onclick: () => { info.hidden = true; mark.classList.remove('selected'); } }, '关闭'),
  );
}

function focusFact(focus) {
  const marks = [...document.querySelectorAll('#report-view mark[data-fact-id]')];
  const mark =
    (focus.factId && marks.find((m) => m.dataset.factId === focus.factId)) ||
    marks.find((m) => m.dataset.answer === focus.answer && m.dataset.metric === focus.metric) ||
    marks.find((m) => m.dataset.answer === focus.answer);
  if (!mark) return;
  for (const m of document.querySelectorAll('mark.flash')) m.classList.remove('flash');
  mark.classList.add('flash');
  mark.scrollIntoView({ block: 'center' });
}

// ---------------------------------------------------------------------------------------------
// Facts

let topicTimer;

function filterFacts({ region, topic, doc }) {
  if (region !== undefined) $('#filter-region').value = region;
  if (topic !== undefined) $('#filter-topic').value = topic;
  if (doc !== undefined) $('#filter-doc').value = doc;
  showTab('facts');
  return loadFacts();
}

async function loadFacts() {
  const params = new URLSearchParams();
  for (const [name, el] of [['region', '#filter-region'], ['topic', '#filter-topic'], ['doc', '#filter-doc']]) {
    const v = $(el).value.trim();
    if (v) params.set(name, v);
  }
  const tokenNow = ++state.factsToken;
  const list = $('#fact-list');
  list.setAttribute('aria-busy', 'true');
  let r;
  try {
    r = await api(`/api/facts${params.size ? `?${params}` : ''}`);
  } catch (err) {
    if (tokenNow !== state.factsToken) return;
    list.removeAttribute('aria-busy');
    $('#facts-count').textContent = `数据载入失败：${err.message}`;
    return;
  }
  if (tokenNow !== state.factsToken) return;
  const facts = Array.isArray(r.facts) ? r.facts : [];
  if (!state.regionsLoaded && Array.isArray(r.regions)) {
    state.regionsLoaded = true;
    const sel = $('#filter-region');
    const keep = sel.value;
    fill(sel, h('option', { value: '' }, '全部地区'), r.regions.map((x) => h('option', { value: x }, x)));
    sel.value = keep;
  }
  if (!params.size) showExamples(facts);
  $('#facts-count').textContent = `共 ${r.total} 条${r.total > facts.length ? `，显示前 ${facts.length} 条` : ''}`;
  fill(list, ...facts.map(factItem));
  if (!facts.length) list.append(h('li', { class: 'muted empty' }, '没有符合条件的数据。'));
  list.removeAttribute('aria-busy');
  list.setAttribute('data-loaded', params.toString());
}

function factItem(f) {
  const report = state.reportsById.get(f.docId);
  const quote = String(f.quote ?? '');
  const i = f.answer ? quote.indexOf(f.answer) : -1;
  const q = i >= 0 ? [quote.slice(0, i), h('mark', { class: 'fact kind-figure' }, f.answer), quote.slice(i + f.answer.length)] : quote;
  return h('li', { class: 'fact-item', 'data-testid': 'fact-item', 'data-fact-id': f.id, 'data-region': f.region },
    h('div', { class: 'fact-line' },
      h('strong', { class: 'fact-answer' }, f.answer),
      h('span', { class: 'fact-metric' }, f.metric),
      h('span', { class: 'tag tag-region', 'data-testid': 'fact-region' }, f.region),
      f.time && h('span', { class: 'tag' }, f.time),
      h('span', { class: 'tag tag-kind' }, KIND_LABELS[f.kind] ?? f.kind),
      (f.qualifiers ?? []).map((x) => h('span', { class: 'tag' }, x)),
    ),
    h('div', { class: 'fact-quote' }, q),
    h('div', { class: 'fact-source' },
      h('a', {
        href: `/reports/${encodeURIComponent(f.docId)}`,
        class: 'source-link',
        onclick: (e) => { e.preventDefault(); openReport(f.docId, { focus: { factId: f.id, answer: f.answer, metric: f.metric } }); },
      }, `《${shortTitle(report ? report.title : f.docId, 30)}》`),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Why

async function explain(question) {
  const q = String(question ?? '').trim();
  showTab('why');
  $('#why-input').value = q;
  const out = $('#why-lines');
  if (!q) return;
  fill(out, h('li', { class: 'muted' }, '正在分析…'));
  try {
    const r = await api('/api/why', { question: q });
    const lines = Array.isArray(r.lines) ? r.lines : [];
    fill(out, ...(lines.length ? lines.map((l) => h('li', { 'data-testid': 'why-line' }, String(l))) : [h('li', { class: 'muted' }, '没有可说明的内容。')]));
  } catch (err) {
    fill(out, h('li', { class: 'error' }, `出错了：${err.message}`));
  }
}

// ---------------------------------------------------------------------------------------------
// Routing and start

function route() {
  const m = REPORT_PATH.exec(location.pathname);
  if (m) {
    let id;
    try {
      id = decodeURIComponent(m[1]);
    } catch {
      id = m[1];
    }
    openReport(id, { push: false });
  } else {
    closeReport(false);
  }
}

/**
 * The question boxes hold at most `maxlength` (500) characters, as the API takes: the browser cuts a
 * longer paste silently, so the page says so under the box, with how much was pasted.
 */
function sayWhenCut(input) {
  const max = input.maxLength;
  const note = h('p', { class: 'note limit-note', 'data-testid': `${input.id}-limit`, role: 'status', hidden: true });
  input.form.after(note);
  const show = (text) => {
    note.textContent = text;
    note.hidden = false;
  };
  input.addEventListener('paste', (e) => {
    const pasted = e.clipboardData?.getData('text') ?? '';
    const kept = input.value.length - ((input.selectionEnd ?? 0) - (input.selectionStart ?? 0));
    if (max > 0 && kept + pasted.length > max) {
      show(`问题最多 ${max} 个字：粘贴的 ${pasted.length} 个字只保留了前 ${Math.max(0, max - kept)} 个。请只保留要问的那一句。`);
    }
  });
  input.addEventListener('input', () => {
    if (max > 0 && input.value.length >= max && note.hidden) show(`问题最多 ${max} 个字，已到上限。`);
    else if (input.value.length < max) note.hidden = true;
  });
  input.form.addEventListener('submit', () => {
    note.hidden = true;
  });
}

function start() {
  welcome();
  const input = $('#ask-input');
  sayWhenCut(input);
  sayWhenCut($('#why-input'));
  $('#ask-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value;
    if (!q.trim()) return;
    input.value = '';
    ask(q);
  });
  $('#new-chat').addEventListener('click', () => {
    state.chatId = newChatId();
    fill(messages());
    state.examplesShown = false;
    welcome();
    loadFacts();
    input.focus();
  });
  for (const tab of document.querySelectorAll('[role="tab"]')) tab.addEventListener('click', () => showTab(tab.dataset.tab));
  $('#fact-filters').addEventListener('submit', (e) => e.preventDefault());
  $('#filter-region').addEventListener('change', loadFacts);
  $('#filter-doc').addEventListener('change', loadFacts);
  $('#filter-topic').addEventListener('input', () => {
    clearTimeout(topicTimer);
    topicTimer = setTimeout(loadFacts, 250);
  });
  $('#why-form').addEventListener('submit', (e) => {
    e.preventDefault();
    explain($('#why-input').value);
  });
  adminPanel();
  window.addEventListener('popstate', route);
  route();
  loadReports().then(() => loadFacts());
  input.focus();
}

// The admin tools appear only once a valid ADMIN_TOKEN is entered; the token stays in this tab.
function adminPanel() {
  const result = $('#admin-result');
  const headers = () => ({ authorization: `Bearer ${sessionStorage.getItem('factbot-admin') ?? ''}` });
  const show = async () => {
    const ok = sessionStorage.getItem('factbot-admin') && (await fetch('/api/admin/', { headers: headers() })).status === 204;
    $('#admin-tools').hidden = !ok;
    $('#admin-login').hidden = Boolean(ok);
    return ok;
  };
  $('#admin-login').addEventListener('submit', async (e) => {
    e.preventDefault();
    sessionStorage.setItem('factbot-admin', $('#admin-token').value.trim());
    $('#admin-token').value = '';
    result.textContent = (await show()) ? '' : '令牌不对，或者服务器没有设置 ADMIN_TOKEN。';
  });
  $('#admin-tools').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('#admin-file').files[0];
    if (!file) return;
    result.textContent = `正在读取 ${file.name}…`;
    const res = await fetch(`/api/admin/reports?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: headers(), body: file });
    const body = await res.json().catch(() => ({}));
    const o = body.outcome;
    result.textContent = !o ? body.error ?? `失败（HTTP ${res.status}）`
      : o.status === 'added' ? [`已添加《${o.summary.title}》 ${o.summary.region}${o.summary.date ? ' ' + o.summary.date : ''}：${o.summary.facts} 条数据，${o.summary.tables} 张表`, ...o.summary.samples.map((x) => `· ${x.metric}：${x.answer}`), ...o.summary.warnings.map((w) => `注意：${w}`), body.reload ?? ''].join('\n')
      : o.status === 'duplicate' ? `已经有同样的文件 ${o.stored}，没有重复添加。` : `没有添加：${o.reason}`;
    loadReports();
  });
  $('#admin-reload').addEventListener('click', async () => {
    const res = await fetch('/api/admin/reload', { method: 'POST', headers: headers() });
    result.textContent = (await res.json().catch(() => ({}))).summary ?? `HTTP ${res.status}`;
    loadReports();
  });
  show();
}

start();
