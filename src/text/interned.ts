/** Distinct texts, each kept once: a text's number in the list, or the one string kept for it. */
export class Interned {
  readonly list: string[] = [];
  private readonly at = new Map<string, number>();

  of(text: string): number {
    let i = this.at.get(text);
    if (i === undefined) this.at.set(text, (i = this.list.push(text) - 1));
    return i;
  }

  one(text: string): string {
    return this.list[this.of(text)]!;
  }
}
