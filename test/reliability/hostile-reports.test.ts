import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { startServer, type Running } from '../../src/server/start.js';
import { MAX_FACTS_PER_REPORT } from '../../src/store/fact-store.js';
import { buildFactStoreIsolated } from '../../src/store/isolated-build.js';
import { tempDir, tempState } from '../helpers/state.js';
import { Tally } from './helpers/tally.js';

// Hostile reports through a reload and through start-up (issue 12): a report that is cheap to
// write and costly to read must fail that file or be read in time, while the bot keeps answering.

const tally = new Tally('hostile-reports');
const SEEDS = resolve('seeds');
const INTENTS = resolve('intents');
const HEAD = '# 某市卫生健康统计公报\n\n2023年某市卫生健康事业发展情况如下。\n\n';
const HOSTILE: Record<string, string> = {
  // 20,000 percentages in one sentence (~290 KB): quadratic before, minutes and then out of heap.
  'one-long-sentence.md': HEAD + '全市' + Array.from({ length: 20_000 }, (_, i) => `指标${i}增长${(i % 97) + 1}.5%`).join('，') + '。\n',
  // 100,000 one-figure paragraphs (~2 MB): more facts than any real report.
  'many-paragraphs.md': HEAD + Array.from({ length: 100_000 }, (_, i) => `全市第${i}项床位${i + 1}张。`).join('\n\n'),
};
const PROBE = '枣庄实际开放床位多少张';

function seedsFolder(extra: Record<string, string> = {}): string {
  const dir = tempDir('factbot-hostile-');
  for (const n of readdirSync(SEEDS)) copyFileSync(join(SEEDS, n), join(dir, n));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('hostile reports through a reload', () => {
  const seeds = seedsFolder();
  let running: Running;
  beforeAll(async () => {
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', SEEDS_DIR: seeds, INTENTS_DIR: INTENTS, BUILD_FILE_TIMEOUT_SEC: '90' });
    running = await startServer({ config, store: await buildFactStoreIsolated({ seedsDir: seeds, intentsDir: INTENTS, limits: config.build }), state: await tempState(), schedule: false, log: pino({ level: 'silent' }) });
  }, 60_000);
  afterAll(async () => {
    await running.close();
    tally.print();
  });

  const askOverHttp = async (q: string) => {
    const res = await fetch(`http://127.0.0.1:${running.webPort}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q }) });
    return (await res.json()) as unknown;
  };

  it('the reload reads the long sentence, refuses the flood of paragraphs, and answers all along', async () => {
    for (const [name, text] of Object.entries(HOSTILE)) writeFileSync(join(seeds, name), text);
    let reloading = true;
    const reload = running.reloader.reload('admin').finally(() => (reloading = false));
    // Questions asked while the reports are read are answered before the reload ends.
    let answeredDuring = 0;
    while (reloading) {
      const reply = await askOverHttp(PROBE);
      if (reloading && JSON.stringify(reply).includes('25970')) answeredDuring++;
      await new Promise((r) => setTimeout(r, 50));
    }
    const outcome = await reload;
    expect(outcome.ok).toBe(true);
    expect(outcome.failures).toEqual([{ file: 'many-paragraphs.md', reason: expect.stringContaining(`more than ${MAX_FACTS_PER_REPORT} facts`) }]);
    expect(running.stores.current.docs.has('one-long-sentence.md')).toBe(true);
    expect(answeredDuring).toBeGreaterThan(0);
    expect(JSON.stringify(await askOverHttp(PROBE))).toContain('25970');
    tally.add('hostile reports through reload and start-up', { inputs: 2, faults: 2 });
  }, 180_000);
});

describe('hostile reports at start-up', () => {
  it('the server starts, serves the other reports and logs why the file was refused', async () => {
    const seeds = seedsFolder({ 'many-paragraphs.md': HOSTILE['many-paragraphs.md']! });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SEEDS_DIR: seeds, DATA_DIR: tempDir(), LOG_LEVEL: 'info', FEISHU_APP_ID: '', WECOM_BOT_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, unknown>[] = [];
    try {
      const port = await new Promise<number>((resolveLine, reject) => {
        let buffered = '';
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
            const line = JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>;
            buffered = buffered.slice(nl + 1);
            lines.push(line);
            if (line.msg === 'factbot listening') resolveLine(Number(line.port));
          }
        });
        child.on('exit', (code) => reject(new Error(`the server exited with ${code} before listening`)));
      });
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'report not loaded', file: 'many-paragraphs.md', reason: expect.stringContaining('split it') }));
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(200);
      tally.add('hostile reports through reload and start-up', { inputs: 1, faults: 1 });
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
