import type { Logger } from 'pino';
import { factViewOf, type Card } from '../core/cards.js';
import type { StoreHolder } from '../core/store-holder.js';
import { withRetry } from '../core/retry.js';
import { seriesOfFact } from '../across/trend.js';
import type { Fact } from '../extract/facts.js';
import type { PushRecord, StateStore, Subscription } from '../state/state.js';
import { chooseDailyFact, factKey } from './choose.js';
import { maskTarget, scrubTargetSecrets } from './mask.js';
import { resendsSafely } from './targets.js';

/**
 * What a run did for one target. `target` is the target itself, a credential for hooks: show it
 * through maskTarget. unknown: a send was cut off before, so the group may have the fact already.
 */
export interface PushOutcome {
  target: string;
  status: 'sent' | 'skipped' | 'failed' | 'unknown' | 'dry-run';
  fact?: { key: string; answer: string; metric: string; region: string; file: string };
  reason?: string;
}

/** How long a claim holds a target; a holder that dies lets it go after this. */
const PUSH_LEASE_MS = 10 * 60_000;
/** Feishu drops a repeated message uuid for an hour; a cut-off send to a Feishu chat is resent within this. */
const SAFE_RESEND_MS = 50 * 60_000;

const CUT_OFF_REASON =
  'an earlier send was cut off (the process stopped before the platform answered), so the group may have it already; it is not resent by itself: once you know the group did not get it, /push 重发 (or npm run push -- --resend-unknown) sends it again';

