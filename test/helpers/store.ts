import { resolve } from 'node:path';
import { buildFactStore, type FactStore } from '../../src/store/fact-store.js';

const cache = new Map<string, Promise<FactStore>>();

/** A store built once per test file from a folder of reports (seeds/ by default). */
export function storeFrom(seedsDir = 'seeds'): Promise<FactStore> {
  const key = resolve(seedsDir);
  let store = cache.get(key);
  if (!store) {
    store = buildFactStore({ seedsDir: key, intentsDir: resolve('intents') });
    cache.set(key, store);
  }
  return store;
}
