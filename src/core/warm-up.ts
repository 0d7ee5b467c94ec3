import type { FactStore } from '../store/fact-store.js';
import { ask } from './ask.js';
import { helpCard } from './cards.js';

/**
 * Asks a new store the questions its help card suggests, one per turn of the event loop, before it
 * is swapped in: the first questions after a reload then find its caches and code warm, instead
 * of paying for them while a user waits.
 */
export async function warmUp(store: FactStore): Promise<void> {
  for (const q of helpCard(store).examples) {
    ask(store, q);
    await new Promise((r) => setImmediate(r));
  }
}
