import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { StoreHolder } from '../core/store-holder.js';
import { warmUp } from '../core/warm-up.js';
import { factKey } from '../push/choose.js';
import type { StateStore } from '../state/state.js';
import type { LoadProblem } from '../reports/load.js';
import { factsOfReport, type FactStore } from '../store/fact-store.js';

export interface StoreDiff {
  docsAdded: string[];
  docsRemoved: string[];
  docsChanged: string[];
  factsAdded: number;
  factsRemoved: number;
}

export interface ReloadOutcome {
  ok: boolean;
  /** What changed, or why the old facts were kept. */
  summary: string;
  diff?: StoreDiff;
  failures: { file: string; reason: string }[];
  /** The new store's caveats (metadata ignored, files passed over): new ones (the old store lacked them) and standing ones. */
  warnings?: { fresh: LoadProblem[]; standing: LoadProblem[] };
}

/** What a reload changed, report by report and fact by fact. */
export function diffStores(before: FactStore, after: FactStore): StoreDiff {
  const docsAdded = [...after.docs.keys()].filter((id) => !before.docs.has(id));
  const docsRemoved = [...before.docs.keys()].filter((id) => !after.docs.has(id));
  const docsChanged = [...after.docs.keys()].filter((id) => before.docs.has(id) && before.docs.get(id)!.digest !== after.docs.get(id)!.digest);
  // A report whose digest is the same has the same facts: only the others are compared, so a
  // reload of a thousand reports does not hold the answering thread to count them all.
  const keysOf = (store: FactStore, id: string) => new Set(factsOfReport(store, id).map(factKey));
  let factsAdded = 0;
  let factsRemoved = 0;
  for (const id of [...docsAdded, ...docsRemoved, ...docsChanged]) {
    const a = keysOf(before, id);
    const b = keysOf(after, id);
    for (const k of b) if (!a.has(k)) factsAdded++;
    for (const k of a) if (!b.has(k)) factsRemoved++;
  }
  return { docsAdded, docsRemoved, docsChanged, factsAdded, factsRemoved };
}

export function describeDiff(d: StoreDiff, store: FactStore): string {
  const parts = [`${store.docs.size} 份报告，${store.facts.length} 条数据`];
  if (d.docsAdded.length) parts.push(`新增报告 ${d.docsAdded.join('、')}`);
  if (d.docsRemoved.length) parts.push(`移除报告 ${d.docsRemoved.join('、')}`);
  if (d.docsChanged.length) parts.push(`更新报告 ${d.docsChanged.join('、')}`);
  parts.push(`数据 +${d.factsAdded} / -${d.factsRemoved}`);
  if (!d.docsAdded.length && !d.docsRemoved.length && !d.docsChanged.length) parts.push('报告没有变化');
  return parts.join('；');
}

/** The new store's warnings split into those the old store did not have and those it had too. */
export function splitWarnings(before: FactStore, after: FactStore): { fresh: LoadProblem[]; standing: LoadProblem[] } {
  const key = (w: LoadProblem) => `${w.file}\u0000${w.reason}`;
  const had = new Set(before.warnings.map(key));
  return { fresh: after.warnings.filter((w) => !had.has(key(w))), standing: after.warnings.filter((w) => had.has(key(w))) };
}

/** How many warnings a reply lists before it says how many more there are. */
const LISTED = 10;

/** The warnings for the reload reply: new ones in full, the others by file name; empty when none. */
export function describeWarnings({ fresh, standing }: { fresh: readonly LoadProblem[]; standing: readonly LoadProblem[] }): string {
  const files = [...new Set(standing.map((w) => w.file))];
  const parts: string[] = [];
  if (fresh.length) parts.push(`新的提醒：${fresh.slice(0, LISTED).map((w) => `${w.file}（${w.reason}）`).join('；')}${fresh.length > LISTED ? `等 ${fresh.length} 条` : ''}`);
  if (files.length) parts.push(`仍有提醒：${files.slice(0, LISTED).join('、')}${files.length > LISTED ? ` 等 ${files.length} 个文件` : ''}`);
  return parts.join('；');
}

