import { connect as netConnect, type Socket } from 'node:net';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { TransportError, type Logger } from '@nut-ts/core';
import { LineFramer, ReplyMismatch, endsList } from '@nut-ts/protocol';

/** Options of one request. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Milliseconds to wait for the whole reply; defaults to the connection's request timeout. */
  timeoutMs?: number;
}

interface Pending {
  list: boolean;
  lines: string[];
  /** Decodes and settles; runs as the reply's last line arrives, before any later line. */
  settle: (lines: string[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  cleanup: () => void;
}

/** Longest reply line accepted (upsd's own replies are at most 512 bytes). */
const MAX_REPLY_LINE = 64 * 1024;

/**
 * One TCP (optionally TLS) connection to upsd: pipelined requests whose replies are matched in
 * order. A request that times out poisons the connection (later replies could no longer be
 * matched), so it is closed and every pending request fails.
 */
export class Connection {
  private socket: Socket | TLSSocket;
  private framer = new LineFramer({ maxLineLength: MAX_REPLY_LINE });
  private readonly pending: Pending[] = [];
  private closedError: TransportError | undefined;
  private readonly closeListeners = new Set<(error: TransportError) => void>();

  private constructor(
    socket: Socket,
    private readonly requestTimeoutMs: number,
    private readonly logger: Logger,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  /** Opens a TCP connection, failing with CONNECT-FAILED or CONNECT-TIMEOUT. */
  static open(options: {
    host: string;
    port: number;
    connectTimeoutMs: number;
    requestTimeoutMs: number;
    logger: Logger;
    signal?: AbortSignal;
  }): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: options.host, port: options.port });
      socket.setNoDelay(true);
      const fail = (error: TransportError) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        socket.destroy();
        reject(error);
      };
      const onAbort = () => fail(new TransportError('ABORTED', 'connect aborted'));
      const timer = setTimeout(
        () =>
          fail(
            new TransportError(
              'CONNECT-TIMEOUT',
              `no connection to ${options.host}:${options.port} within ${options.connectTimeoutMs} ms`,
            ),
          ),
        options.connectTimeoutMs,
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', (error) =>
        fail(
          new TransportError(
            'CONNECT-FAILED',
            `cannot connect to ${options.host}:${options.port}: ${error.message}`,
            { cause: error },
          ),
        ),
      );
      socket.once('connect', () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        socket.removeAllListeners('error');
        resolve(new Connection(socket, options.requestTimeoutMs, options.logger));
      });
    });
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  /** Called once when the connection ends, for whatever reason. */
  onClose(listener: (error: TransportError) => void): void {
    this.closeListeners.add(listener);
  }

  /** Sends one request line; resolves with its reply lines (one, or a whole LIST block). */
  request(line: string, list: boolean, options: RequestOptions = {}): Promise<string[]> {
    return this.requestDecoded(line, list, (lines) => lines, options);
  }

  /**
   * Sends one request line and decodes its reply lines with `decode` as soon as they are
   * complete, before any later line is matched to a later request. A ReplyMismatch from
   * `decode` means the replies are out of step: the connection is closed at once with
   * PROTOCOL-ERROR, so no later request can be handed a reply meant for another. Any other
   * error (a server's NutError) rejects this request only.
   */
  requestDecoded<T>(
    line: string,
    list: boolean,
    decode: (lines: string[]) => T,
    options: RequestOptions = {},
  ): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (options.signal?.aborted)
      return Promise.reject(new TransportError('ABORTED', 'request aborted'));
    return new Promise((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
      const onAbort = () =>
        this.destroy(new TransportError('ABORTED', `request aborted: ${line.trim()}`));
      const entry: Pending = {
        list,
        lines: [],
        settle: (lines) => {
          try {
            resolve(decode(lines));
          } catch (error) {
            if (!(error instanceof ReplyMismatch)) return reject(error as Error);
            const failure = new TransportError('PROTOCOL-ERROR', error.message, { cause: error });
            reject(failure);
            this.destroy(failure);
          }
        },
        reject,
        timer: setTimeout(
          () =>
            this.destroy(
              new TransportError(
                'TIMEOUT',
                `no reply to '${line.trim().split(' ')[0]}' within ${timeoutMs} ms`,
              ),
            ),
          timeoutMs,
        ),
        cleanup: () => options.signal?.removeEventListener('abort', onAbort),
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.push(entry);
      this.socket.write(line.endsWith('\n') ? line : `${line}\n`);
    });
  }

  /** Upgrades the socket to TLS after the server said `OK STARTTLS`. */
  async upgradeToTls(options: ConnectionOptions): Promise<void> {
    // Loaded here, not at start-up: most clients never use TLS, and node:tls costs a process
    // several milliseconds and over a megabyte to load.
    const { connect: tlsConnect } = await import('node:tls');
    const raw = this.socket;
    raw.removeAllListeners('data');
    raw.removeAllListeners('close');
    raw.removeAllListeners('error');
    const secure = await new Promise<TLSSocket>((resolve, reject) => {
      const tls = tlsConnect({ ...options, socket: raw }, () => resolve(tls));
      tls.once('error', (error) =>
        reject(
          new TransportError('TLS-FAILED', `TLS handshake failed: ${error.message}`, {
            cause: error,
          }),
        ),
      );
    }).catch((error: TransportError) => {
      this.destroy(error);
      throw error;
    });
    this.socket = secure;
    this.framer = new LineFramer({ maxLineLength: MAX_REPLY_LINE });
    this.attach(secure);
  }

  /** Closes the connection; pending requests fail with `error`. */
  destroy(error = new TransportError('CLOSED', 'connection closed')): void {
    if (this.closedError) return;
    this.closedError = error;
    this.socket.destroy();
    for (const entry of this.pending.splice(0)) {
      clearTimeout(entry.timer);
      entry.cleanup();
      entry.reject(error);
    }
    for (const listener of this.closeListeners) listener(error);
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) =>
      this.destroy(
        new TransportError('CLOSED', `connection error: ${error.message}`, { cause: error }),
      ),
    );
    socket.on('close', () =>
      this.destroy(new TransportError('CLOSED', 'the server closed the connection')),
    );
  }

  private receive(chunk: Buffer): void {
    for (const framed of this.framer.push(chunk)) {
      if (framed.kind === 'overflow') {
        this.destroy(
          new TransportError('PROTOCOL-ERROR', `reply line longer than ${MAX_REPLY_LINE} bytes`),
        );
        return;
      }
      const entry = this.pending[0];
      if (!entry) {
        this.logger.warn({ line: framed.line }, 'unsolicited line from server ignored');
        continue;
      }
      entry.lines.push(framed.line);
      if (entry.list && !endsList(framed.line, entry.lines.length === 1)) continue;
      this.pending.shift();
      clearTimeout(entry.timer);
      entry.cleanup();
      entry.settle(entry.lines);
      if (this.closedError) return;
    }
  }
}
