/** A change upsd pushed over the NUTTS-WATCH extension (see docs/upsd.md). */
export type PushedChange =
  | { kind: 'VAR'; ups: string; name: string; value: string }
  | { kind: 'DELVAR'; ups: string; name: string }
  | { kind: 'STATE'; ups: string; state: string };

/** The first word of every pushed line. */
export const CHANGE_WORD = 'NUTTS-CHANGE';

/** Splits a reply line into words: spaces separate, `"..."` quotes, `\` escapes (NUT's rules). */
export function replyWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (c === ' ' && !quoted) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The change a `NUTTS-CHANGE` line carries; undefined for any other or malformed line. */
export function parseChangeLine(line: string): PushedChange | undefined {
  if (!line.startsWith(`${CHANGE_WORD} `)) return undefined;
  const [, kind, ups, name, value] = replyWords(line);
  if (ups === undefined || name === undefined) return undefined;
  if (kind === 'VAR' && value !== undefined) return { kind, ups, name, value };
  if (kind === 'DELVAR') return { kind, ups, name };
  if (kind === 'STATE') return { kind, ups, state: name };
  return undefined;
}
