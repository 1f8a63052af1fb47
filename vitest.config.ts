import { defineConfig } from 'vitest/config';

/** Unit and integration tests run from source through the `@nut-ts/source` export condition. */
export default defineConfig({
  resolve: { conditions: ['@nut-ts/source'] },
  ssr: { resolve: { conditions: ['@nut-ts/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tools/*/src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
