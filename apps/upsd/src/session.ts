import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { monotonicNow, systemClock, type Clock, type Logger, type TimerHandle } from '@nut-ts/core';
import { Tokenizer } from '@nut-ts/protocol';
import { dispatch } from './commands/dispatch.js';
import { replyWriter, type ReplyWriter } from './direct-write.js';
import { readChunks, stopReadingChunks } from './socket-reader.js';
import type { CommandContext, SessionState } from './commands/context.js';
import type { ClientRef } from './ups-registry.js';

/** Shared parts of every session's command context. */
export type SessionServices = Omit<CommandContext, 'state' | 'client' | 'logger'>;

export interface SessionOptions {
  /** Milliseconds without a complete line before the client is dropped (NUT: 60 s). */
  idleTimeoutMs: number;
  /** Bytes of unsent replies after which we stop reading from this client. */
  maxPendingOutput: number;
  tls?: { context: SecureContext; requestCert: boolean; rejectUnauthorized: boolean };
  clock?: Clock;
}

/** Milliseconds a client that sent LOGOUT has to read the goodbye (NUT drops it within 2 s). */
const LOGOUT_GRACE_MS = 2_000;

function clientAddress(socket: Socket): string {
  return (socket.remoteAddress ?? 'unknown').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

/**
 * One client connection: tokenizes input byte by byte with NUT's rules, answers each line in
 * order, drops the client after the idle timeout, and stops reading from a client that does not
 * read its replies, so a slow or hostile client cannot hurt the others.
 */
export class Session implements ClientRef {
  readonly address: string;
  readonly state: SessionState = { tracking: false, tls: false };
  private socket: Socket;
  private writer: ReplyWriter;
  private tokenizer = new Tokenizer();
  private idleTimer: TimerHandle | undefined;
  private lastLine: number;
  private closed = false;
  private readonly clock: Clock;

  constructor(
    socket: Socket,
    private readonly services: () => SessionServices,
    private readonly options: SessionOptions,
    private readonly logger: Logger,
    private readonly onClose: (session: Session) => void,
  ) {
    this.socket = socket;
    this.writer = replyWriter(socket);
    this.clock = options.clock ?? systemClock;
    this.address = clientAddress(socket);
    this.lastLine = monotonicNow(this.clock);
    socket.setNoDelay(true);
    this.listen(socket);
    this.armIdleTimer();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.idleTimer) this.clock.clearTimeout(this.idleTimer);
    this.socket.destroy();
    this.ended();
  }

  /**
   * Sends text the client did not ask for (NUTTS-WATCH change lines). A watcher that lets
   * more than `maxPendingOutput` bytes pile up is dropped rather than buffered without bound.
   */
  push(text: string): void {
    if (this.closed) return;
    if (this.socket.writableLength > this.options.maxPendingOutput) this.close();
    else this.writer(text);
  }

  /** Runs `listener` once when this connection ends (allocated only for watchers). */
  onEnd(listener: () => void): void {
    (this.endListeners ??= []).push(listener);
  }

  private endListeners: Array<() => void> | undefined;

  private ended(): void {
    this.onClose(this);
    for (const listener of this.endListeners?.splice(0) ?? []) listener();
  }

  /**
   * Sends `reply`, then closes (LOGOUT). The session ends at once (the login no longer counts),
   * but the socket is destroyed only once the reply is flushed, or after a grace period if the
   * client does not read it.
   */
  private closeAfter(reply: string): void {
    const socket = this.socket;
    this.closed = true;
    if (this.idleTimer) this.clock.clearTimeout(this.idleTimer);
    this.ended();
    socket.end(reply, () => socket.destroy());
    const grace = this.clock.setTimeout(() => socket.destroy(), LOGOUT_GRACE_MS);
    socket.once('close', () => this.clock.clearTimeout(grace));
  }

  private listen(socket: Socket): void {
    readChunks(socket, (chunk) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
    socket.on('drain', () => socket.resume());
  }

  /**
   * One timer per session: a complete line only records the time, and the timer re-arms itself
   * for the rest of the idle period, so busy clients cost no timer churn.
   */
  private armIdleTimer(): void {
    const idleMs = this.options.idleTimeoutMs;
    const wait = this.lastLine + idleMs - monotonicNow(this.clock);
    this.idleTimer = this.clock.setTimeout(
      () => {
        if (this.closed) return;
        if (monotonicNow(this.clock) - this.lastLine >= idleMs) {
          this.logger.info({ client: this.address }, 'client idle too long: disconnected');
          this.close();
        } else this.armIdleTimer();
      },
      Math.max(wait, 1),
    );
  }

  private receive(chunk: Buffer): void {
    // Replies to lines that arrived together (pipelining) leave in one write.
    let replies = '';
    for (const event of this.tokenizer.push(chunk)) {
      if (this.closed) return;
      if (event.kind === 'error') {
        // NUT sends nothing back for a line it cannot tokenize.
        this.logger.debug(
          { client: this.address, error: event.message },
          'parse error on client socket',
        );
        continue;
      }
      this.lastLine = monotonicNow(this.clock);
      const result = dispatch(event.words, this.context());
      if (typeof result === 'string') {
        replies += result;
        continue;
      }
      if (replies !== '') this.write(replies);
      if (result.then === 'close') {
        this.closeAfter(result.reply);
      } else {
        // The OK leaves before the handshake starts on the same socket.
        this.write(result.reply);
        this.startTls();
      }
      return;
    }
    if (replies !== '') this.write(replies);
  }

  private cachedContext: CommandContext | undefined;
  private cachedServices: SessionServices | undefined;

  /** The command context, rebuilt only when the shared services change (reload). */
  private context(): CommandContext {
    const services = this.services();
    if (services !== this.cachedServices || !this.cachedContext) {
      this.cachedServices = services;
      this.cachedContext = { ...services, state: this.state, client: this, logger: this.logger };
    }
    return this.cachedContext;
  }

  private write(text: string): void {
    const flushed = this.writer(text);
    if (!flushed && this.socket.writableLength > this.options.maxPendingOutput) {
      // The client is not reading: stop reading its requests until it catches up.
      this.socket.pause();
    }
  }

  private startTls(): void {
    const tls = this.options.tls;
    if (!tls) return;
    const raw = this.socket;
    stopReadingChunks(raw);
    raw.removeAllListeners('close');
    raw.removeAllListeners('error');
    raw.removeAllListeners('drain');
    const secure = new TLSSocket(raw, {
      isServer: true,
      secureContext: tls.context,
      requestCert: tls.requestCert,
      rejectUnauthorized: tls.rejectUnauthorized,
    });
    this.socket = secure;
    this.writer = replyWriter(secure);
    this.state.tls = true;
    this.tokenizer = new Tokenizer();
    secure.on('secure', () => this.logger.info({ client: this.address }, 'TLS established'));
    secure.on('error', (error) =>
      this.logger.warn({ client: this.address, err: error.message }, 'TLS failed'),
    );
    this.listen(secure);
  }
}
