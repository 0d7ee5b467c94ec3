import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { SettingError } from '../config.js';
import { LockBusyError, type ClaimOptions, type PushClaim, type PushRecord, type ReloadRecord, type StateStore, type Subscription } from './state.js';

// Deletes a key only when it still holds the caller's token: a lock or claim is never freed by
// someone it has lapsed to.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

// A day's push to a target: KEYS[1] its mark ('claimed:<owner>' under a lease, 'sent', 'unknown'),
// KEYS[2] the send under way ('<ms>|<fact key>', from markPushSending until sent or released).
// A mark lapsed with a send recorded is a send cut off: taken over when it began after ARGV[3]
// ('' never), else marked unknown once ('found'). ARGV: owner, lease ms, since, keep ms.
const CLAIM_PUSH = `
local cur = redis.call('get', KEYS[1])
if cur == 'sent' then return {'sent', ''} end
if cur and cur ~= 'unknown' then return {'held', ''} end
local sending = redis.call('get', KEYS[2])
if sending then
  local at = tonumber(string.match(sending, '^(%d+)|')) or 0
  if ARGV[3] ~= '' and at > tonumber(ARGV[3]) then
    redis.call('set', KEYS[1], 'claimed:' .. ARGV[1], 'PX', ARGV[2])
    return {'resumed', sending}
  end
  if cur == 'unknown' then return {'unknown', sending} end
  redis.call('set', KEYS[1], 'unknown', 'PX', ARGV[4])
  redis.call('pexpire', KEYS[2], ARGV[4])
  return {'found', sending}
end
redis.call('set', KEYS[1], 'claimed:' .. ARGV[1], 'PX', ARGV[2])
return {'ok', ''}`;

// Gives a claim back (with its send record); a sent or unknown mark stays.
const RELEASE_PUSH = `
local cur = redis.call('get', KEYS[1])
if cur and string.sub(cur, 1, 8) == 'claimed:' then return redis.call('del', KEYS[1], KEYS[2]) end
return 0`;

/** How long a day's marks are kept. */
const KEEP_MS = 8 * 86_400_000;

/**
 * State in Redis, shared by every replica: de-duplication with SET NX, one push per group per day
 * with an atomic claim, a lock for reloads, and pub/sub so a reload on one replica reloads all.
 */
