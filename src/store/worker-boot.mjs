// Starts a worker thread's module: under tsx (development, tests) a TypeScript entry is
// compiled on the fly; compiled JavaScript is imported as it is.
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';

// A build runs beside the answers and should give way to them. On Linux a thread's nice value is
// its own, so the lowest priority here leaves the answering thread first in line for the CPU
// (elsewhere it would lower the whole process, so it is left alone).
if (process.platform === 'linux') {
  try {
    setPriority(19);
  } catch {
    // Not permitted here: the build runs at the process's priority.
  }
}

const entry = workerData.entry;
if (entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry);
