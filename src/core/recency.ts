// Maps kept in order of last use (a Map iterates in insertion order): the per-key state of rate
// limits, pacing, recent message ids and follow-up questions. Setting a key moves it to the back;
// sweeping drops entries from the front while they are stale, so the least recently used go first
// and a sweep costs O(1) a use, amortized.

/** Sets a key at the back of a map kept in order of last use. */
export function setLast<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/** Drops entries from the front of a map kept in order of last use while `stale` says so. */
export function sweepFront<K, V>(map: Map<K, V>, stale: (value: V) => boolean): void {
  for (const [key, value] of map) {
    if (!stale(value)) return;
    map.delete(key);
  }
}
