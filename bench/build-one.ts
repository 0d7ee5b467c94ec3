// Builds one store in a fresh process and prints its cost: `node --expose-gc --import tsx bench/build-one.ts DIR`.
import { buildFactStore } from '../src/store/fact-store.js';

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const started = performance.now();
const store = await buildFactStore({ seedsDir: process.argv[2]!, intentsDir: 'intents' });
const ms = performance.now() - started;
gc?.();
const after = process.memoryUsage();
process.stdout.write(JSON.stringify({ reports: store.docs.size, facts: store.facts.length, ms, heapMB: (after.heapUsed - before.heapUsed) / 2 ** 20, rssMB: after.rss / 2 ** 20 }) + '\n');
