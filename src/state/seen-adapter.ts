import type { SeenMessages } from '../core/dedupe.js';
import type { StateStore } from './state.js';

/** Message de-duplication on the shared state, so a redelivery to another replica is caught too. */
export class StateSeenMessages implements SeenMessages {
  constructor(
    private readonly state: StateStore,
    private readonly ttlMs = 24 * 3600_000,
  ) {}

  firstSighting(id: string): Promise<boolean> {
    return this.state.firstSighting(id, this.ttlMs);
  }
}
