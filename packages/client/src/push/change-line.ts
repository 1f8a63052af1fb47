import { replyWords } from '@nut-ts/protocol';

/** A change upsd pushed over the NUTTS-WATCH extension (see docs/upsd.md). */
export type PushedChange =
  | { kind: 'VAR'; ups: string; name: string; value: string }
  | { kind: 'DELVAR'; ups: string; name: string }
  | { kind: 'STATE'; ups: string; state: string }
  | { kind: 'NUMLOGINS'; ups: string; count: number };

/** The first word of every pushed line. */
export const CHANGE_WORD = 'NUTTS-CHANGE';

/** The change a `NUTTS-CHANGE` line carries; undefined for any other or malformed line. */
export function parseChangeLine(line: string): PushedChange | undefined {
  if (!line.startsWith(`${CHANGE_WORD} `)) return undefined;
  const [, kind, ups, name, value] = replyWords(line);
  if (ups === undefined || name === undefined) return undefined;
  if (kind === 'VAR' && value !== undefined) return { kind, ups, name, value };
  if (kind === 'DELVAR') return { kind, ups, name };
  if (kind === 'STATE') return { kind, ups, state: name };
  if (kind === 'NUMLOGINS' && /^\d{1,9}$/.test(name)) return { kind, ups, count: Number(name) };
  return undefined;
}
