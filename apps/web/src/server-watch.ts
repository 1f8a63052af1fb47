import { EventEmitter } from 'node:events';
import { NutError, noopLogger, type Logger } from '@nut-ts/core';
import { NutClient, PushLink, type PushedChange, type TlsOptions } from '@nut-ts/client';
import { diffVars, type ServerSnapshot, type UpsSnapshot, type WebEvent } from './ups-state.js';

export interface ServerSpec {
  id: string;
  host: string;
  port: number;
  /** STARTTLS towards this upsd (`try` or `force`, with a CA to verify it). */
  tls?: TlsOptions;
}

/**
 * Keeps a live copy of one upsd server over a single persistent connection: every `pollMs` it
 * reads LIST UPS and, per UPS, LIST VAR, LIST CMD, LIST CLIENT and GET NUMLOGINS, and emits an
 * event for each change. The connection reconnects by itself. When the server is nut-ts's upsd,
 * a second connection (NUTTS-WATCH) delivers variable changes the moment the driver reports
 * them; polling goes on beside it for what is not pushed (clients, commands, NUMLOGINS).
 */
export class ServerWatch extends EventEmitter<{ event: [WebEvent] }> {
  readonly ups = new Map<string, UpsSnapshot>();
  private readonly client: NutClient;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private state: ServerSnapshot;
  private readonly push: PushLink;
  /** Counts pushed changes, so a poll that raced with a push does not undo it. */
  private pushed = 0;

  constructor(
    readonly spec: ServerSpec,
    private readonly pollMs: number,
    private readonly logger: Logger = noopLogger,
  ) {
    super();
    this.state = { ...spec, connected: false, error: undefined, push: 'off' };
    this.client = new NutClient({
      host: spec.host,
      port: spec.port,
      reconnect: { minDelayMs: 250, maxDelayMs: 5000 },
      requestTimeoutMs: 5000,
      logger,
      ...(spec.tls && { tls: spec.tls }),
    });
    this.client.on('disconnect', (error) => this.setConnected(false, error.message));
    this.client.on('connect', () => this.setConnected(true, undefined));
    this.push = new PushLink(spec, logger);
    this.push.on('change', (change) => this.applyPushed(change));
    this.push.on('active', () => this.setPush('active'));
    this.push.on('inactive', () => {
      this.setPush(this.push.supported ? 'off' : 'unsupported');
      void this.poll();
    });
  }

  get snapshot(): ServerSnapshot {
    return { ...this.state };
  }

  start(): void {
    void this.client.connect().catch((error: Error) => this.setConnected(false, error.message));
    void this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.push.stop();
    await this.client.close().catch(() => {});
  }

  /** Polls now (after a command, so the change shows at once). */
  async poll(): Promise<void> {
    clearTimeout(this.timer);
    try {
      if (this.client.connected) await this.refresh();
    } catch (error) {
      this.logger.debug({ server: this.spec.id, err: (error as Error).message }, 'poll failed');
    } finally {
      if (!this.stopped) this.timer = setTimeout(() => void this.poll(), this.pollMs);
    }
  }

  private setConnected(connected: boolean, error: string | undefined): void {
    if (this.state.connected === connected && this.state.error === error) return;
    this.state = { ...this.state, connected, error };
    this.emit('event', {
      type: 'connection',
      server: this.spec.id,
      connected,
      ...(error !== undefined && { error }),
    });
    if (connected) void this.poll();
  }

  private setPush(push: ServerSnapshot['push']): void {
    if (this.state.push === push) return;
    this.state = { ...this.state, push };
    this.logger.debug({ server: this.spec.id, push }, 'live push changed');
    this.emit('event', { type: 'push', server: this.spec.id, push });
  }

  /** A change upsd pushed: applied and sent on at once, without waiting for a poll. */
  private applyPushed(change: PushedChange): void {
    this.pushed++;
    const before = this.ups.get(change.ups);
    if (change.kind === 'STATE' || !before) {
      // The driver came, went or went stale (or the UPS is new): read everything again.
      void this.poll();
      return;
    }
    if (change.kind === 'NUMLOGINS') {
      this.publish(before, { ...before, numLogins: change.count });
      return;
    }
    const vars = { ...before.vars };
    if (change.kind === 'VAR') vars[change.name] = change.value;
    else delete vars[change.name];
    this.publish(before, { ...before, vars });
  }

  private async refresh(): Promise<void> {
    const list = await this.client.listUps();
    const names = new Set(list.map((u) => u.name));
    if (this.push.supported)
      this.push
        .watch(names)
        .catch((error: Error) =>
          this.logger.debug({ server: this.spec.id, err: error.message }, 'no push link'),
        );
    for (const name of [...this.ups.keys()]) {
      if (names.has(name)) continue;
      this.ups.delete(name);
      this.emit('event', { type: 'ups-removed', server: this.spec.id, name });
    }
    for (const { name, description } of list) {
      const pushedBefore = this.pushed;
      const next = await this.read(name, description);
      const before = this.ups.get(name);
      // A push that arrived while this UPS was being read is newer than what the read saw.
      if (before && this.pushed !== pushedBefore && !next.error && !before.error)
        next.vars = before.vars;
      this.publish(before, next);
    }
  }

  /** Stores `next` and emits what changed since `before`. */
  private publish(before: UpsSnapshot | undefined, next: UpsSnapshot): void {
    const name = next.name;
    this.ups.set(name, next);
    const changed = diffVars(before?.vars ?? {}, next.vars);
    const other =
      !before ||
      before.numLogins !== next.numLogins ||
      before.error !== next.error ||
      before.clients.join() !== next.clients.join() ||
      before.commands.join() !== next.commands.join();
    if (!before || other || Object.keys(changed).length > 0) {
      this.emit('event', { type: before ? 'ups-updated' : 'ups-added', ups: next, changed });
    }
    const from = before?.vars['ups.status'];
    const to = next.vars['ups.status'];
    if (before && from !== to)
      this.emit('event', { type: 'status', server: this.spec.id, name, from, to, at: Date.now() });
  }

  private async read(name: string, description: string): Promise<UpsSnapshot> {
    const snapshot: UpsSnapshot = {
      server: this.spec.id,
      name,
      description,
      vars: {},
      commands: [],
      clients: [],
      numLogins: undefined,
      error: undefined,
    };
    snapshot.clients = await this.client.listClient(name).catch(() => []);
    try {
      for (const { name: variable, value } of await this.client.listVar(name))
        snapshot.vars[variable] = value;
      snapshot.commands = await this.client.listCmd(name);
      snapshot.numLogins = await this.client.getNumLogins(name);
    } catch (error) {
      if (!(error instanceof NutError)) throw error;
      snapshot.error = error.code;
    }
    return snapshot;
  }
}
