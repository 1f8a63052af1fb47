/**
 * Error codes sent by upsd as `ERR <CODE>` (NUT's neterr.h, plus the RFC 9271 names).
 * The string value of each code is exactly the wire token.
 */
export const NUT_ERROR_CODES = [
  'ACCESS-DENIED',
  'UNKNOWN-UPS',
  'VAR-NOT-SUPPORTED',
  'CMD-NOT-SUPPORTED',
  'INVALID-ARGUMENT',
  'INSTCMD-FAILED',
  'SET-FAILED',
  'READONLY',
  'TOO-LONG',
  'INVALID-VALUE',
  'FEATURE-NOT-SUPPORTED',
  'FEATURE-NOT-CONFIGURED',
  'ALREADY-SSL-MODE',
  'DRIVER-NOT-CONNECTED',
  'DATA-STALE',
  'ALREADY-LOGGED-IN',
  'ALREADY-SET-PASSWORD',
  'ALREADY-SET-USERNAME',
  'USERNAME-REQUIRED',
  'PASSWORD-REQUIRED',
  'UNKNOWN-COMMAND',
  'INVALID-PASSWORD',
  'INVALID-USERNAME',
  'VAR-UNKNOWN',
  'UNKNOWN-TYPE',
  'UNKNOWN-INSTCMD',
  'MISSING-ARGUMENT',
  'UNKNOWN',
  'FAILED',
  'PASSWORD-INCORRECT',
  'UNKNOWN-VAR',
  'ALREADY-ATTACHED',
  'TLS-ALREADY-ENABLED',
  'TLS-NOT-ENABLED',
] as const;

/** One of the wire error tokens in {@link NUT_ERROR_CODES}. */
export type NutErrorCode = (typeof NUT_ERROR_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(NUT_ERROR_CODES);

/** True when `code` is a known wire error token. */
export function isNutErrorCode(code: string): code is NutErrorCode {
  return KNOWN_CODES.has(code);
}

/**
 * An error reported by a NUT server (`ERR <CODE> [extra]`), or one we raise ourselves with the
 * same code a NUT server would send. `code` is the wire token; unknown tokens from third-party
 * servers are kept verbatim in `code` with `known === false`.
 */
export class NutError extends Error {
  override readonly name = 'NutError';
  readonly code: string;
  readonly extra: string | undefined;

  constructor(code: NutErrorCode | string, extra?: string, message?: string) {
    super(message ?? (extra ? `${code}: ${extra}` : code));
    this.code = code;
    this.extra = extra;
  }

  /** Whether `code` is one of the tokens NUT or RFC 9271 define. */
  get known(): boolean {
    return KNOWN_CODES.has(this.code);
  }

  /** The wire form, `ERR <CODE>[ extra]`. */
  toWire(): string {
    return this.extra ? `ERR ${this.code} ${this.extra}` : `ERR ${this.code}`;
  }

  /** Parses a server reply line starting with `ERR `; returns undefined for any other line. */
  static fromReply(line: string): NutError | undefined {
    const match = /^ERR ([^ ]+)(?: (.*))?$/.exec(line.replace(/\r?\n$/, ''));
    if (!match) return undefined;
    return new NutError(match[1]!, match[2]);
  }
}

/** Codes for failures of the transport rather than the server's replies. */
export const TRANSPORT_ERROR_CODES = [
  'CONNECT-FAILED',
  'CONNECT-TIMEOUT',
  'CLOSED',
  'TIMEOUT',
  'TLS-FAILED',
  'PROTOCOL-ERROR',
  'ABORTED',
] as const;

/** One of {@link TRANSPORT_ERROR_CODES}. */
export type TransportErrorCode = (typeof TRANSPORT_ERROR_CODES)[number];

/** A failure of the connection itself: never a reply from the server. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly code: TransportErrorCode;

  constructor(code: TransportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
