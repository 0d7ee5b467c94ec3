import { deserialize, serialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { CorpusIndexData } from '../match/corpus-index.js';
import type { PostingsData } from '../match/postings.js';
import { ownBytes, unpackPart } from './packed-report.js';
import { readSnapshot, writeSnapshot } from './snapshot.js';

// The worker that builds the corpus index (postings, typo vocabulary, sounds) over every report
// of a build, or takes it from its snapshot, and hands its typed arrays over without a copy.
// Started with the build, so its start overlaps the reading; it is sent `heads`, each report's
// first packed part (its sentences and words), once every report is read.
parentPort!.once('message', ({ heads, file }: { heads: Uint8Array[]; file?: string }) => void build(heads, file));

async function build(heads: Uint8Array[], file: string | undefined): Promise<void> {
  const cached = file ? readSnapshot(file) : undefined;
  let corpus: CorpusIndexData | undefined;
  try {
    if (cached) corpus = deserialize(cached) as CorpusIndexData;
  } catch {
    corpus = undefined;
  }
  if (!corpus) {
    // Loaded only to build: the pinyin of the vocabulary is a large module, not needed to read a snapshot.
    const { buildCorpusIndex } = await import('../match/corpus-index.js');
    corpus = buildCorpusIndex(heads.map((b) => unpackPart(b).head!.index));
    if (file) writeSnapshot(file, new Uint8Array(serialize(corpus)));
  }
  // Arrays read back from a snapshot may share a buffer, or sit in Node's pool: each its own, to transfer.
  const own = (p: PostingsData): PostingsData => ({ keys: ownBytes(p.keys), offsets: ownBytes(p.offsets), ids: ownBytes(p.ids) });
  const sent = { ...corpus, postings: own(corpus.postings), vocabularyByChar: own(corpus.vocabularyByChar) };
  parentPort!.postMessage(sent, [sent.postings, sent.vocabularyByChar].flatMap((p) => [p.keys.buffer, p.offsets.buffer, p.ids.buffer]) as ArrayBuffer[]);
}
