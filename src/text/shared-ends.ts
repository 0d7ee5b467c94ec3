/** How many characters all the names open on alike. */
export function sharedStart(names: readonly string[]): number {
  let k = 0;
  while (names.length && names.every((n) => n.length > k && n[k] === names[0]![k])) k++;
  return k;
}

/** How many characters all the names end on alike. */
export function sharedEnd(names: readonly string[]): number {
  let k = 0;
  while (names.length && names.every((n) => n.length > k && n.at(-1 - k) === names[0]!.at(-1 - k))) k++;
  return k;
}
