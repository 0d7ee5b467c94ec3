/**
 * Counts for the reliability report: inputs tried, faults injected and failures, per family. Each
 * test file prints its own lines when it ends ("[reliability] family: …").
 */
export class Tally {
  private readonly rows = new Map<string, { inputs: number; faults: number; failures: number }>();

  constructor(private readonly file: string) {}

  add(family: string, counts: { inputs?: number; faults?: number; failures?: number }): void {
    const row = this.rows.get(family) ?? { inputs: 0, faults: 0, failures: 0 };
    row.inputs += counts.inputs ?? 0;
    row.faults += counts.faults ?? 0;
    row.failures += counts.failures ?? 0;
    this.rows.set(family, row);
  }

  /**
   * Runs one regression check for a bug this suite found, counting it as a failure only when it
   * fails (so the count is right whether the test is marked it.fails or, once fixed, it).
   */
  async check(family: string, counts: { inputs?: number; faults?: number }, fn: () => void | Promise<void>): Promise<void> {
    try {
      await fn();
      this.add(family, counts);
    } catch (err) {
      this.add(family, { ...counts, failures: 1 });
      throw err;
    }
  }

  print(): void {
    for (const [family, r] of this.rows) {
      process.stdout.write(`[reliability] ${this.file} | ${family} | inputs ${r.inputs} | faults ${r.faults} | failures ${r.failures}\n`);
    }
  }
}

/** A seeded pseudo-random generator (mulberry32), so load and fault schedules repeat exactly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Waits until `ok()` holds, checking every `everyMs`; false when `withinMs` passes first. */
export async function until(ok: () => boolean | Promise<boolean>, withinMs: number, everyMs = 25): Promise<boolean> {
  const end = Date.now() + withinMs;
  for (;;) {
    if (await ok()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
