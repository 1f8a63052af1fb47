import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { noopLogger, type Logger } from '@nut-ts/core';
import {
  DRIVER_TRACKING,
  Tokenizer,
  decodeServerToDriver,
  encodeDriverMessage,
  type DriverMessage,
  type ServerToDriverMessage,
} from '@nut-ts/protocol';
import type { StateStore } from './state-store.js';

/** What the driver does for INSTCMD and SET; resolves with a driver TRACKING status (0 = done). */
export interface DriverHandlers {
  instcmd(name: string, param: string | undefined): Promise<number>;
  setvar(name: string, value: string): Promise<number>;
}

interface Client {
  socket: Socket;
  tokenizer: Tokenizer;
  broadcast: boolean;
}

/** Most bytes queued for one client before it is dropped as not reading. */
const MAX_CLIENT_BACKLOG = 4 * 1024 * 1024;

async function inUse(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/**
 * The driver's Unix socket (`<statepath>/<driver>-<upsname>`), speaking NUT's driver socket
 * protocol with any number of clients: upsd (ours or NUT's), upsdrvctl, debugging tools.
 */
export class DriverSocketServer {
  private server: Server | undefined;
  private readonly clients = new Set<Client>();
  private readonly onChange = (message: DriverMessage) => this.broadcast(message);

  constructor(
    private readonly path: string,
    private readonly store: StateStore,
    private readonly handlers: DriverHandlers,
    private readonly logger: Logger = noopLogger,
  ) {}

  /** Listens; a leftover socket file is replaced, but a live driver on it is an error. */
  async listen(): Promise<void> {
    if (existsSync(this.path)) {
      if (await inUse(this.path)) throw new Error(`another driver is already serving ${this.path}`);
      unlinkSync(this.path);
    }
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => resolve());
    });
    chmodSync(this.path, 0o660);
    this.server = server;
    this.store.on('change', this.onChange);
    this.logger.info({ socket: this.path }, 'driver socket ready');
  }

  get clientCount(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    this.store.off('change', this.onChange);
    for (const client of this.clients) client.socket.destroy();
    this.clients.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }

  private accept(socket: Socket): void {
    const client: Client = { socket, tokenizer: new Tokenizer(), broadcast: true };
    this.clients.add(client);
    socket.on('data', (chunk: Buffer) => this.receive(client, chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.clients.delete(client));
  }

  private send(client: Client, text: string): void {
    if (client.socket.destroyed) return;
    if (client.socket.writableLength > MAX_CLIENT_BACKLOG) {
      this.logger.warn('socket client not reading: dropped');
      client.socket.destroy();
      return;
    }
    client.socket.write(text);
  }

  private broadcast(message: DriverMessage): void {
    const line = encodeDriverMessage(message);
    for (const client of this.clients) if (client.broadcast) this.send(client, line);
  }

  private receive(client: Client, chunk: Buffer): void {
    for (const event of client.tokenizer.push(chunk)) {
      if (event.kind !== 'line' || event.words.length === 0) continue;
      const request = decodeServerToDriver(event.words);
      if (!request) {
        this.logger.debug({ words: event.words }, 'unknown command on socket');
        continue;
      }
      this.handle(client, request);
    }
  }

  private handle(client: Client, request: ServerToDriverMessage): void {
    const dump = (messages: DriverMessage[]) =>
      this.send(client, messages.map(encodeDriverMessage).join(''));
    switch (request.type) {
      case 'PING':
        return this.send(client, 'PONG\n');
      case 'DUMPALL':
        return dump(this.store.dump());
      case 'DUMPVALUE':
      case 'DUMPSTATUS':
        return dump([
          ...this.store.dumpVar(request.type === 'DUMPSTATUS' ? 'ups.status' : request.name),
          { type: 'DUMPDONE' },
        ]);
      case 'GETPID':
        return this.send(client, `PID ${process.pid}\n`);
      case 'NOBROADCAST':
        client.broadcast = false;
        return;
      case 'BROADCAST':
        client.broadcast = request.level === undefined || request.level > 0;
        return;
      case 'LOGOUT':
        client.socket.end('OK Goodbye\n');
        return;
      case 'INSTCMD':
        return this.track(client, request.trackingId, () =>
          this.handlers.instcmd(request.name, request.param),
        );
      case 'SET':
        return this.track(client, request.trackingId, () =>
          this.handlers.setvar(request.name, request.value),
        );
    }
  }

  private track(client: Client, id: string | undefined, run: () => Promise<number>): void {
    void run()
      .catch((error: Error) => {
        this.logger.warn({ err: error.message }, 'command failed');
        return DRIVER_TRACKING.FAILED;
      })
      .then((status) => {
        if (id) this.send(client, `TRACKING ${id} ${status}\n`);
      });
  }
}
