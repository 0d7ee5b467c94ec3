import { parentPort, workerData } from 'node:worker_threads';
import { loadIntents, type Intents } from '../match/intents.js';
import { addWords } from '../text/segment.js';
import { extractReport } from './extract-report.js';
import type { BuildJob, WorkerMessage } from './isolated-build.js';
import { joinParts, packReport, prepareExtracted, splitParts } from './prepared-report.js';
import { readSnapshot, reportFile, reportKey, writeSnapshot } from './snapshot.js';

// The worker side of an isolated build: reads, extracts and prepares each report in turn (or takes
// its snapshot) and posts each outcome at once, so the thread that watches knows which file was
// under way if this one dies.
const job = workerData as BuildJob;
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
const intents = await loadIntents(job.intentsDir);
let taught = false;
/** The intents' words taught to jieba: loading its dictionary costs a second, so only when a report is read. */
const ready = (i: Intents): Intents => {
  if (!taught) addWords(i.userWords.map((w) => w.word));
  taught = true;
  return i;
};
for (const name of job.names) {
  post({ type: 'start', name });
  try {
    const key = job.cache ? await reportKey(job.cache.base, job.dir, name, job.siblings) : undefined;
    const file = job.cache && key ? reportFile(job.cache.dir, key) : undefined;
    const kept = file ? readSnapshot(file) : undefined;
    let parts = kept ? splitParts(kept) : undefined;
    const fromSnapshot = parts !== undefined;
    if (!parts) {
      parts = packReport(prepareExtracted(await extractReport(job.dir, name, job.siblings), ready(intents)));
      if (file) writeSnapshot(file, joinParts(parts));
    }
    post({ type: 'done', name, parts, ...(key ? { key } : {}), ...(fromSnapshot ? { fromSnapshot } : {}) }, parts.map((p) => p.buffer as ArrayBuffer));
  } catch (err) {
    post({ type: 'failed', name, reason: err instanceof Error ? err.message : String(err) });
  }
}
post({ type: 'end' });