export interface DailyPushDeps {
  state: StateStore;
  stores: StoreHolder;
  /** Subscriptions from chats and from the targets file. */
  targets: () => Promise<Subscription[]>;
  send: (sub: Subscription, card: Card, key: string) => Promise<void>;
  /** Tells the admins about a push that failed for good. */
  report: (outcome: PushOutcome) => Promise<void>;
  log: Logger;
  /** Who runs this push (replica id), for the claim. */
  owner: string;
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * Sends each subscribed group its fact of the day, at most once: a group is claimed in the shared
 * state before sending, so a restart or a second replica finds it taken; the fact is recorded as
 * being sent before the send, so a run that finds a send cut off (its process died waiting for the
 * answer) marks it unknown and tells the admins instead of sending it again, unless the platform
 * drops repeats (Feishu chats) or `resendUnknown` asks for it. A send that fails is retried, then
 * the claim is given back and the admins are told. A dry run claims and sends nothing.
 */
export async function runDailyPush(deps: DailyPushDeps, day: string, opts: { dryRun?: boolean; by: string; resendUnknown?: boolean }): Promise<PushOutcome[]> {
  const store = deps.stores.current;
  const out: PushOutcome[] = [];
  const subs = dedupeTargets(await deps.targets());
  for (const sub of subs) {
    const shown = maskTarget(sub.target);
    const seen = await deps.state.seenFacts(sub.target);
    const choice = chooseDailyFact(store.facts, {
      seen,
      salt: `${sub.target}|${day}`,
      ...(sub.region ? { region: sub.region } : {}),
      ...(sub.topic ? { topic: sub.topic } : {}),
      regions: store.regions,
    });
    if (opts.dryRun) {
      const done = await deps.state.pushDone(sub.target, day);
      out.push({ target: sub.target, status: 'dry-run', ...(choice ? { fact: describe(choice.fact) } : {}), ...(done ? { reason: 'already sent today' } : !choice ? { reason: 'no fact matches its filters' } : {}) });
      continue;
    }
    const within = opts.resendUnknown ? Infinity : resendsSafely(sub.target) ? SAFE_RESEND_MS : undefined;
    const claim = await deps.state.claimPush(sub.target, day, deps.owner, PUSH_LEASE_MS, within === undefined ? {} : { resendCutOffWithinMs: within });
    if (!claim.ok) {
      if (claim.why === 'unknown') out.push(await cutOff(deps, sub, day, claim, opts.by));
      else out.push({ target: sub.target, status: 'skipped', reason: claim.why === 'sent' ? 'already sent today' : 'being sent by another replica, or by a run that stopped (its claim lapses in 10 minutes)' });
      continue;
    }
    // A send taken over carries the fact it was sending, while the store still has it.
    const resumed = claim.resumed !== undefined ? store.facts.find((f) => factKey(f) === claim.resumed) : undefined;
    const fact = resumed ?? choice?.fact;
    if (!fact) {
      await deps.state.releasePush(sub.target, day);
      const outcome: PushOutcome = { target: sub.target, status: 'failed', reason: `no fact matches its filters (region ${sub.region ?? 'any'}, topic ${sub.topic ?? 'any'})` };
      await finishFailed(deps, sub, day, outcome, opts.by);
      out.push(outcome);
      continue;
    }
    const described = describe(fact);
    const doc = store.docs.get(fact.docId)?.meta;
    const trend = seriesOfFact(store, fact);
    const card: Card = { kind: 'daily', day, fact: factViewOf(fact, doc), ...(trend ? { trend } : {}) };
    await deps.state.markPushSending(sub.target, day, deps.owner, described.key);
    let attempts = 0;
    try {
      await withRetry(
        async () => {
          attempts++;
          await deps.send(sub, card, `push-${day}-${sub.target}`);
        },
        { attempts: deps.attempts ?? 3, baseMs: 2000, maxMs: 30_000, classify: () => ({ retry: true }), ...(deps.sleep ? { sleep: deps.sleep } : {}) },
      );
    } catch (err) {
      await deps.state.releasePush(sub.target, day);
      const outcome: PushOutcome = { target: sub.target, status: 'failed', fact: described, reason: scrubTargetSecrets(err instanceof Error ? err.message : String(err)) };
      await finishFailed(deps, sub, day, outcome, opts.by, attempts);
      out.push(outcome);
      continue;
    }
    if (choice?.newRound && fact === choice.fact) await deps.state.resetSeenFacts(sub.target);
    await deps.state.markFactSeen(sub.target, described.key);
    await deps.state.markPushSent(sub.target, day);
    await deps.state.recordPush({ target: sub.target, day, status: 'sent', factKey: described.key, at: new Date().toISOString(), attempts, by: opts.by });
    deps.log.info({ target: shown, day, fact: described.key, attempts, by: opts.by, ...(claim.resumed !== undefined ? { resent: true } : {}) }, 'daily fact pushed');
    out.push({ target: sub.target, status: 'sent', fact: described });
  }
  return out;
}

function describe(fact: Fact): NonNullable<PushOutcome['fact']> {
  return { key: factKey(fact), answer: fact.answer, metric: fact.metric, region: fact.region, file: fact.docId };
}

/**
 * A send found cut off: not resent. The one run that finds it records it, counts the fact as seen
 * (the group most likely has it) and tells the admins; later runs only say so.
 */
async function cutOff(deps: DailyPushDeps, sub: Subscription, day: string, claim: { factKey: string; found: boolean }, by: string): Promise<PushOutcome> {
  const fact = deps.stores.current.facts.find((f) => factKey(f) === claim.factKey);
  const outcome: PushOutcome = { target: sub.target, status: 'unknown', ...(fact ? { fact: describe(fact) } : {}), reason: CUT_OFF_REASON };
  if (!claim.found) return outcome;
  await deps.state.markFactSeen(sub.target, claim.factKey);
  await deps.state.recordPush({ target: sub.target, day, status: 'unknown', factKey: claim.factKey, at: new Date().toISOString(), attempts: 0, error: CUT_OFF_REASON, by });
  deps.log.warn({ target: maskTarget(sub.target), day, fact: claim.factKey, by }, 'daily push cut off mid-send earlier: not resent, the admins are told');
  await deps.report(outcome).catch((err: unknown) => deps.log.error({ err: scrubTargetSecrets(String(err)) }, 'could not report an unknown push to the admins'));
  return outcome;
}

async function finishFailed(deps: DailyPushDeps, sub: Subscription, day: string, outcome: PushOutcome, by: string, attempts = 0): Promise<void> {
  deps.log.error({ target: maskTarget(sub.target), day, reason: outcome.reason, attempts }, 'daily push failed');
  await deps.state.recordPush({ target: sub.target, day, status: 'failed', ...(outcome.fact ? { factKey: outcome.fact.key } : {}), at: new Date().toISOString(), attempts, error: outcome.reason ?? 'unknown', by });
  await deps.report(outcome).catch((err: unknown) => deps.log.error({ err: scrubTargetSecrets(String(err)) }, 'could not report a failed push to the admins'));
}

/**
 * Pushes of the last two days whose outcome is unknown and that no later send settled, newest
 * first, from the history (newest first): what /status lists for the admins to check.
 */
export function unsettledPushes(history: readonly PushRecord[], now: Date): PushRecord[] {
  const settled = new Set<string>();
  const out: PushRecord[] = [];
  for (const rec of history) {
    const key = `${rec.day}|${rec.target}`;
    if (rec.status === 'sent') settled.add(key);
    else if (rec.status === 'unknown' && !settled.has(key) && now.getTime() - Date.parse(rec.at) < 2 * 86_400_000) {
      settled.add(key);
      out.push(rec);
    }
  }
  return out;
}

/** A target listed in the file and subscribed from its chat is pushed once; the chat's filters win. */
function dedupeTargets(subs: Subscription[]): Subscription[] {
  const byTarget = new Map<string, Subscription>();
  for (const s of subs) {
    const prev = byTarget.get(s.target);
    if (!prev || s.source === 'chat') byTarget.set(s.target, s);
  }
  return [...byTarget.values()];
}
