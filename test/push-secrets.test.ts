import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import type { Card } from '../src/core/cards.js';
import { logOptions } from '../src/log.js';
import { maskSecret, maskTarget, scrubTargetSecrets } from '../src/push/mask.js';
import { parseTarget } from '../src/push/targets.js';
import { startServer, type Running } from '../src/server/start.js';
import { FakeFeishu } from './helpers/fake-feishu.js';
import { FakeWeCom } from './helpers/fake-wecom.js';
import { tempDir, tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

// Item 5 of issue 12: a WeCom robot key or a Feishu custom-bot hook token lets anyone post into
// that group, so none may show where a push target is shown. A real server on loopback pushes to
// three hooks (two of which fail), and every place that speaks of them is read for the secrets.

const ADMIN = 'feishu:ou_admin';
const GROUP = 'feishu:oc_group';
// FakeWeCom answers errcode 93000 to a key starting "invalid".
const WECOM_BAD_KEY = 'invalid-5f0c6a4e-8d21-4b7a-9c3e-3b9d7e1ac123';
const WECOM_GOOD_KEY = '0b8e4c2a-93d1-4f6e-a7b5-c1d2e3f4a789';
const FEISHU_TOKEN = '7d3f0b2a-5e61-4c8d-b9a0-e4f1d2c3f456';
/** Every secret, and the part of it that must never show (all but its last 4 characters). */
const SECRETS = [WECOM_BAD_KEY, WECOM_GOOD_KEY, FEISHU_TOKEN];
const hidden = (text: string) => SECRETS.filter((s) => text.includes(s.slice(0, -4)));

const wecom = new FakeWeCom();
const feishu = new FakeFeishu();
const logLines: string[] = [];
let running: Running;

beforeAll(async () => {
  await wecom.start();
  await feishu.start();
  const dir = tempDir('factbot-push-secrets-');
  const targetsFile = join(dir, 'targets.json');
  writeFileSync(
    targetsFile,
    JSON.stringify([
      { target: `wecom-hook:${WECOM_BAD_KEY}` },
      // A webhook URL with a query string: the key is the `key` parameter, not what follows it.
      { target: `wecom-hook:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_GOOD_KEY}&debug=1` },
      // The fake answers 404 to a hook: a failure whose error carries the URL's context.
      { target: `feishu-hook:${feishu.url}/open-apis/bot/v2/hook/${FEISHU_TOKEN}`, secret: 'signing-secret-0123456789' },
    ]),
  );
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_IDS: ADMIN,
    FEISHU_APP_ID: 'cli_test',
    FEISHU_APP_SECRET: 'test-secret',
    FEISHU_VERIFICATION_TOKEN: 'token',
    FEISHU_DOMAIN: feishu.url,
    WECOM_API_BASE: wecom.url,
    PUSH_TARGETS_FILE: targetsFile,
    DATA_DIR: dir,
  });
  running = await startServer({
    config,
    store: await storeFrom(),
    state: await tempState(),
    schedule: false,
    sleep: async () => {},
    log: pino({ level: 'debug' }, { write: (s: string) => void logLines.push(s) }),
  });
});
afterAll(async () => {
  await running.close();
  await wecom.stop();
  await feishu.stop();
});

const say = (text: string): Promise<Card> =>
  running.bot.respond({ kind: 'text', text, chatId: GROUP, userId: ADMIN, chatType: 'group', log: pino({ level: 'debug' }, { write: (s: string) => void logLines.push(s) }) });

describe('push targets never show their keys', () => {
  let pushReply = '';
  beforeAll(async () => {
    pushReply = JSON.stringify(await say('/push'));
  });

  it('the push ran: one hook was posted to, two failed', () => {
    expect(wecom.webhook(WECOM_GOOD_KEY)).toHaveLength(1);
    expect(pushReply).toContain('失败 2 个');
  });

  it.each([
    ['the /push reply posted into the group', () => pushReply],
    ['the admin\'s direct message about the failures', () => JSON.stringify(feishu.calls.filter((c) => c.path.includes('receive_id_type=open_id')).map((c) => c.body))],
    ['the error log', () => logLines.join('\n')],
  ])('%s names the targets masked', (_where, text) => {
    expect(text()).toContain('wecom-hook:…c123');
    expect(text()).toContain('feishu-hook:…f456');
    expect(hidden(text())).toEqual([]);
  });

  it('the admin was told, and the log has the failures', () => {
    expect(feishu.calls.filter((c) => c.path.includes('receive_id_type=open_id'))).toHaveLength(2);
    expect(logLines.join('\n')).toContain('daily push failed');
  });

  it('/status shows the last push masked', async () => {
    const status = JSON.stringify(await say('/status'));
    expect(status).toContain('最近一次推送');
    expect(status).toMatch(/(wecom|feishu)-hook:…/);
    expect(hidden(status)).toEqual([]);
  });
});

