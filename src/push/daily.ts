import type { Logger } from 'pino';
import { factViewOf, type Card } from '../core/cards.js';
import type { StoreHolder } from '../core/store-holder.js';
import { withRetry } from '../core/retry.js';
import type { StateStore, Subscription } from '../state/state.js';
import { chooseDailyFact, factKey } from './choose.js';

export interface PushOutcome {
  target: string;
  status: 'sent' | 'skipped' | 'failed' | 'dry-run';
  fact?: { key: string; answer: string; metric: string; region: string; file: string };
  reason?: string;
}

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
 * Sends each subscribed group its fact of the day, exactly once: a group is claimed in the shared
 * state before sending, so a restart or a second replica finds it taken; a send that fails is
 * retried, then the claim is given back and the admins are told. A dry run claims and sends nothing.
 */
export async function runDailyPush(deps: DailyPushDeps, day: string, opts: { dryRun?: boolean; by: string }): Promise<PushOutcome[]> {
  const store = deps.stores.current;
  const out: PushOutcome[] = [];
  const subs = dedupeTargets(await deps.targets());
  for (const sub of subs) {
    const seen = await deps.state.seenFacts(sub.target);
    const choice = chooseDailyFact(store.facts, {
      seen,
      salt: `${sub.target}|${day}`,
      ...(sub.region ? { region: sub.region } : {}),
      ...(sub.topic ? { topic: sub.topic } : {}),
      regions: store.regions,
    });
    const described = choice && {
      key: factKey(choice.fact),
      answer: choice.fact.answer,
      metric: choice.fact.metric,
      region: choice.fact.region,
      file: choice.fact.docId,
    };
    if (opts.dryRun) {
      const done = await deps.state.pushDone(sub.target, day);
      out.push({ target: sub.target, status: 'dry-run', ...(described ? { fact: described } : {}), ...(done ? { reason: 'already sent today' } : !choice ? { reason: 'no fact matches its filters' } : {}) });
      continue;
    }
    if (!(await deps.state.claimPush(sub.target, day, deps.owner, 10 * 60_000))) {
      out.push({ target: sub.target, status: 'skipped', reason: 'already sent today, or being sent by another replica' });
      continue;
    }
    if (!choice || !described) {
      await deps.state.releasePush(sub.target, day);
      const outcome: PushOutcome = { target: sub.target, status: 'failed', reason: `no fact matches its filters (region ${sub.region ?? 'any'}, topic ${sub.topic ?? 'any'})` };
      await finishFailed(deps, sub, day, outcome, opts.by);
      out.push(outcome);
      continue;
    }
    const doc = store.docs.get(choice.fact.docId)?.meta;
    const card: Card = { kind: 'daily', day, fact: factViewOf(choice.fact, doc) };
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
      const outcome: PushOutcome = { target: sub.target, status: 'failed', fact: described, reason: err instanceof Error ? err.message : String(err) };
      await finishFailed(deps, sub, day, outcome, opts.by, attempts);
      out.push(outcome);
      continue;
    }
    if (choice.newRound) await deps.state.resetSeenFacts(sub.target);
    await deps.state.markFactSeen(sub.target, described.key);
    await deps.state.markPushSent(sub.target, day);
    await deps.state.recordPush({ target: sub.target, day, status: 'sent', factKey: described.key, at: new Date().toISOString(), attempts, by: opts.by });
    deps.log.info({ target: sub.target, day, fact: described.key, attempts, by: opts.by }, 'daily fact pushed');
    out.push({ target: sub.target, status: 'sent', fact: described });
  }
  return out;
}

async function finishFailed(deps: DailyPushDeps, sub: Subscription, day: string, outcome: PushOutcome, by: string, attempts = 0): Promise<void> {
  deps.log.error({ target: sub.target, day, reason: outcome.reason, attempts }, 'daily push failed');
  await deps.state.recordPush({ target: sub.target, day, status: 'failed', ...(outcome.fact ? { factKey: outcome.fact.key } : {}), at: new Date().toISOString(), attempts, error: outcome.reason ?? 'unknown', by });
  await deps.report(outcome).catch((err: unknown) => deps.log.error({ err: String(err) }, 'could not report a failed push to the admins'));
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
