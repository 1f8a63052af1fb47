import { encodeArg, quote } from '../../../encode.js';

/** Printable US-ASCII: what a NUT word can carry (upsd drops control and 8-bit bytes). */
const WIRE_SAFE = /^[\x20-\x7e]*$/;

/**
 * Throws a RangeError when `value` holds a character the protocol cannot carry. upsd would
 * silently drop it, so the server would act on a different name or value than the caller's;
 * an LF could even end the request early.
 */
export function checkWireSafe(value: string, what: string): string {
  if (!WIRE_SAFE.test(value)) {
    // Never echo a password: the message may end up in a log or an HTTP reply.
    const shown = what === 'password' ? '' : ` ${JSON.stringify(value)}`;
    throw new RangeError(`${what}${shown} has a character outside printable US-ASCII`);
  }
  return value;
}

/** One argument of a request: a checked word, or a value that is always quoted. */
export type RequestArg = { word: string; what: string } | { value: string; what: string };

/**
 * A request line, LF-terminated: the fixed command words, then each argument checked and
 * encoded (bare when plain, else quoted and escaped; `value` arguments always quoted, as the
 * RFC's grammar writes them).
 */
export function requestLine(command: readonly string[], args: readonly RequestArg[] = []): string {
  const encoded = args.map((arg) =>
    'word' in arg
      ? encodeArg(checkWireSafe(arg.word, arg.what))
      : quote(checkWireSafe(arg.value, arg.what)),
  );
  return `${[...command, ...encoded].join(' ')}\n`;
}

export const ups = (name: string): RequestArg => ({ word: name, what: 'UPS name' });
export const variable = (name: string): RequestArg => ({ word: name, what: 'variable name' });
export const command = (name: string): RequestArg => ({ word: name, what: 'command name' });