export class RedisState implements StateStore {
  readonly kind = 'redis' as const;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, ((m: string) => void)[]>();
  private readonly owner = randomBytes(6).toString('hex');

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.sub = redis.duplicate();
    this.sub.on('message', (channel: string, message: string) => {
      for (const h of this.handlers.get(channel.slice(this.prefix.length)) ?? []) h(message);
    });
    for (const c of [this.redis, this.sub]) {
      c.on('error', (err: Error) => this.log.warn({ err: err.message }, 'redis connection error; retrying'));
      c.on('ready', () => this.log.info('redis connected'));
    }
  }

  static async connect(url: string, opts: { prefix?: string; log: Logger }): Promise<RedisState> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true, connectTimeout: 5000 });
    // Until the state takes over the connection, its errors are the failed connect below: the first
    // one says why (ECONNREFUSED, ENOTFOUND, a refused password), the rejection only that it closed.
    let first: Error | undefined;
    const quiet = (err: Error) => void (first ??= err);
    redis.on('error', quiet);
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      const why = (first ?? (err as Error)).message;
      // The URL is not repeated: it may hold a password.
      throw new SettingError('REDIS_URL', `REDIS_URL: cannot connect to Redis (${why}); check the URL and that Redis runs and accepts connections from here, or unset REDIS_URL to keep state in DATA_DIR/state.db`);
    }
    redis.off('error', quiet);
    return new RedisState(redis, opts.prefix ?? 'factbot:', opts.log);
  }

  private k(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  async firstSighting(id: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.k('seen', id), '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  async subscriptions(): Promise<Subscription[]> {
    const all = await this.redis.hgetall(this.k('subscriptions'));
    return Object.values(all).map((v) => JSON.parse(v) as Subscription);
  }

  async subscribe(sub: Subscription): Promise<boolean> {
    return (await this.redis.hset(this.k('subscriptions'), sub.target, JSON.stringify(sub))) === 1;
  }

  async unsubscribe(target: string): Promise<boolean> {
    return (await this.redis.hdel(this.k('subscriptions'), target)) === 1;
  }

  async claimPush(target: string, day: string, owner: string, leaseMs: number, opts: ClaimOptions = {}): Promise<PushClaim> {
    const within = opts.resendCutOffWithinMs;
    // Strictly after `since`, as SqliteState's now - at < within.
    const since = within === undefined ? '' : within === Infinity ? '-1' : String(Date.now() - within);
    const [what, sending] = (await this.redis.eval(CLAIM_PUSH, 2, this.k('push', day, target), this.k('push-sending', day, target), owner, leaseMs, since, KEEP_MS)) as [string, string];
    const factKey = sending.slice(sending.indexOf('|') + 1);
    switch (what) {
      case 'sent':
      case 'held':
        return { ok: false, why: what };
      case 'resumed':
        return { ok: true, resumed: factKey };
      case 'unknown':
      case 'found':
        return { ok: false, why: 'unknown', factKey, found: what === 'found' };
      default:
        return { ok: true };
    }
  }

  async markPushSending(target: string, day: string, _owner: string, factKey: string): Promise<void> {
    await this.redis.set(this.k('push-sending', day, target), `${Date.now()}|${factKey}`, 'PX', KEEP_MS);
  }

  async markPushSent(target: string, day: string): Promise<void> {
    await this.redis.multi().set(this.k('push', day, target), 'sent', 'PX', KEEP_MS).del(this.k('push-sending', day, target)).exec();
  }

  async releasePush(target: string, day: string): Promise<void> {
    await this.redis.eval(RELEASE_PUSH, 2, this.k('push', day, target), this.k('push-sending', day, target));
  }

  async pushDone(target: string, day: string): Promise<boolean> {
    return (await this.redis.get(this.k('push', day, target))) === 'sent';
  }

  async recordPush(rec: PushRecord): Promise<void> {
    await this.redis.multi().lpush(this.k('push-history'), JSON.stringify(rec)).ltrim(this.k('push-history'), 0, 999).exec();
  }

  async pushHistory(limit = 50): Promise<PushRecord[]> {
    return (await this.redis.lrange(this.k('push-history'), 0, limit - 1)).map((v) => JSON.parse(v) as PushRecord);
  }

  async seenFacts(target: string): Promise<Set<string>> {
    return new Set(await this.redis.smembers(this.k('seen-facts', target)));
  }

  async markFactSeen(target: string, factKey: string): Promise<void> {
    await this.redis.sadd(this.k('seen-facts', target), factKey);
  }

  async resetSeenFacts(target: string): Promise<void> {
    await this.redis.del(this.k('seen-facts', target));
  }

  async recordReload(r: ReloadRecord): Promise<void> {
    await this.redis.multi().lpush(this.k('reloads'), JSON.stringify(r)).ltrim(this.k('reloads'), 0, 99).exec();
  }

  async reloads(limit = 10): Promise<ReloadRecord[]> {
    return (await this.redis.lrange(this.k('reloads'), 0, limit - 1)).map((v) => JSON.parse(v) as ReloadRecord);
  }

  async withLock<T>(name: string, ttlMs: number, fn: () => Promise<T>): Promise<T> {
    const key = this.k('lock', name);
    const token = `${this.owner}:${randomBytes(4).toString('hex')}`;
    if ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') throw new LockBusyError(name);
    try {
      return await fn();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.redis.publish(this.prefix + channel, message);
  }

  async onMessage(channel: string, handler: (message: string) => void): Promise<void> {
    if (!this.handlers.has(channel)) await this.sub.subscribe(this.prefix + channel);
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.redis.quit()]);
  }
}
