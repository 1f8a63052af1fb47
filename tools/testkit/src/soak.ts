/**
 * How hard a test should push: `n` normally, `soakN` under `pnpm soak` (NUT_SOAK=1), so CI stays
 * quick and the long runs use the same tests.
 */
export function scale(n: number, soakN: number): number {
  return process.env.NUT_SOAK ? soakN : n;
}
