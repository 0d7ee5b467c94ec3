import { RecentIds, type SeenMessages } from '../core/dedupe.js';
import type { StateStore } from './state.js';

export interface StateSeenOptions {
  /** How long an id is remembered, in the state and in this process (default 24 h). */
  ttlMs?: number;
  /** How many recent ids this process keeps in front of the state (default 100,000, ~15 MB). */
  recentMax?: number;
  now?: () => number;
}

/**
 * Message de-duplication on the shared state, so a redelivery to another replica is caught too,
 * with the ids this process has claimed or seen refused in memory first: a replay within the
 * process's life is refused even when the state has lost the id (a Redis restarted without
 * persistence, FLUSHALL, a state.db put back from an old copy). Bounded: past `recentMax` the oldest ids are
 * left to the state alone. An id is remembered here only once the state has answered, so a claim
 * that fails (state down) leaves nothing behind and the platform's retry is answered.
 */
export class StateSeenMessages implements SeenMessages {
  private readonly ttlMs: number;
  private readonly recent: RecentIds;

  constructor(
    private readonly state: StateStore,
    opts: StateSeenOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 24 * 3600_000;
    this.recent = new RecentIds(this.ttlMs, opts.recentMax ?? 100_000, opts.now);
  }

  /** How many ids this process holds in front of the state. */
  get recentSize(): number {
    return this.recent.size;
  }

  async firstSighting(id: string): Promise<boolean> {
    if (this.recent.has(id)) return false;
    const first = await this.state.firstSighting(id, this.ttlMs);
    this.recent.add(id);
    return first;
  }
}
