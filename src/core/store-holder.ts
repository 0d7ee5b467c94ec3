import type { FactStore } from '../store/fact-store.js';

/** Holds the current fact store; a reload swaps a whole new one in, never a half-built one. */
export class StoreHolder {
  constructor(private store: FactStore) {}

  get current(): FactStore {
    return this.store;
  }

  swap(next: FactStore): FactStore {
    const previous = this.store;
    this.store = next;
    return previous;
  }
}
