import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/**
 * Ends a run with one plain line, "N passed, N failed, N skipped", which any CI can read whatever
 * the test runner. Failed counts failed tests and everything that failed outside a test: a file
 * that could not be loaded, a suite whose beforeAll or afterAll threw (its tests then show as
 * skipped, as when redis-server is missing), an error outside any file. A run that fails always
 * says so: the line then starts with FAILED, after a list of each file or suite that failed outside
 * its tests with the first line of why.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    process.stdout.write(`\n${summarize(modules, errors, reason)}\n`);
  }
}

export function summarize(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): string {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const outside: string[] = [];
  const firstLine = (e: SerializedError | undefined) => (e?.message ?? 'failed').split('\n')[0]!.slice(0, 200);
  for (const e of errors) outside.push(`  error outside the tests: ${firstLine(e)}`);
  for (const m of modules) {
    for (const t of m.children.allTests()) {
      const state = t.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failed++;
      else skipped++;
    }
    // Errors of the file itself (it did not load) and of its suites' hooks.
    for (const s of [m, ...m.children.allSuites()]) {
      const errs = s.errors();
      if (errs.length) outside.push(`  ${m.relativeModuleId}${s.type === 'suite' ? ` > ${s.fullName}` : ''}: ${firstLine(errs[0])}`);
    }
    if (m.state() === 'failed' && !outside.some((o) => o.startsWith(`  ${m.relativeModuleId}`)) && ![...m.children.allTests('failed')].length) {
      outside.push(`  ${m.relativeModuleId}: failed`);
    }
  }
  failed += outside.length;
  // A run vitest ends as failed is never summed up as a success.
  if (reason === 'failed' && failed === 0) {
    failed = 1;
    outside.push('  the run failed (see above)');
  }
  const line = `${passed} passed, ${failed} failed, ${skipped} skipped`;
  return outside.length ? ['failed outside a test:', ...outside, `FAILED: ${line}`].join('\n') : failed ? `FAILED: ${line}` : line;
}
