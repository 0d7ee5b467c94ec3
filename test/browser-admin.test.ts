import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { startServer, type Running } from '../src/server/start.js';
import { CHROMIUM, reportHtml } from './helpers/report-formats.js';
import { tempDir, tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

// The page's admin tools: hidden until a valid ADMIN_TOKEN is entered, then a report uploaded
// from the browser is added and answers.
const TOKEN = 'page-admin-token-0123456789';
if (process.env.CI && !existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: .ci/run must install Debian's chromium`);

describe.skipIf(!existsSync(CHROMIUM))('adding a report from the local page', () => {
  let running: Running;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'factbot-page-admin-'));

  beforeAll(async () => {
    const seeds = tempDir('factbot-page-seeds-');
    cpSync('seeds', seeds, { recursive: true });
    running = await startServer({ config: readConfig({ PORT: '0', HOST: '127.0.0.1', SEEDS_DIR: seeds, ADMIN_TOKEN: TOKEN }), store: await storeFrom(), state: await tempState(), schedule: false, log: pino({ level: 'silent' }) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the tools only for the right token, uploads a report and says what it read', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${running.webPort}/`);
    await page.getByTestId('admin').locator('summary').click();
    await expect.poll(() => page.getByTestId('admin-tools').isHidden()).toBe(true);
    await page.getByTestId('admin-token').fill('wrong-token-0123456789');
    await page.getByTestId('admin-token').press('Enter');
    await expect.poll(() => page.getByTestId('admin-result').textContent()).toContain('令牌不对');
    await page.getByTestId('admin-token').fill(TOKEN);
    await page.getByTestId('admin-token').press('Enter');
    await expect.poll(() => page.getByTestId('admin-tools').isVisible()).toBe(true);
    const file = join(dir, '汶川县总结.html');
    writeFileSync(file, reportHtml('汶川县2024年卫生健康工作总结\n\n全县共有医疗卫生机构132个，床位1210张，卫生技术人员1490人。'));
    await page.getByTestId('admin-file').setInputFiles(file);
    await page.getByTestId('admin-upload').click();
    await expect.poll(() => page.getByTestId('admin-result').textContent(), { timeout: 30_000 }).toContain('已添加《汶川县2024年卫生健康工作总结》');
    await page.getByTestId('ask-input').fill('汶川县床位多少张');
    await page.getByTestId('ask-input').press('Enter');
    await expect.poll(() => page.getByTestId('messages').textContent(), { timeout: 30_000 }).toContain('1210张');
    await page.close();
  }, 90_000);
});
