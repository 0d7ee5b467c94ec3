import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

/** A store of invented reports in a folder of their own: file name → text, or a .meta.json's object. */
export async function storeOf(files: Record<string, string | object>): Promise<FactStore> {
  const dir = mkdtempSync(join(tmpdir(), 'reports-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  return buildFactStore({ seedsDir: dir, intentsDir: resolve('intents') });
}
