import { NutError } from '@nut-ts/core';
import { tokenizeLine } from '../../tokenizer.js';

/** A reply line that does not answer the request it was matched with (NUT's echo check). */
export class ReplyMismatch extends Error {
  override readonly name = 'ReplyMismatch';
}

/**
 * Words of a reply line; throws the server's NutError for `ERR ...` lines.
 * Values come back unquoted and unescaped.
 */
export function replyWords(line: string): string[] {
  const error = NutError.fromReply(line);
  if (error) throw error;
  return tokenizeLine(line);
}

/**
 * Checks that `words` start with `echo` (case-insensitive, as libupsclient compares) and returns
 * the words after it.
 */
export function afterEcho(words: string[], echo: readonly string[]): string[] {
  for (let i = 0; i < echo.length; i++) {
    if (words[i]?.toLowerCase() !== echo[i]!.toLowerCase()) {
      throw new ReplyMismatch(
        `expected a reply starting with '${echo.join(' ')}', got '${words.join(' ')}'`,
      );
    }
  }
  return words.slice(echo.length);
}

/** Decodes a single-line reply that must echo `echo` and carry `count` more words. */
export function decodeSingle(line: string, echo: readonly string[], count: number): string[] {
  const rest = afterEcho(replyWords(line), echo);
  if (rest.length < count) throw new ReplyMismatch(`reply '${line}' is missing fields`);
  return rest;
}

/**
 * Decodes a `BEGIN LIST <query>` ... `END LIST <query>` block (all its lines) into the words of
 * each item after the item echo (`itemEcho`, e.g. ['VAR', ups]).
 */
export function decodeList(
  lines: readonly string[],
  query: readonly string[],
  itemEcho: readonly string[],
): string[][] {
  const first = lines[0];
  if (first === undefined) throw new ReplyMismatch('empty list reply');
  afterEcho(replyWords(first), ['BEGIN', 'LIST', ...query]);
  const last = lines.at(-1)!;
  if (lines.length < 2) throw new ReplyMismatch('list reply without END LIST');
  afterEcho(tokenizeLine(last), ['END', 'LIST', ...query]);
  return lines.slice(1, -1).map((line) => afterEcho(tokenizeLine(line), itemEcho));
}

/** Whether a reply line ends a list block (or is an error in place of one). */
export function endsList(line: string, isFirst: boolean): boolean {
  if (isFirst && line.startsWith('ERR ')) return true;
  return line.startsWith('END LIST');
}

/** Result of GET TYPE: flags in NUT's order, STRING length when a string. */
export interface VarType {
  rw: boolean;
  enum: boolean;
  range: boolean;
  /** Maximum length for STRING:n types; undefined for numbers. */
  string: number | undefined;
  number: boolean;
  raw: string[];
}

export function decodeType(words: string[]): VarType {
  const string = words.find((w) => w.toUpperCase().startsWith('STRING'));
  const length = string?.split(':')[1];
  return {
    rw: words.includes('RW'),
    enum: words.includes('ENUM'),
    range: words.includes('RANGE'),
    string: string === undefined ? undefined : Number(length ?? 0),
    number: words.includes('NUMBER'),
    raw: words,
  };
}
