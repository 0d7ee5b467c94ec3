import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // jieba's dictionary takes a moment to load in each worker.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
    // The browser test keeps its screenshot here; vitest never collects it.
    exclude: ['**/node_modules/**', 'test-artifacts/**'],
  },
});
