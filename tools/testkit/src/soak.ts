/**
 * How hard a test should push: `n` normally, `soakN` under `pnpm soak` (NUT_SOAK=1), so CI stays
 * quick and the long runs use the same tests.
 */
export function scale(n: number, soakN: number): number {
  return process.env.NUT_SOAK ? soakN : n;
}

/** fast-check runs for a property: `ci` normally, FC_NUM_RUNS (default 20,000) under `pnpm soak`. */
export function fuzzRuns(ci: number): number {
  return scale(ci, Number(process.env.FC_NUM_RUNS ?? 20_000));
}
