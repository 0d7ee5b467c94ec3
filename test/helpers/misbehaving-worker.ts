import { parentPort, workerData } from 'node:worker_threads';
import type { BuildJob, WorkerMessage } from '../../src/store/isolated-build.js';
import { packReport } from '../../src/store/packed-report.js';

// A build worker that misbehaves on purpose on files named for it, as a hostile report might:
// greedy-* fills its heap until the limit stops it, spin-* never returns, exit-* ends the thread,
// quits-* ends it after its own file is read.
// Other files get a one-fact report, so tests see the rest of the folder read on.
const job = workerData as BuildJob;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const hoard: unknown[] = [];
for (const name of job.names) {
  post({ type: 'start', name });
  if (name.startsWith('greedy')) for (;;) hoard.push(new Array(1e5).fill(name));
  if (name.startsWith('spin')) for (;;);
  if (name.startsWith('exit')) process.exit(3);
  const doc = { id: name, path: name, meta: { title: name, region: '某市', origin: 'derived' as const }, blocks: [] };
  const index = { title: name, quotes: [], paragraphs: [], headings: [], facts: [], sentences: [], sentenceWords: [], measureWords: [], subjects: [] };
  post({ type: 'done', name, parts: packReport({ report: { doc, facts: [], notes: [] }, index, digest: name }) });
  // quits-* ends the thread after its own outcome is posted, before the next file starts.
  if (name.startsWith('quits')) process.exit(4);
}
post({ type: 'end' });
