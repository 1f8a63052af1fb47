/** `ups.status` tokens defined by NUT (docs/nut-names) and RFC 9271. */
export const STATUS_TOKENS = [
  'OL',
  'OB',
  'LB',
  'HB',
  'RB',
  'CHRG',
  'DISCHRG',
  'BYPASS',
  'CAL',
  'OFF',
  'OVER',
  'TRIM',
  'BOOST',
  'FSD',
  'ALARM',
  'WAIT',
  'ECO',
  'TEST',
] as const;

/** A known status token; unknown tokens are carried as plain strings. */
export type StatusToken = (typeof STATUS_TOKENS)[number];

/** Splits a `ups.status` value into its tokens (any run of whitespace separates them). */
export function parseStatus(value: string): string[] {
  return value.split(/\s+/).filter((token) => token.length > 0);
}

/**
 * Joins tokens with single spaces, dropping duplicates while keeping the first occurrence.
 * `ALARM` is moved to the front, as NUT's driver framework does.
 */
export function formatStatus(tokens: Iterable<string>): string {
  const unique: string[] = [];
  for (const token of tokens) if (token && !unique.includes(token)) unique.push(token);
  const alarm = unique.indexOf('ALARM');
  if (alarm > 0) unique.unshift(...unique.splice(alarm, 1));
  return unique.join(' ');
}

/** Whether the status value contains `token` (exact, case-sensitive token match). */
export function hasStatus(value: string | readonly string[], token: string): boolean {
  const tokens = typeof value === 'string' ? parseStatus(value) : value;
  return tokens.includes(token);
}

/** Whether two status values hold the same set of tokens, whatever their order. */
export function sameStatus(a: string, b: string): boolean {
  const left = new Set(parseStatus(a));
  const right = new Set(parseStatus(b));
  if (left.size !== right.size) return false;
  for (const token of left) if (!right.has(token)) return false;
  return true;
}
