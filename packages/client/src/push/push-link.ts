import { EventEmitter } from 'node:events';
import { connect as netConnect, type Socket } from 'node:net';
import { noopLogger, type Logger } from '@nut-ts/core';
import type { TlsOptions } from '../nut-client-options.js';
import { parseChangeLine, type PushedChange } from './change-line.js';

/** Milliseconds between keep-alive requests, well inside upsd's 60 s idle limit. */
const KEEPALIVE_MS = 20_000;
/** Longest line accepted from upsd. */
const MAX_LINE = 64 * 1024;

export interface PushLinkEvents {
  change: [PushedChange];
  /** The server answered NUTTS-WATCH: from now on changes are pushed. */
  active: [];
  /** Pushes stopped (connection lost) or were never possible; changes may have been missed. */
  inactive: [reason: string];
}

/**
 * A second connection to one upsd that asks for live changes with nut-ts's `NUTTS-WATCH <ups>`
 * extension. A server that answers `ERR UNKNOWN-COMMAND` (NUT's upsd) is marked unsupported and
 * never asked again, so nut-web keeps polling it; a lost connection is reopened by the next
 * {@link watch} call (each poll makes one).
 */
export class PushLink extends EventEmitter<PushLinkEvents> {
  /** false once the server has said it does not know NUTTS-WATCH. */
  supported = true;
  private socket: Socket | undefined;
  private opening: Promise<Socket> | undefined;
  private readonly watched = new Set<string>();
  private keepalive: NodeJS.Timeout | undefined;
  private buffer = '';
  private stopped = false;
  private isActive = false;

  constructor(
    private readonly server: { host: string; port: number; tls?: TlsOptions },
    private readonly logger: Logger = noopLogger,
  ) {
    super();
  }

  /** Whether changes of at least one UPS are being pushed right now. */
  get active(): boolean {
    return this.isActive;
  }

  /** Makes sure each of `names` is watched, opening the connection when needed. */
  async watch(names: Iterable<string>): Promise<void> {
    if (!this.supported || this.stopped) return;
    const wanted = [...names].filter((name) => !this.watched.has(name));
    if (wanted.length === 0) return;
    const socket = this.socket ?? (await (this.opening ??= this.open()));
    if (socket !== this.socket || socket.destroyed) return;
    for (const name of wanted) this.watched.add(name);
    socket.write(wanted.map((name) => `NUTTS-WATCH ${name}\n`).join(''));
  }

  stop(): void {
    this.stopped = true;
    this.socket?.destroy();
  }

  private async open(): Promise<Socket> {
    try {
      let socket = await this.connect();
      if ((this.server.tls?.mode ?? 'off') !== 'off') socket = await this.startTls(socket);
      if (this.stopped) {
        socket.destroy();
        throw new Error('push link stopped');
      }
      this.attach(socket);
      return socket;
    } finally {
      this.opening = undefined;
    }
  }

  private connect(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: this.server.host, port: this.server.port });
      socket.setNoDelay(true);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
    });
  }

  /** STARTTLS as NutClient does it: `try` carries on in plain text when the server says no. */
  private async startTls(raw: Socket): Promise<Socket> {
    const tls = this.server.tls!;
    raw.write('STARTTLS\n');
    const [reply] = (await EventEmitter.once(raw, 'data')) as [Buffer];
    if (!reply.toString('latin1').startsWith('OK STARTTLS')) {
      if (tls.mode === 'try') return raw;
      raw.destroy();
      throw new Error('the server refused STARTTLS');
    }
    const { connect: tlsConnect } = await import('node:tls'); // only when TLS is used
    return new Promise((resolve, reject) => {
      const secure = tlsConnect(
        {
          socket: raw,
          rejectUnauthorized: tls.verify ?? tls.ca !== undefined,
          servername: tls.servername ?? this.server.host,
          minVersion: 'TLSv1.2',
          ...(tls.ca !== undefined && { ca: tls.ca }),
          ...(tls.cert !== undefined && { cert: tls.cert }),
          ...(tls.key !== undefined && { key: tls.key }),
        },
        () => {
          secure.off('error', reject);
          resolve(secure);
        },
      );
      secure.once('error', reject);
    });
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    this.buffer = '';
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => this.receive(text));
    socket.on('error', (error) => this.logger.debug({ err: error.message }, 'push link error'));
    socket.on('close', () => this.lost(socket));
    this.keepalive = setInterval(() => socket.write('NETVER\n'), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  private lost(socket: Socket): void {
    if (this.socket !== socket) return;
    clearInterval(this.keepalive);
    this.socket = undefined;
    this.watched.clear();
    if (this.isActive) {
      this.isActive = false;
      this.emit('inactive', 'connection lost');
    }
  }

  private receive(text: string): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.indexOf('\n')) !== -1) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      this.handle(line);
    }
    if (this.buffer.length > MAX_LINE) this.socket?.destroy();
  }

  private handle(line: string): void {
    const change = parseChangeLine(line);
    if (change) {
      this.emit('change', change);
    } else if (line.startsWith('OK NUTTS-WATCH ')) {
      if (!this.isActive) {
        this.isActive = true;
        this.emit('active');
      }
    } else if (line === 'ERR UNKNOWN-COMMAND') {
      this.supported = false;
      this.logger.info('server does not push changes (no NUTTS-WATCH): polling only');
      this.emit('inactive', 'not supported by the server');
      this.socket?.destroy();
    }
    // Anything else (keep-alive replies, ERR UNKNOWN-UPS for a UPS just removed) needs nothing.
  }
}
