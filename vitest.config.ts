import { defineConfig } from 'vitest/config';

// The app writes times as the reader's locale does (12- or 24-hour); the suites check them as en-GB writes them, as
// the Playwright suites do (playwright.config.ts). Test workers are forked from here, and ICU takes its default locale
// from the environment when a process starts, so this fixes it for every worker whatever the machine's own locale.
process.env.LC_ALL = 'en_GB.UTF-8';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Real ffmpeg and real servers on 2 cores: one file at a time keeps timings honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
