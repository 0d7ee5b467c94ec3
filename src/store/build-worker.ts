import { parentPort, workerData } from 'node:worker_threads';
import type { Intents } from '../match/intents.js';
import type { BuildJob, WorkerMessage } from './worker-protocol.js';
import { joinParts, packReport, splitParts, type PreparedReport } from './packed-report.js';
import { readSnapshot, reportFile, reportKey, writeSnapshot } from './snapshot.js';

// The worker side of an isolated build: reads, extracts and prepares each report in turn (or takes
// its snapshot) and posts each outcome at once, so the thread that watches knows which file was
// under way if this one dies.
const job = workerData as BuildJob;
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
// Reports posted and not yet taken by the building thread: at most job.inFlight (see IN_FLIGHT).
let inFlight = 0;
let wake: (() => void) | undefined;
parentPort!.on('message', (m) => {
  if (m !== 'taken') return;
  inFlight--;
  wake?.();
  wake = undefined;
});
const room = async () => {
  while (inFlight >= job.inFlight) await new Promise<void>((r) => (wake = r));
};
let reader: { intents: Intents; prepare: (name: string) => Promise<PreparedReport> } | undefined;
/**
 * What reading a report takes: extraction, the intents, and their words taught to jieba. Loading
 * them costs a second, so only when a report is read rather than taken from its snapshot.
 */
async function read(name: string): Promise<PreparedReport> {
  if (!reader) {
    const [{ loadIntents }, { addWords }, { extractReport }, { prepareExtracted }] = await Promise.all([import('../match/intents.js'), import('../text/segment.js'), import('./extract-report.js'), import('./prepared-report.js')]);
    const intents = await loadIntents(job.intentsDir);
    addWords(intents.userWords.map((w) => w.word));
    reader = { intents, prepare: async (n) => prepareExtracted(await extractReport(job.dir, n, job.siblings), intents) };
  }
  return reader.prepare(name);
}
for (const name of job.names) {
  // Waiting for room before 'start', so a file's time budget never counts the wait.
  await room();
  post({ type: 'start', name });
  try {
    const key = job.cache ? await reportKey(job.cache.base, job.dir, name, job.siblings) : undefined;
    const file = job.cache && key ? reportFile(job.cache.dir, key) : undefined;
    const kept = file ? readSnapshot(file) : undefined;
    let parts = kept ? splitParts(kept) : undefined;
    const fromSnapshot = parts !== undefined;
    if (!parts) {
      parts = packReport(await read(name));
      // Kept only if the file did not change while it was read (a copy over the folder under way).
      if (file && key === (await reportKey(job.cache!.base, job.dir, name, job.siblings))) writeSnapshot(file, joinParts(parts));
    }
    inFlight++;
    post({ type: 'done', name, parts, ...(key ? { key } : {}), ...(fromSnapshot ? { fromSnapshot } : {}) }, parts.map((p) => p.buffer as ArrayBuffer));
  } catch (err) {
    post({ type: 'failed', name, reason: err instanceof Error ? err.message : String(err) });
  }
}
post({ type: 'end' });