/**
 * Re-reads seeds/ and intents/ into a new store while the old one keeps answering, then swaps it
 * in whole. One reload at a time, across replicas (a lock in the shared state). A reload that
 * fails, or that would lose a report which loaded before, keeps the old store and says why. A
 * reload on one replica tells the others, which reload from their own copy of the files.
 */
export class Reloader {
  private chain: Promise<unknown> = Promise.resolve();
  readonly id = randomBytes(6).toString('hex');
  /** Called after every reload attempt (metrics). */
  onOutcome?: (ok: boolean) => void;

  constructor(
    private readonly deps: { stores: StoreHolder; build: () => Promise<FactStore>; state: StateStore; log: Logger },
  ) {}

  async listen(): Promise<void> {
    await this.deps.state.onMessage('reload', (message) => {
      let m: { origin?: string; by?: string };
      try {
        m = JSON.parse(message) as { origin?: string; by?: string };
      } catch {
        return;
      }
      if (m.origin === this.id) return;
      this.deps.log.info({ from: m.origin, by: m.by }, 'another replica reloaded; reloading here');
      void this.reload(`${m.by ?? 'replica'} (via another replica)`, { broadcast: false, lock: false });
    });
  }

  reload(by: string, opts: { broadcast?: boolean; lock?: boolean } = {}): Promise<ReloadOutcome> {
    // In-process: one after another. Across processes: the lock refuses a second at once.
    const run = async () => (opts.lock === false ? this.once(by, opts.broadcast ?? true) : this.deps.state.withLock('reload', 5 * 60_000, () => this.once(by, opts.broadcast ?? true)));
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next.catch((err: unknown): ReloadOutcome => ({ ok: false, summary: `没有重新加载：${err instanceof Error ? err.message : String(err)}`, failures: [] }));
  }

  private async once(by: string, broadcast: boolean): Promise<ReloadOutcome> {
    const before = this.deps.stores.current;
    let after: FactStore;
    try {
      after = await this.deps.build();
    } catch (err) {
      return this.finish(by, { ok: false, summary: `重新加载失败，仍使用原来的数据：${err instanceof Error ? err.message : String(err)}`, failures: [] });
    }
    const failures = after.failures.map((f) => ({ file: f.file, reason: f.reason }));
    // A report that answered before and cannot be read now: keep the old facts rather than lose it.
    const lost = failures.filter((f) => before.docs.has(f.file));
    if (lost.length) {
      return this.finish(by, { ok: false, summary: `重新加载已取消，仍使用原来的数据：${lost.map((f) => `${f.file}（${f.reason}）`).join('；')}`, failures });
    }
    const diff = diffStores(before, after);
    await warmUp(after);
    this.deps.stores.swap(after);
    const failed = failures.length ? `；未能读取 ${failures.map((f) => `${f.file}（${f.reason}）`).join('；')}` : '';
    const warnings = splitWarnings(before, after);
    for (const [list, fresh] of [[warnings.fresh, true], [warnings.standing, false]] as const) {
      for (const w of list) this.deps.log.warn({ by, file: w.file, reason: w.reason, new: fresh }, 'report loaded with a warning');
    }
    const warned = describeWarnings(warnings);
    const outcome = await this.finish(by, { ok: true, summary: `重新加载完成：${describeDiff(diff, after)}${failed}${warned ? `；${warned}` : ''}`, diff, failures, warnings });
    if (broadcast) await this.deps.state.publish('reload', JSON.stringify({ origin: this.id, by })).catch(() => undefined);
    return outcome;
  }

  private async finish(by: string, outcome: ReloadOutcome): Promise<ReloadOutcome> {
    this.deps.log[outcome.ok ? 'info' : 'warn']({ by, ok: outcome.ok, summary: outcome.summary }, 'reload');
    this.onOutcome?.(outcome.ok);
    await this.deps.state.recordReload({ at: new Date().toISOString(), by, ok: outcome.ok, summary: outcome.summary }).catch(() => undefined);
    return outcome;
  }
}
