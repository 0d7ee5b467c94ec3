import { parentPort, workerData } from 'node:worker_threads';
import { loadIntents } from '../match/intents.js';
import { addWords } from '../text/segment.js';
import { extractReport } from './extract-report.js';
import type { BuildJob, WorkerMessage } from './isolated-build.js';

// The worker side of an isolated build: reads and extracts each report in turn and posts each
// outcome at once, so the thread that watches knows which file was under way if this one dies.
const job = workerData as BuildJob;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const intents = await loadIntents(job.intentsDir);
addWords(intents.userWords.map((w) => w.word));
for (const name of job.names) {
  post({ type: 'start', name });
  try {
    post({ type: 'done', report: await extractReport(job.dir, name, job.siblings) });
  } catch (err) {
    post({ type: 'failed', name, reason: err instanceof Error ? err.message : String(err) });
  }
}
post({ type: 'end' });
