// What the thread that builds a store and its reading workers say to each other.

/** What a build worker is given: the reports to read, in order, and where their snapshots are kept. */
export interface BuildJob {
  entry: string;
  dir: string;
  intentsDir: string;
  names: string[];
  siblings: string[];
  cache?: { dir: string; /** The hash of the code and intents every snapshot name starts from. */ base: string };
  /** Reports posted and not yet taken before the worker waits: IN_FLIGHT while answers are served, no limit before. */
  inFlight: number;
}

export type WorkerMessage =
  | { type: 'start'; name: string }
  /** A prepared report (see packReport) in parts, each in a buffer of its own, and the name of its snapshot. */
  | { type: 'done'; name: string; parts: Uint8Array[]; key?: string; fromSnapshot?: boolean }
  | { type: 'failed'; name: string; reason: string }
  | { type: 'end' };

/**
 * How many reports a worker posts, while the bot answers, before the building thread has taken
 * them. Snapshots are read far faster than they are stitched, and a burst of messages is received
 * in one turn of the event loop: a thousand at once held answers for tens of milliseconds. At
 * start-up nothing is answered yet and the worker reads on while that thread loads jieba.
 */
export const IN_FLIGHT = 4;
