import fc from 'fast-check';

// pnpm soak: every property test runs many more cases.
fc.configureGlobal({ numRuns: Number(process.env.FC_NUM_RUNS ?? 20_000) });
