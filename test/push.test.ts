import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AdminCommands } from '../src/admin/commands.js';
import type { Reloader } from '../src/admin/reload.js';
import type { Card, DailyCard } from '../src/core/cards.js';
import { StoreHolder } from '../src/core/store-holder.js';
import type { Fact } from '../src/extract/facts.js';
import { chooseDailyFact, factKey, isInteresting } from '../src/push/choose.js';
import { dayIn, runDailyPush, type DailyPushDeps, type PushOutcome } from '../src/push/daily.js';
import { adminNotice } from '../src/push/runner.js';
import { PushScheduler } from '../src/push/scheduler.js';
import { loadTargetsFile, parseTarget } from '../src/push/targets.js';
import { feishuHookSign } from '../src/platforms/feishu/hook.js';
import { RedisState } from '../src/state/redis-state.js';
import { SqliteState } from '../src/state/sqlite-state.js';
import type { StateStore, Subscription } from '../src/state/state.js';
import type { FactStore } from '../src/store/fact-store.js';
import { startRedis } from './helpers/redis.js';
import { tempDir, tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

let store: FactStore;
let redis: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  store = await storeFrom();
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const sub = (target: string, extra: Partial<Subscription> = {}): Subscription => ({ target, addedAt: 'now', source: 'chat', ...extra });

describe('choosing the fact of the day', () => {
  it('shows a group every interesting fact once before any twice', () => {
    const seen = new Set<string>();
    const pool = store.facts.filter(isInteresting);
    for (let day = 0; day < pool.length; day++) {
      const c = chooseDailyFact(store.facts, { seen, salt: `g|${day}` })!;
      expect(c.newRound).toBe(false);
      expect(seen.has(factKey(c.fact))).toBe(false);
      seen.add(factKey(c.fact));
    }
    expect(chooseDailyFact(store.facts, { seen, salt: 'g|again' })!.newRound).toBe(true);
  });

  it('keeps to a group\'s region and topic', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const c = chooseDailyFact(store.facts, { seen, salt: `z|${i}`, region: '淄博市', regions: store.regions })!;
      expect(c.fact.region).toBe('淄博市');
      seen.add(factKey(c.fact));
    }
    const bed = chooseDailyFact(store.facts, { seen: new Set(), salt: 's', topic: '床位' })!;
    expect(`${bed.fact.metric}${bed.fact.quote}`).toContain('床位');
    expect(chooseDailyFact(store.facts, { seen: new Set(), salt: 's', topic: '航天发射' })).toBeUndefined();
  });

  const base = store0();
  it.each([
    ['a phone number', { metric: '联系电话号码', quote: '联系电话号码3083218个。' }, false],
    ['a date', { kind: 'date' as const, unitClass: 'date' as const }, false],
    ['a duration', { unitClass: 'duration' as const, unit: '小时', answer: '24小时' }, false],
    ['a one-character measure', { metric: '为' }, false],
    ['a plain count', {}, true],
  ])('%s is %s', (_n, over, expected) => {
    expect(isInteresting({ ...base, ...over })).toBe(expected);
  });
});

function store0(): Fact {
  return {
    id: 'x#1', docId: 'x.txt', kind: 'figure', answer: '25970张', value: 25970, unit: '张', unitClass: 'count', metric: '实际开放床位', qualifiers: [], status: 'actual',
    region: '枣庄市', quote: '全市实际开放床位25970张。', span: [8, 14], sentenceNo: 1, block: 1, local: '', clause: '',
  };
}

describe('push targets', () => {
  it.each([
    ['feishu:oc_123', 'feishu-chat'],
    ['feishu-hook:https://open.feishu.cn/open-apis/bot/v2/hook/t0k', 'feishu-hook'],
    ['wecom-hook:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', 'wecom-hook'],
    ['wecom:wrk123', 'wecom-chat'],
  ])('%s is a %s', (id, kind) => {
    expect(parseTarget(id).kind).toBe(kind);
  });

  it.each(['slack:x', 'wecom:single:zhangsan', 'feishu-hook:https://example.org/hook'])('refuses %s', (id) => {
    expect(() => parseTarget(id)).toThrow(/push target/);
  });

  it('reads the targets file', async () => {
    const subs = await loadTargetsFile('test/fixtures/push/targets.json');
    expect(subs.map((s) => s.target)).toEqual(['wecom-hook:robot-key-zibo', 'feishu-hook:https://open.feishu.cn/open-apis/bot/v2/hook/abc-123', 'wecom-hook:robot-key-all']);
    expect(subs[0]).toMatchObject({ region: '淄博市', source: 'file' });
  });

  it('signs Feishu custom-bot pushes as Feishu specifies', () => {
    // base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")).
    expect(feishuHookSign(1599360473, 'demo')).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(feishuHookSign(1599360473, 'demo')).not.toBe(feishuHookSign(1599360474, 'demo'));
  });
});

