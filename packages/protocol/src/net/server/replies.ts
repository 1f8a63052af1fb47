import type { VarInfo } from '@nut-ts/core';
import { quote } from '../../encode.js';

/** Text of LIST UPS, GET DESC and GET CMDDESC when there is no description (NUT 2.8.0). */
export const NO_DESCRIPTION = 'Description unavailable';
/** Text of GET UPSDESC for a UPS without `desc` in ups.conf (NUT 2.8.0). */
export const NO_UPSDESC = 'Unavailable';

/** `ERR <code>` line. */
export function errorReply(code: string): string {
  return `ERR ${code}\n`;
}

/** `<words...> "<value>"` line, the value quoted and escaped (VAR, RW, UPSDESC, DESC...). */
export function valueReply(words: readonly string[], value: string): string {
  return `${words.join(' ')} ${quote(value)}\n`;
}

/** A line of bare words (NUMLOGINS, CMD, CLIENT, `OK TRACKING <id>`...). */
export function wordsReply(words: readonly string[]): string {
  return `${words.join(' ')}\n`;
}

/**
 * GET TYPE's reply: RW, ENUM, RANGE in that order when they apply, then always `STRING:<aux>`
 * or `NUMBER`.
 */
export function typeReply(ups: string, name: string, info: VarInfo): string {
  const flags = [
    ...(info.flags.rw ? ['RW'] : []),
    ...(info.enums.length > 0 ? ['ENUM'] : []),
    ...(info.ranges.length > 0 ? ['RANGE'] : []),
    info.flags.string ? `STRING:${info.aux}` : 'NUMBER',
  ];
  return wordsReply(['TYPE', ups, name, ...flags]);
}

/** A RANGE item line: both bounds quoted, as NUT prints them. */
export function rangeItem(ups: string, name: string, range: { min: number; max: number }): string {
  return `RANGE ${ups} ${name} ${quote(String(range.min))} ${quote(String(range.max))}`;
}

/**
 * `BEGIN LIST <query>`, the items (lines without their LF), `END LIST <query>`; `query` is
 * the words after LIST as the client typed them.
 */
export function listReply(query: readonly string[], items: readonly string[]): string {
  const head = query.join(' ');
  let text = `BEGIN LIST ${head}\n`;
  for (const item of items) text += `${item}\n`;
  return `${text}END LIST ${head}\n`;
}

/** Variables in NUT's order: by name, case-insensitively (upsd walks a ci-sorted tree). */
export function sortByName<T extends { name: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => compareCi(a.name, b.name));
}

/** strcasecmp-style ordering on ASCII. */
export function compareCi(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}
