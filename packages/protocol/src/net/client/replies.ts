import { NutError, type TrackingResult } from '@nut-ts/core';
import { tokenizeLine } from '../../tokenizer.js';

/**
 * A reply line that does not answer the request it was matched with (NUT's echo check), or
 * that cannot be read at all. After one, later replies on the connection cannot be trusted.
 */
export class ReplyMismatch extends Error {
  override readonly name = 'ReplyMismatch';
}

/** The words of a line; a line the tokenizer rejects is a ReplyMismatch, never a bare Error. */
function words(line: string): string[] {
  try {
    return tokenizeLine(line);
  } catch (error) {
    throw new ReplyMismatch(`unreadable reply '${line}': ${(error as Error).message}`);
  }
}

/**
 * Words of a reply line; throws the server's NutError for `ERR ...` lines.
 * Values come back unquoted and unescaped.
 */
export function replyWords(line: string): string[] {
  const error = NutError.fromReply(line);
  if (error) throw error;
  return words(line);
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
 * each item after the item echo (`itemEcho`, e.g. ['VAR', ups]); each item must carry at least
 * `count` words after the echo.
 */
export function decodeList(
  lines: readonly string[],
  query: readonly string[],
  itemEcho: readonly string[],
  count = 0,
): string[][] {
  const first = lines[0];
  if (first === undefined) throw new ReplyMismatch('empty list reply');
  afterEcho(replyWords(first), ['BEGIN', 'LIST', ...query]);
  const last = lines.at(-1)!;
  if (lines.length < 2) throw new ReplyMismatch('list reply without END LIST');
  afterEcho(words(last), ['END', 'LIST', ...query]);
  return lines.slice(1, -1).map((line) => {
    const rest = afterEcho(words(line), itemEcho);
    if (rest.length < count) throw new ReplyMismatch(`list item '${line}' is missing fields`);
    return rest;
  });
}

const startsCi = (line: string, prefix: string): boolean =>
  line.slice(0, prefix.length).toUpperCase() === prefix;

/**
 * Whether a reply line ends a list block. The first line ends it unless it is `BEGIN LIST`
 * (an ERR, or anything else, stands alone and is judged by {@link decodeList}), so a wrong
 * reply is reported at once instead of waiting for an END LIST that never comes.
 */
export function endsList(line: string, isFirst: boolean): boolean {
  if (isFirst) return !startsCi(line, 'BEGIN LIST');
  return startsCi(line, 'END LIST');
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

/** Decodes the flag words of a TYPE reply; a STRING length that is not a count is a mismatch. */
export function decodeType(words: string[]): VarType {
  const string = words.find((w) => w.toUpperCase().startsWith('STRING'));
  const length = string?.split(':')[1] ?? '0';
  if (string !== undefined && !/^\d+$/.test(length))
    throw new ReplyMismatch(`TYPE flag '${string}' has no valid length`);
  return {
    rw: words.includes('RW'),
    enum: words.includes('ENUM'),
    range: words.includes('RANGE'),
    string: string === undefined ? undefined : Number(length),
    number: words.includes('NUMBER'),
    raw: words,
  };
}

/** A count word: decimal digits only. */
export function decodeCount(word: string | undefined, what: string): number {
  if (word === undefined || !/^\d{1,15}$/.test(word))
    throw new ReplyMismatch(`${what} is not a count: '${word ?? ''}'`);
  return Number(word);
}

/**
 * Decodes the reply to GET NUMLOGINS or GET NUMATTACH: `NUMLOGINS <ups> <n>` or RFC 9271's
 * `NUMATTACH <ups> <n>`, whichever was asked (a server may answer either).
 */
export function decodeNumLogins(line: string, ups: string): number {
  const reply = replyWords(line);
  const word = reply[0]?.toUpperCase();
  const echo = word === 'NUMATTACH' ? 'NUMATTACH' : 'NUMLOGINS';
  const [count] = afterEcho(reply, [echo, ups]);
  return decodeCount(count, echo);
}

const TRACKING_FAILURES: readonly string[] = ['UNKNOWN', 'INVALID-ARGUMENT', 'FAILED'];

/** Decodes the reply to `GET TRACKING <id>`: PENDING, SUCCESS or a failure word from ERR. */
export function decodeTrackingResult(line: string): TrackingResult {
  const error = NutError.fromReply(line);
  if (error) {
    if (TRACKING_FAILURES.includes(error.code)) return error.code as TrackingResult;
    throw error;
  }
  const word = words(line);
  if (word.length === 1 && (word[0] === 'PENDING' || word[0] === 'SUCCESS')) return word[0];
  throw new ReplyMismatch(`unexpected GET TRACKING reply '${line}'`);
}

/** Decodes the reply to `GET TRACKING` without an id: whether tracking is on. */
export function decodeTrackingMode(line: string): boolean {
  const reply = replyWords(line);
  if (reply.length === 1 && (reply[0] === 'ON' || reply[0] === 'OFF')) return reply[0] === 'ON';
  throw new ReplyMismatch(`unexpected GET TRACKING reply '${line}'`);
}

/** Decodes the reply to NETVER or PROTVER: a bare version such as `1.3`. */
export function decodeProtocolVersion(line: string): string {
  const reply = replyWords(line);
  if (reply.length === 1 && /^\d+(\.\d+)*$/.test(reply[0]!)) return reply[0]!;
  throw new ReplyMismatch(`unexpected protocol version reply '${line}'`);
}

/** Decodes a free-text reply (VER, HELP): the line itself, unless it is an ERR. */
export function decodeText(line: string): string {
  const error = NutError.fromReply(line);
  if (error) throw error;
  return line;
}