describe('the daily push', () => {
  const setup = async (send: DailyPushDeps['send'], subs: Subscription[]) => {
    const state = await tempState();
    const reports: unknown[] = [];
    const deps: DailyPushDeps = {
      state,
      stores: new StoreHolder(store),
      targets: async () => subs,
      send,
      report: async (o) => void reports.push(o),
      log: pino({ level: 'silent' }),
      owner: 'test',
      sleep: async () => {},
    };
    return { state, deps, reports };
  };

  it('sends each group one cited fact a day, and none twice that day', async () => {
    const sent: { target: string; card: Card }[] = [];
    const { deps, state } = await setup(async (s, card) => void sent.push({ target: s.target, card }), [sub('wecom-hook:a'), sub('feishu:oc_b', { region: '淄博市' })]);
    const first = await runDailyPush(deps, '2026-11-22', { by: 'test' });
    expect(first.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect((await runDailyPush(deps, '2026-11-22', { by: 'test' })).map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(sent).toHaveLength(2);
    const card = sent[1]!.card as DailyCard;
    expect(card.kind).toBe('daily');
    expect(card.fact.region).toBe('淄博市');
    expect(card.fact.source.title).toBeTruthy();
    expect((await state.pushHistory()).filter((h) => h.status === 'sent')).toHaveLength(2);
  });

  it('retries a failed send, then gives the day back and tells the admins', async () => {
    let calls = 0;
    const { deps, reports, state } = await setup(async () => {
      calls++;
      throw new Error('WeCom webhook/send failed: errcode 93000');
    }, [sub('wecom-hook:broken')]);
    const [r] = await runDailyPush(deps, '2026-11-22', { by: 'test' });
    expect(r).toMatchObject({ status: 'failed', reason: expect.stringContaining('93000') });
    expect(calls).toBe(3);
    expect(reports).toHaveLength(1);
    expect(await state.pushDone('wecom-hook:broken', '2026-11-22')).toBe(false);
    expect((await state.pushHistory())[0]).toMatchObject({ status: 'failed', attempts: 3 });
    // Not lost: the next run may send it.
    deps.send = async () => {};
    expect((await runDailyPush(deps, '2026-11-22', { by: 'test' }))[0]!.status).toBe('sent');
  });

  it('reports a group whose filters match no fact', async () => {
    const { deps, reports } = await setup(async () => {}, [sub('wecom-hook:x', { topic: '航天发射' })]);
    expect((await runDailyPush(deps, '2026-11-22', { by: 'test' }))[0]!.status).toBe('failed');
    expect(reports).toHaveLength(1);
  });

  it('shows in a dry run what each group would get, claiming and sending nothing', async () => {
    const sent: unknown[] = [];
    const { deps, state } = await setup(async (s) => void sent.push(s), [sub('wecom-hook:a')]);
    const [r] = await runDailyPush(deps, '2026-11-22', { by: 'test', dryRun: true });
    expect(r!.status).toBe('dry-run');
    expect(r!.fact?.answer).toBeTruthy();
    expect(sent).toHaveLength(0);
    expect(await state.claimPush('wecom-hook:a', '2026-11-22', 'other', 1000)).toEqual({ ok: true });
  });
});

// Issue 12, item 16. A push process killed after a webhook send went out and before the day was
// marked sent: a WeCom robot or Feishu hook takes no idempotency key, so sending again after the
// lease may post the fact twice. The run that finds the send cut off marks it unknown, tells the
// admins and sends nothing; /push 重发 sends it on purpose. A Feishu chat drops the repeat (same
// uuid), so it is sent again. Both state backends alike (test/reliability/faults-push-kill.test.ts
// kills a real push process).
describe.each([
  ['SQLite', (): Promise<StateStore> => SqliteState.open(tempDir())],
  ['Redis', (): Promise<StateStore> => RedisState.connect(redis.url, { prefix: `push-cut-${Math.random().toString(36).slice(2)}:`, log: pino({ level: 'silent' }) })],
])('a push cut off mid-send, with %s state', (_name, open) => {
  const DAY = '2026-11-22';
  const HOOK = 'wecom-hook:3f6c1a2b-9d8e-4f70-a1b2-c3d4e5f6c123';
  const CHAT = 'feishu:oc_cut_off_chat';
  const ADMIN = 'feishu:ou_admin';

  it('is not sent again by the next runs: unknown, the admins told once, shown in /status; /push 重发 sends it on purpose', async () => {
    const state = await open();
    const fact = store.facts.filter(isInteresting)[3]!;
    const sent: { target: string; key: string; fact: string }[] = [];
    const reports: PushOutcome[] = [];
    const lines: string[] = [];
    const deps: DailyPushDeps = {
      state,
      stores: new StoreHolder(store),
      targets: async () => [sub(HOOK), sub(CHAT)],
      send: async (s, card, key) => void sent.push({ target: s.target, key, fact: (card as DailyCard).fact.answer + (card as DailyCard).fact.metric }),
      report: async (o) => void reports.push(o),
      log: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }),
      owner: 'run-2',
      sleep: async () => {},
    };
    // Run 1 sent both and died waiting for the answers: claimed, "sending" recorded, never marked.
    for (const t of [HOOK, CHAT]) {
      expect(await state.claimPush(t, DAY, 'run-1', 1)).toEqual({ ok: true });
      await state.markPushSending(t, DAY, 'run-1', factKey(fact));
    }
    await new Promise((r) => setTimeout(r, 20)); // the 1 ms leases lapse

    const second = await runDailyPush(deps, DAY, { by: 'schedule' });
    expect(second.map((r) => [r.target, r.status])).toEqual([[HOOK, 'unknown'], [CHAT, 'sent']]);
    // The chat gets the same fact under the same uuid, which Feishu posts once; the hook nothing.
    expect(sent).toEqual([{ target: CHAT, key: `push-${DAY}-${CHAT}`, fact: fact.answer + fact.metric }]);
    expect(reports).toMatchObject([{ target: HOOK, status: 'unknown', fact: { key: factKey(fact) } }]);
    expect(adminNotice(reports[0]!)).toContain('wecom-hook:…c123');
    expect(adminNotice(reports[0]!)).toContain('/push 重发');
    const warned = lines.map((l) => JSON.parse(l) as { level: number; target?: string; msg: string }).filter((l) => l.level === 40);
    expect(warned).toMatchObject([{ target: 'wecom-hook:…c123' }]);
    expect(lines.join('')).not.toContain('3f6c1a2b');
    expect(await state.pushDone(HOOK, DAY)).toBe(false);
    expect(await state.seenFacts(HOOK)).toEqual(new Set([factKey(fact)]));

    // Later runs (the schedule's catch-up, a restart): still unknown, nothing sent, nobody told again.
    const third = await runDailyPush(deps, DAY, { by: 'schedule:catch-up' });
    expect(third.map((r) => r.status)).toEqual(['unknown', 'skipped']);
    expect(sent).toHaveLength(1);
    expect(reports).toHaveLength(1);

    const admin = new AdminCommands({
      admins: new Set([ADMIN]),
      reportsDir: tempDir(),
      reloader: {} as Reloader,
      pushNow: (by, o) => runDailyPush(deps, DAY, { by, ...o }),
      state,
      stores: new StoreHolder(store),
      startedAt: new Date(),
      channels: () => ({}),
      canPushTo: () => undefined,
    });
    const say = async (text: string, args = '') =>
      JSON.stringify(await admin.run(text, args, { chatId: 'feishu:oc_admins', userId: ADMIN, chatType: 'group', log: pino({ level: 'silent' }) }));
    const status = await say('status');
    expect(status).toContain(`结果不明的推送（推送中断，没有自动重发；确认没收到后发送 /push 重发）：${DAY} wecom-hook:…c123`);
    expect(status).not.toContain('3f6c1a2b');

    const push = await say('push_now');
    expect(push).toContain('结果不明 1 个');
    expect(push).toContain('wecom-hook:…c123：上次推送中断');
    expect(sent).toHaveLength(1);

    // On purpose: the same fact again, marked sent; /status no longer lists it; /push then skips it.
    const resend = await say('push_now', '重发');
    expect(resend).toContain('已发送 1 个群');
    expect(sent).toEqual([
      { target: CHAT, key: `push-${DAY}-${CHAT}`, fact: fact.answer + fact.metric },
      { target: HOOK, key: `push-${DAY}-${HOOK}`, fact: fact.answer + fact.metric },
    ]);
    expect(await state.pushDone(HOOK, DAY)).toBe(true);
    expect(await say('status')).not.toContain('结果不明的推送');
    expect((await runDailyPush(deps, DAY, { by: 'schedule' })).map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(sent).toHaveLength(2);
    await state.close();
  });
});

describe('a push to a Feishu chat cut off mid-send', () => {
  it('more than 50 minutes before is unknown too: Feishu keeps a uuid for an hour', async () => {
    const t0 = Date.parse('2026-11-22T01:00:00Z');
    let now = t0;
    // With SqliteState's clock (the Redis arithmetic is the same, in test/state.test.ts).
    const state = await SqliteState.open(tempDir(), { now: () => now });
    const sent: string[] = [];
    const reports: PushOutcome[] = [];
    const deps: DailyPushDeps = {
      state,
      stores: new StoreHolder(store),
      targets: async () => [sub('feishu:oc_cut_off_chat')],
      send: async (s) => void sent.push(s.target),
      report: async (o) => void reports.push(o),
      log: pino({ level: 'silent' }),
      owner: 'run-2',
      sleep: async () => {},
    };
    await state.claimPush('feishu:oc_cut_off_chat', '2026-11-22', 'run-1', 10 * 60_000);
    await state.markPushSending('feishu:oc_cut_off_chat', '2026-11-22', 'run-1', factKey(store.facts.filter(isInteresting)[0]!));
    now = t0 + 51 * 60_000;
    expect((await runDailyPush(deps, '2026-11-22', { by: 'schedule' })).map((r) => r.status)).toEqual(['unknown']);
    expect(sent).toEqual([]);
    expect(reports).toHaveLength(1);
    await state.close();
  });
});

describe('the schedule, with fake timers, across restarts and a day boundary', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pushes at 09:00 Shanghai time exactly once a day, whatever the restarts', async () => {
    // 08:30 in Shanghai on 2026-11-22.
    vi.useFakeTimers({ now: new Date('2026-11-22T00:30:00Z'), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const state: StateStore = await tempState();
    const sent: { target: string; day: string; fact: string }[] = [];
    const deps: DailyPushDeps = {
      state,
      stores: new StoreHolder(store),
      targets: async () => [sub('wecom-hook:a'), sub('feishu:oc_b')],
      send: async (s, card) => void sent.push({ target: s.target, day: (card as DailyCard).day, fact: (card as DailyCard).fact.answer + (card as DailyCard).fact.metric }),
      report: async () => {},
      log: pino({ level: 'silent' }),
      owner: 'test',
      sleep: async () => {},
    };
    const scheduler = () =>
      new PushScheduler({ cron: '0 9 * * *', timeZone: 'Asia/Shanghai', run: (day) => runDailyPush(deps, day, { by: 'schedule' }), log: pino({ level: 'silent' }) });

    const a = scheduler();
    await a.start();
    await vi.advanceTimersByTimeAsync(29 * 60_000); // 08:59
    expect(sent).toHaveLength(0);
    a.stop(); // restart at 08:59

    const b = scheduler();
    await b.start();
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2 * 60_000); // 09:01
    await b.idle();
    expect(sent.map((s) => s.day)).toEqual(['2026-11-22', '2026-11-22']);
    b.stop(); // restart at 09:01

    const c = scheduler();
    await c.start(); // catches up, finds the day sent
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(24 * 3600_000); // 09:01 the next day
    await c.idle();
    expect(sent.map((s) => s.day)).toEqual(['2026-11-22', '2026-11-22', '2026-11-23', '2026-11-23']);
    // Each group gets another fact on the second day.
    expect(sent[2]!.fact).not.toBe(sent[0]!.fact);
    expect(sent[3]!.fact).not.toBe(sent[1]!.fact);
    c.stop();
  });

  it('catches up at start when 09:00 passed and nothing was sent', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T03:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] }); // 11:00 Shanghai
    let runs = 0;
    const s = new PushScheduler({ cron: '0 9 * * *', timeZone: 'Asia/Shanghai', run: async () => void runs++, log: pino({ level: 'silent' }) });
    await s.start();
    expect(runs).toBe(1);
    s.stop();
  });

  it('names the setting when the cron pattern is wrong', () => {
    expect(() => PushScheduler.check('99 9 * * *', 'Asia/Shanghai')).toThrow(/PUSH_CRON/);
  });

  it('knows the day in the push time zone', () => {
    expect(dayIn(new Date('2026-11-22T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-23');
    expect(dayIn(new Date('2026-11-22T17:00:00Z'), 'UTC')).toBe('2026-11-22');
  });
});

describe('npm run push -- --dry-run', () => {
  it('prints what each group would get today, and sends nothing', () => {
    const dataDir = tempDir();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/push.ts', '--dry-run'], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir, PUSH_TARGETS_FILE: 'test/fixtures/push/targets.json', WECOM_API_BASE: 'http://127.0.0.1:9' },
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('预览');
    // Hook targets are credentials: shown masked, never whole (test/push-secrets.test.ts has the rest).
    expect(r.stdout).toContain('wecom-hook:…zibo');
    expect(r.stdout).toMatch(/dry-run\s+\S+.*（淄博市）/);
    expect(r.stdout).toContain('feishu-hook:…\n');
    for (const secret of ['robot-key-zibo', 'robot-key-all', 'abc-123', 'hook-secret']) expect(r.stdout + r.stderr).not.toContain(secret);
    let pushes: unknown[] = [];
    if (existsSync(`${dataDir}/state.db`)) {
      const db = new Database(`${dataDir}/state.db`, { readonly: true });
      pushes = db.prepare('SELECT * FROM pushes').all();
      db.close();
    }
    // No state written at all, or none claimed.
    expect(pushes).toEqual([]);
  });
});
