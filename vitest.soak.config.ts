import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/** `pnpm soak`: the unit and integration suite with fast-check at 20,000 cases and abuse at full scale. */
export default mergeConfig(
  base,
  defineConfig({
    test: { setupFiles: ['./vitest.soak.setup.ts'], testTimeout: 600_000, hookTimeout: 60_000 },
  }),
);
