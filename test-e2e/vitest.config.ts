import { defineConfig } from 'vitest/config';

/**
 * End-to-end scenarios spawn the built programs (run `pnpm build` first; `npm test` does).
 * They run one file at a time: each starts a whole site of processes on a 2-core machine.
 */
export default defineConfig({
  resolve: { conditions: ['@nut-ts/source'] },
  ssr: { resolve: { conditions: ['@nut-ts/source'] } },
  test: {
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