describe('maskTarget', () => {
  it.each([
    ['a WeCom robot key', `wecom-hook:${WECOM_BAD_KEY}`, 'wecom-hook:…c123'],
    ['a WeCom webhook URL', `wecom-hook:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_GOOD_KEY}`, 'wecom-hook:…a789'],
    ['a WeCom webhook URL with more parameters', `wecom-hook:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?debug=1&key=${WECOM_GOOD_KEY}&x=y`, 'wecom-hook:…a789'],
    ['a Feishu hook URL', `feishu-hook:https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}`, 'feishu-hook:…f456'],
    ['a Feishu hook URL with a query string', `feishu-hook:https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}?from=x`, 'feishu-hook:…f456'],
    ['a key of 12 characters', 'wecom-hook:abcdefgh1234', 'wecom-hook:…1234'],
    ['a short key (fewer than 8 would stay hidden)', 'wecom-hook:abcdefgh123', 'wecom-hook:…'],
    ['a very short key', 'wecom-hook:k', 'wecom-hook:…'],
    ['an empty key', 'wecom-hook:', 'wecom-hook:'],
    ['nothing', '', ''],
    ['a hook of another kind', 'slack:https://hooks.slack.com/services/T000/B000/XXXXXXXXc123', 'slack:…c123'],
    ['no scheme at all', 'some-secret-key-c123', '…c123'],
    ['a Feishu chat (not a credential)', 'feishu:oc_5ad11d72b830411d72b836c20', 'feishu:oc_5ad11d72b830411d72b836c20'],
    ['a WeCom robot chat (not a credential)', 'wecom:wrkSFfCgAAxxxx', 'wecom:wrkSFfCgAAxxxx'],
    ['a masked target', 'wecom-hook:…c123', 'wecom-hook:…c123'],
  ])('%s: %s → %s', (_name, target, shown) => {
    expect(maskTarget(target)).toBe(shown);
    expect(maskTarget(maskTarget(target))).toBe(shown);
  });

  it.each([
    ['', ''],
    ['abc', '…'],
    ['abcdefghijk', '…'],
    ['abcdefghijkl', '…ijkl'],
  ])('maskSecret(%j) is %j', (secret, shown) => {
    expect(maskSecret(secret)).toBe(shown);
  });

  it('a webhook URL with more parameters still pushes to its key', () => {
    expect(parseTarget(`wecom-hook:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_GOOD_KEY}&debug=1`).ref).toBe(WECOM_GOOD_KEY);
  });

  it.each([
    'slack:secret-slack-token-0000',
    `wecom-hook:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?id=${WECOM_GOOD_KEY}`,
    `feishu-hook:https://example.org/${FEISHU_TOKEN}`,
  ])('a refused target is named masked in the error: %s', (target) => {
    expect(() => parseTarget(target)).toThrow(/push target/);
    const message = (() => {
      try {
        parseTarget(target);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(hidden(message)).toEqual([]);
    expect(message).not.toContain('secret-slack-token');
  });
});

describe('scrubTargetSecrets', () => {
  it.each([
    ['a target in a sentence', `push to wecom-hook:${WECOM_BAD_KEY}：errcode 93000`, `push to wecom-hook:…c123：errcode 93000`],
    ['a WeCom URL in an error', `POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_GOOD_KEY}&debug=1 failed`, 'POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…a789&debug=1 failed'],
    ['a short key in a URL', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'],
    ['a Feishu hook URL', `fetch https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}?a=b: ECONNRESET`, 'fetch https://open.feishu.cn/open-apis/bot/v2/hook/…f456?a=b: ECONNRESET'],
    ['a Feishu hook target in JSON', JSON.stringify({ target: `feishu-hook:https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}` }), JSON.stringify({ target: 'feishu-hook:…f456' })],
    ['text with no credential', 'daily push failed: HTTP 500', 'daily push failed: HTTP 500'],
    ['masked text', 'wecom-hook:…c123 key=…a789', 'wecom-hook:…c123 key=…a789'],
    ['nothing', '', ''],
  ])('%s', (_name, text, scrubbed) => {
    expect(scrubTargetSecrets(text)).toBe(scrubbed);
  });
});

describe('the log redaction', () => {
  it('censors a key wherever it is in a line: a field, a message, an error, a URL, a child logger\'s bindings', () => {
    const lines: string[] = [];
    const log = pino(logOptions('info'), { write: (s: string) => void lines.push(s) });
    const err = new Error(`request to https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_GOOD_KEY} failed, reason: socket hang up`);
    log.error({ err, target: `wecom-hook:${WECOM_BAD_KEY}`, url: `https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}` }, `push to wecom-hook:${WECOM_BAD_KEY} failed`);
    log.child({ target: `feishu-hook:https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}` }).warn({ reason: String(err) }, 'retrying');
    log.info({ sub: { target: 'wecom-hook:x', secret: 'signing-secret-0123456789' } }, 'subscribed');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const all = lines.join('');
    expect(hidden(all)).toEqual([]);
    expect(all).not.toContain('signing-secret');
    expect(all).toContain('wecom-hook:…c123');
    expect(all).toContain('key=…a789');
    expect(all).toContain('/hook/…f456');
    // What is not a credential stays readable.
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, err: { type: 'Error', message: expect.stringContaining('socket hang up') } });
  });
});
