import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { startServer, type Running } from '../src/server/start.js';
import { storeFrom } from './helpers/store.js';
import { tempState } from './helpers/state.js';

// The local page in Debian's Chromium, driven by playwright-core (no browser download).
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts';
const TIMEOUT = 120_000;

// On CI (.ci/run installs Chromium) a missing browser is a failure; elsewhere the test says it skipped.
if (process.env.CI && !existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: .ci/run must install Debian's chromium`);
describe.skipIf(!existsSync(CHROMIUM))('local page in a browser', () => {
  let running: Running;
  let base: string;
  let profile: string;
  let context: BrowserContext;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    running = await startServer({
      config: readConfig({ PORT: '0', HOST: '127.0.0.1' }),
      store: await storeFrom(),
      state: await tempState(),
      schedule: false,
      log: pino({ level: 'silent' }),
    });
    base = `http://127.0.0.1:${running.webPort}`;
    profile = mkdtempSync(join(tmpdir(), 'factbot-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    browser = context.browser() ?? undefined;
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await running?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  }, TIMEOUT);

  const botMessages = () => page.getByTestId('bot-message');

  /** Types a question, sends it, and waits for the next bot message; returns that message. */
  async function ask(question: string, how: 'enter' | 'button' = 'enter'): Promise<Locator> {
    const before = await botMessages().count();
    await page.getByTestId('ask-input').fill(question);
    if (how === 'enter') await page.getByTestId('ask-input').press('Enter');
    else await page.getByTestId('ask-button').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="bot-message"]').length > n, before);
    return botMessages().nth(before);
  }

  it(
    'answers in the chat, rendered as a Feishu card and as a WeCom message',
    async () => {
      await page.goto(`${base}/`);
      await expect(page.title()).resolves.toContain('factbot');
      await page.getByTestId('report-link').first().waitFor();

      const msg = await ask('枣庄实际开放床位多少张');
      const feishu = msg.getByTestId('feishu-pane');
      const wecom = msg.getByTestId('wecom-pane');
      expect(await feishu.innerText()).toContain('25970张');
      expect(await wecom.innerText()).toContain('25970张');
      // The card's header title is the answer, the quote's figure is bold in both.
      expect(await feishu.locator('.fs-title').innerText()).toBe('25970张');
      expect(await feishu.locator('strong', { hasText: '25970张' }).count()).toBeGreaterThan(0);
      expect(await wecom.locator('strong', { hasText: '25970张' }).count()).toBeGreaterThan(0);
      // Markdown syntax is rendered, not shown.
      expect(await feishu.innerText()).not.toContain('**');
      expect(await wecom.innerText()).not.toContain('<font');
      expect(await wecom.locator('blockquote').count()).toBe(1);

      // The WeCom plain-text toggle shows the text form.
      await wecom.getByTestId('wecom-view-text').click();
      const plain = await wecom.getByTestId('wecom-text').innerText();
      expect(plain).toContain('25970张');
      expect(plain).not.toContain('**');
      await wecom.getByTestId('wecom-view-markdown').click();
      await wecom.getByTestId('wecom-markdown').waitFor();

      // The card names its source report.
      await expect(msg.getByTestId('source-link').first().getAttribute('data-report-id')).resolves.toBe('000_40ca54400f45fed3.txt');
    },
    TIMEOUT,
  );

  it(
    'keeps the context for follow-ups in the same chat',
    async () => {
      const first = await ask('枣庄办案数量', 'button');
      expect(await first.getByTestId('feishu-pane').innerText()).toContain('2491件');
      const follow = await ask('2012年呢');
      expect(await follow.getByTestId('feishu-pane').innerText()).toContain('269件');
      expect(await follow.getByTestId('wecom-pane').innerText()).toContain('269件');
      expect(await page.getByTestId('user-message').count()).toBe(3);
    },
    TIMEOUT,
  );

  it(
    'opens a report with its facts highlighted, from the explorer and from its URL',
    async () => {
      await page.getByTestId('tab-reports').click();
      await page.locator('[data-testid="report-link"][data-report-id="000_40ca54400f45fed3.txt"]').click();
      await page.getByTestId('report-text').waitFor();
      expect(new URL(page.url()).pathname).toBe('/reports/000_40ca54400f45fed3.txt');
      await expectReportShown();

      // The URL alone opens it too, and the chat is still there.
      await page.goto(`${base}/reports/000_40ca54400f45fed3.txt`);
      await page.getByTestId('report-text').waitFor();
      await expectReportShown();
      await page.getByTestId('ask-input').waitFor();

      // Back to the list, and the browser's back button reopens the report.
      await page.getByTestId('report-back').click();
      await page.getByTestId('report-list').waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      await page.goBack();
      await page.getByTestId('report-text').waitFor();
      await expectReportShown();
    },
    TIMEOUT,
  );

  async function expectReportShown(): Promise<void> {
    const title = await page.getByTestId('report-title').innerText();
    expect(title).toContain('枣庄');
    const text = page.getByTestId('report-text');
    expect(await text.innerText()).toContain('实际开放床位25970张');
    const marks = text.locator('mark[data-fact-id]');
    expect(await marks.count()).toBeGreaterThan(5);
    const beds = text.locator('mark[data-fact-id]', { hasText: '25970张' });
    expect(await beds.count()).toBe(1);
    expect(await beds.getAttribute('title')).toContain('实际开放床位');
    expect(await beds.getAttribute('data-fact-id')).toMatch(/^000_40ca54400f45fed3\.txt#\d+$/);
  }

  it(
    'filters the facts by region',
    async () => {
      await page.getByTestId('tab-facts').click();
      await page.getByTestId('fact-item').first().waitFor();
      const all = await page.getByTestId('fact-item').count();
      await page.getByTestId('filter-region').selectOption('淄博市');
      await page.waitForFunction(() => document.querySelector('[data-testid="fact-list"]')?.getAttribute('data-loaded')?.includes('region='));
      const regions = await page.getByTestId('fact-region').allInnerTexts();
      expect(regions.length).toBeGreaterThan(0);
      expect(regions.length).toBeLessThan(all);
      expect(new Set(regions)).toEqual(new Set(['淄博市']));
      expect(await page.getByTestId('facts-count').innerText()).toContain(`共 ${regions.length} 条`);

      // A topic narrows it further.
      await page.getByTestId('filter-topic').fill('医院');
      await page.waitForFunction(() => document.querySelector('[data-testid="fact-list"]')?.getAttribute('data-loaded')?.includes('topic='));
      const narrowed = await page.getByTestId('fact-region').allInnerTexts();
      expect(narrowed.length).toBeLessThanOrEqual(regions.length);
      expect(new Set(narrowed).size).toBeLessThanOrEqual(1);
      await page.getByTestId('filter-topic').fill('');
      await page.waitForFunction(() => !document.querySelector('[data-testid="fact-list"]')?.getAttribute('data-loaded')?.includes('topic='));
    },
    TIMEOUT,
  );

  it(
    'explains a match in the why panel and escapes what it shows',
    async () => {
      await page.getByTestId('tab-why').click();
      await page.getByTestId('why-input').fill('枣庄实际开放床位多少张');
      await page.getByTestId('why-button').click();
      await page.getByTestId('why-line').first().waitFor();
      expect((await page.getByTestId('why-lines').innerText())).toContain('25970张');

      // Markup typed by a user is text, never HTML.
      await ask('<img src=x onerror="window.__xss=1">床位<b>多少</b>');
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('.messages img, .messages b:has-text("多少")').count()).toBe(0);
      expect(await page.getByTestId('user-message').last().innerText()).toContain('<img src=x');
    },
    TIMEOUT,
  );

  it.each(['ask-input', 'why-input'])(
    'says so when a pasted question is cut at the box\'s 500 characters (%s)',
    async (box) => {
      await page.goto(`${base}/`);
      if (box === 'why-input') await page.getByTestId('tab-why').click();
      const input = page.getByTestId(box);
      expect(await input.getAttribute('maxlength')).toBe('500');
      const note = page.getByTestId(`${box}-limit`);
      expect(await note.isHidden()).toBe(true);
      // A paste as the browser delivers it: the box keeps 500 characters, the page says what was cut.
      await input.evaluate((el, text) => {
        const data = new DataTransfer();
        data.setData('text', text);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, '枣'.repeat(620));
      await note.waitFor({ state: 'visible' });
      expect(await note.innerText()).toBe('问题最多 500 个字：粘贴的 620 个字只保留了前 500 个。请只保留要问的那一句。');
      // Once the question is shortened, the note goes.
      await input.fill('枣庄床位多少张');
      expect(await note.isHidden()).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'draws the chart of a series and of a comparison beside their cited figures',
    async () => {
      await page.goto(`${base}/`);
      await page.getByTestId('report-link').first().waitFor();

      // A series on the seeds: 办案数量 2012年 269件 → 2021年 2491件, drawn as a line with a dot each.
      const trend = await ask('枣庄办案数量这些年怎么变化');
      expect(await trend.getAttribute('data-card-kind')).toBe('across');
      const line = trend.getByTestId('chart');
      await expectChart(line, 'line', '办案数量：变化（件）', ['2012年', '2021年']);
      expect(await line.locator('svg circle.mark').count()).toBe(2);
      expect(await line.locator('svg polyline').count()).toBe(1);
      // The figures stay text beside the chart, each with its report, and the report opens from it.
      const feishu = await trend.getByTestId('feishu-pane').innerText();
      for (const figure of ['269件', '2491件', '来源：《护佑人民健康']) expect(feishu).toContain(figure);
      await expect(trend.getByTestId('source-link').first().getAttribute('data-report-id')).resolves.toBe('000_40ca54400f45fed3.txt');
      // The earlier year's dot stands lower: the picture agrees with the figures.
      const [first, last] = await Promise.all([0, 1].map((i) => line.locator('svg circle.mark').nth(i).boundingBox()));
      expect(first!.y).toBeGreaterThan(last!.y);

      // A comparison: bars, and the note that the two figures are of different years.
      const compare = await ask('枣庄和瑞安哪个床位多');
      const bars = compare.getByTestId('chart');
      await expectChart(bars, 'bar', '实际开放床位：对比（张）', ['枣庄市', '瑞安市']);
      const heights = await Promise.all([0, 1].map(async (i) => (await bars.locator('svg rect.mark').nth(i).boundingBox())!.height));
      expect(heights).toHaveLength(2);
      expect(heights[0]!).toBeGreaterThan(heights[1]!);
      const text = await compare.getByTestId('feishu-pane').innerText();
      for (const words of ['25970张', '307张', '不是同一时期']) expect(text).toContain(words);

      // The charts close up, and the page with the bar chart in view (a tall answer scrolls in the chat).
      mkdirSync(ARTIFACTS, { recursive: true });
      await line.screenshot({ path: join(ARTIFACTS, 'local-chart-line.png') });
      await bars.screenshot({ path: join(ARTIFACTS, 'local-chart-bar.png') });
      await bars.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, 'local-chart.png') });
      for (const f of ['local-chart-line.png', 'local-chart-bar.png', 'local-chart.png']) expect(existsSync(join(ARTIFACTS, f))).toBe(true);
      // No CSP refusal (an inline style, say) or script error on the way.
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  /** A visible chart figure: captioned, an <svg role="img"> named by its <title>, one mark and one label a figure. */
  async function expectChart(figure: Locator, type: 'line' | 'bar', caption: string, labels: string[]): Promise<void> {
    await figure.waitFor({ state: 'visible' });
    expect(await figure.evaluate((el) => el.tagName)).toBe('FIGURE');
    expect(await figure.getAttribute('data-chart-type')).toBe(type);
    expect(await figure.locator('figcaption').innerText()).toContain(caption);
    const svg = figure.locator('svg');
    expect(await svg.isVisible()).toBe(true);
    expect(await svg.getAttribute('role')).toBe('img');
    expect(await svg.getAttribute('aria-label')).toBe(caption);
    expect(await svg.locator('title').first().textContent()).toBe(caption);
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(80);
    expect(await svg.locator('.mark').count()).toBe(labels.length);
    expect(await svg.locator('.x-label').allTextContents()).toEqual(labels);
  }

  it(
    'saves screenshots of the page',
    async () => {
      // A fresh page: an answer in the chat and the facts filtered to one region beside it.
      await page.goto(`${base}/`);
      await page.getByTestId('report-link').first().waitFor();
      await ask('枣庄实际开放床位多少张');
      await page.getByTestId('tab-facts').click();
      await page.getByTestId('filter-region').selectOption('淄博市');
      await page.waitForFunction(() => document.querySelector('[data-testid="fact-list"]')?.getAttribute('data-loaded')?.includes('region='));
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'local-page.png') });
      expect(existsSync(join(ARTIFACTS, 'local-page.png'))).toBe(true);

      // A second picture: a report opened from the answer's source link.
      await botMessages().last().getByTestId('source-link').first().click();
      await page.getByTestId('report-text').waitFor();
      expect(new URL(page.url()).pathname).toBe('/reports/000_40ca54400f45fed3.txt');
      expect(await page.locator('mark.flash').innerText()).toBe('25970张');
      await page.screenshot({ path: join(ARTIFACTS, 'local-report.png') });

      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});
