import { defineConfig } from '@playwright/test';
import base from '../../playwright.config.ts';

/** The renderer benchmarks: the e2e setup (system Chromium, its flags), one test at a time, no retries. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../../test-results/bench',
  fullyParallel: false,
  workers: 1,
  reporter: [['line']],
});
