// Starts a worker thread's module: under tsx (development, tests) a TypeScript entry is
// compiled on the fly; compiled JavaScript is imported as it is.
import { workerData } from 'node:worker_threads';

const entry = workerData.entry;
if (entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry);
