const NEEDS_ESCAPE = /[\\"#]/;

/**
 * Escapes a value for use inside double quotes: a backslash before each `\`, `"` and `#`
 * (NUT's pconf_encode). upsd applies it to every quoted value it sends.
 */
export function escapeValue(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\"#]/g, (char) => `\\${char}`) : value;
}

/** Undoes {@link escapeValue}: a backslash takes the next character literally. */
export function unescapeValue(value: string): string {
  return value.replace(/\\(.)/gs, '$1');
}

/** `"<escaped value>"`. */
export function quote(value: string): string {
  return `"${escapeValue(value)}"`;
}

const NEEDS_QUOTES = /[\s"#\\=]/;

/**
 * Encodes one argument of a request the way a careful client should: bare when it is a plain
 * word, otherwise quoted and escaped (so spaces, `=`, `#`, quotes and empty strings survive).
 */
export function encodeArg(arg: string): string {
  return arg === '' || NEEDS_QUOTES.test(arg) ? quote(arg) : arg;
}

/** Encodes a whole request line, LF-terminated. */
export function encodeLine(words: readonly string[]): string {
  return `${words.map(encodeArg).join(' ')}\n`;
}
