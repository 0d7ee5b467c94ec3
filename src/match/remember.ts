/** A map a value is kept in: a Map (bounded by `limit`) or a WeakMap keyed by an object. */
interface Keeps<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * The value kept for `key`, made on first use and kept. A Map with a `limit` is cleared when it
 * holds more than that, so that what outsiders type cannot grow it without end.
 */
export function remember<K, V>(kept: Keeps<K, V>, key: K, make: () => V, limit?: number): V {
  const hit = kept.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (limit !== undefined && kept instanceof Map && kept.size > limit) kept.clear();
  kept.set(key, value);
  return value;
}
