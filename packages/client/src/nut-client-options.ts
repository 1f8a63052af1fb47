import type { TransportError, Logger } from '@nut-ts/core';

/** STARTTLS settings. */
export interface TlsOptions {
  /** off: never; try: STARTTLS, plaintext if the server cannot; force: fail without TLS. */
  mode: 'off' | 'try' | 'force';
  /** PEM CA certificate(s) to verify the server with. */
  ca?: string | Buffer;
  /** Verify the server certificate (default true when `ca` is given). */
  verify?: boolean;
  servername?: string;
  cert?: string | Buffer;
  key?: string | Buffer;
}

export interface NutClientOptions {
  host?: string;
  /** Default 3493. */
  port?: number;
  /** Default 10 000 ms (NUT's clients). */
  connectTimeoutMs?: number;
  /** Default 5 000 ms (NUT's network timeout). */
  requestTimeoutMs?: number;
  logger?: Logger;
  tls?: TlsOptions;
  /** Reconnect after an unexpected close, restoring TLS, credentials and LOGIN. Default on. */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number } | false;
  credentials?: { username: string; password: string };
  /** UPS to LOGIN to after connecting (and after every reconnect). */
  login?: string;
  /** Also claim PRIMARY for `login` (MASTER on servers older than 2.8). */
  primary?: boolean;
}

export interface NutClientEvents {
  connect: [];
  disconnect: [TransportError];
  reconnect: [];
}
