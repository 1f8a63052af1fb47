import { connect, type Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import {
  emptyFlags,
  monotonicNow,
  systemClock,
  type Clock,
  type Logger,
  type TimerHandle,
  type VarInfo,
} from '@nut-ts/core';
import { Tokenizer, decodeDriverMessage, type DriverMessage } from '@nut-ts/protocol';

/** Why a UPS's data cannot be served, as the ERR code upsd sends. */
export type Unavailable = 'DRIVER-NOT-CONNECTED' | 'DATA-STALE';

export interface DriverLinkOptions {
  /** Path of the driver's Unix socket (`<statepath>/<driver>-<upsname>`). */
  socketPath: string;
  /** Seconds after which silent data is stale (upsd.conf MAXAGE). */
  maxAge: number;
  /** Milliseconds between connection attempts while the driver is away. Default 2000. */
  retryMs?: number;
  clock?: Clock;
  logger: Logger;
}

export interface DriverLinkEvents {
  /** A `TRACKING <id> <status>` result from the driver. */
  tracking: [id: string, status: number];
  state: [state: 'connected' | 'disconnected' | 'stale' | 'fresh'];
  /** Variables (lower-cased names) whose value changed or that went away, per chunk read. */
  changed: [names: string[]];
}

/**
 * upsd's side of one driver socket: connects, asks for DUMPALL, mirrors the driver's
 * variables and commands, PINGs a quiet driver, decides staleness, and reconnects by itself
 * when the driver goes away, starting over with a fresh dump.
 */
export class DriverLink extends EventEmitter<DriverLinkEvents> {
  /** Variables keyed by lower-cased name (names compare case-insensitively). */
  readonly vars = new Map<string, VarInfo>();
  /** Instant commands keyed by lower-cased name. */
  readonly cmds = new Map<string, string>();
  private socket: Socket | undefined;
  private tokenizer = new Tokenizer();
  private dumpDone = false;
  private driverStale = false;
  private lastHeard = 0;
  private lastPing = 0;
  private reportedStale = false;
  private timer: TimerHandle | undefined;
  private stopped = false;
  private connecting = false;
  private readonly clock: Clock;
  private readonly retryMs: number;
  /** Collects changed names while a chunk is applied, only when someone listens (NUTTS-WATCH). */
  private changes: Set<string> | undefined;

  constructor(private options: DriverLinkOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    this.retryMs = options.retryMs ?? 2000;
  }

  get socketPath(): string {
    return this.options.socketPath;
  }

  get connected(): boolean {
    return this.socket !== undefined;
  }

  /** Applies a new MAXAGE (reload). */
  setMaxAge(seconds: number): void {
    this.options = { ...this.options, maxAge: seconds };
    if (!this.stopped && this.timer) this.schedule(this.nextTickMs());
  }

  start(): void {
    this.stopped = false;
    this.tryConnect();
    this.tick();
  }

  stop(): void {
    const wasRunning = !this.stopped;
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.socket?.destroy();
    this.socket = undefined;
    // Watchers learn that this link is gone (a reload replaced the UPS's driver).
    if (wasRunning) this.emit('state', 'disconnected');
  }

  /** undefined when data can be served; otherwise the error NUT's upsd would send. */
  unavailable(): Unavailable | undefined {
    if (!this.socket) return 'DRIVER-NOT-CONNECTED';
    return this.isStale() ? 'DATA-STALE' : undefined;
  }

  /** Writes a line to the driver; false when it is not connected. */
  send(line: string): boolean {
    if (!this.socket || this.socket.destroyed) return false;
    this.socket.write(line);
    return true;
  }

  private isStale(): boolean {
    const silentMs = monotonicNow(this.clock) - this.lastHeard;
    if (silentMs > (this.options.maxAge + 1) * 1000) return true;
    return this.dumpDone && this.driverStale;
  }

  private tryConnect(): void {
    if (this.stopped || this.socket || this.connecting) return;
    this.connecting = true;
    const socket = connect(this.options.socketPath);
    socket.once('connect', () => {
      this.connecting = false;
      this.attach(socket);
    });
    socket.once('error', (error) => {
      if (this.connecting) {
        this.connecting = false;
        this.options.logger.debug(
          { err: error.message, socket: this.options.socketPath },
          'driver not reachable',
        );
      }
    });
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    this.tokenizer = new Tokenizer();
    this.vars.clear();
    this.cmds.clear();
    this.dumpDone = false;
    this.driverStale = false;
    this.reportedStale = false;
    this.lastHeard = monotonicNow(this.clock);
    this.setVar('ups.status', 'WAIT');
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.lost(socket));
    socket.write('DUMPALL\n');
    this.options.logger.info({ socket: this.options.socketPath }, 'connected to driver');
    this.emit('state', 'connected');
  }

  private lost(socket: Socket): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.vars.clear();
    this.cmds.clear();
    this.options.logger.warn({ socket: this.options.socketPath }, 'lost connection to driver');
    this.emit('state', 'disconnected');
    if (!this.stopped) this.schedule(Math.min(this.retryMs, 1000));
  }

  private tick(): void {
    if (this.stopped) return;
    if (!this.socket) this.tryConnect();
    else {
      const now = monotonicNow(this.clock);
      const quietMs = this.pingAfterMs();
      // The tick was set from the last PING; its PONG came a little later. Pinging now, when
      // the quiet is nearly long enough, saves a wake-up moments before the next one.
      const slack = Math.min(1000, quietMs / 5);
      if (now - this.lastHeard >= quietMs - slack && now - this.lastPing > quietMs) {
        this.lastPing = now;
        this.send('PING\n');
      }
      this.checkStale();
    }
    this.schedule(this.nextTickMs());
  }

  private schedule(ms: number): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.tick(), ms);
  }

  /** A driver quiet for a third of MAXAGE is sent PING. */
  private pingAfterMs(): number {
    return (this.options.maxAge * 1000) / 3;
  }

  /**
   * Milliseconds to the next tick: every second while the driver is away, to reconnect soon;
   * while it is connected, only when a PING or the MAXAGE deadline falls due, so an idle upsd
   * wakes every few seconds rather than every second.
   */
  private nextTickMs(): number {
    if (!this.socket) return Math.min(this.retryMs, 1000);
    const now = monotonicNow(this.clock);
    const pingAt = Math.max(this.lastHeard, this.lastPing) + this.pingAfterMs() + 1;
    const staleAt = this.reportedStale
      ? Infinity
      : this.lastHeard + (this.options.maxAge + 1) * 1000 + 1;
    return Math.max(1, Math.min(pingAt, staleAt) - now);
  }

  /** Emits 'stale' or 'fresh' (and logs it) when staleness changed since it was last told. */
  private checkStale(): void {
    const stale = this.isStale();
    if (stale === this.reportedStale) return;
    this.reportedStale = stale;
    this.options.logger.warn(
      { socket: this.options.socketPath, stale },
      stale ? 'data is stale - check driver' : 'data is no longer stale',
    );
    this.emit('state', stale ? 'stale' : 'fresh');
  }

  private receive(chunk: Buffer): void {
    this.changes = this.listenerCount('changed') > 0 ? new Set() : undefined;
    for (const event of this.tokenizer.push(chunk)) {
      if (event.kind !== 'line' || event.words.length === 0) continue;
      this.lastHeard = monotonicNow(this.clock);
      const message = decodeDriverMessage(event.words);
      if (message) this.apply(message);
      else this.options.logger.debug({ words: event.words }, 'unknown line from driver ignored');
    }
    const changes = this.changes;
    this.changes = undefined;
    if (changes && changes.size > 0) this.emit('changed', [...changes]);
    // DATASTALE, DATAOK, or data after a silence: told now, not at the next tick.
    if (this.socket) this.checkStale();
  }

  private apply(message: DriverMessage): void {
    switch (message.type) {
      case 'SETINFO':
        this.setVar(message.name, message.value);
        break;
      case 'DELINFO':
        if (this.vars.delete(message.name.toLowerCase()))
          this.changes?.add(message.name.toLowerCase());
        break;
      case 'ADDENUM': {
        const info = this.vars.get(message.name.toLowerCase());
        if (info && !info.enums.includes(message.value)) info.enums.push(message.value);
        break;
      }
      case 'DELENUM': {
        const info = this.vars.get(message.name.toLowerCase());
        if (info) info.enums = info.enums.filter((value) => value !== message.value);
        break;
      }
      case 'ADDRANGE': {
        const info = this.vars.get(message.name.toLowerCase());
        if (info && !info.ranges.some((r) => r.min === message.min && r.max === message.max)) {
          info.ranges.push({ min: message.min, max: message.max });
        }
        break;
      }
      case 'DELRANGE': {
        const info = this.vars.get(message.name.toLowerCase());
        if (info)
          info.ranges = info.ranges.filter((r) => r.min !== message.min || r.max !== message.max);
        break;
      }
      case 'SETAUX': {
        const info = this.vars.get(message.name.toLowerCase());
        if (info) info.aux = message.aux;
        break;
      }
      case 'SETFLAGS': {
        const info = this.vars.get(message.name.toLowerCase());
        if (info) {
          info.flags = {
            rw: message.flags.includes('RW'),
            string: message.flags.includes('STRING'),
            number: message.flags.includes('NUMBER'),
          };
        }
        break;
      }
      case 'ADDCMD':
        this.cmds.set(message.name.toLowerCase(), message.name);
        break;
      case 'DELCMD':
        this.cmds.delete(message.name.toLowerCase());
        break;
      case 'DUMPDONE':
        this.dumpDone = true;
        break;
      case 'DATAOK':
        this.driverStale = false;
        break;
      case 'DATASTALE':
        this.driverStale = true;
        break;
      case 'TRACKING':
        this.emit('tracking', message.id, message.status);
        break;
      default:
        break;
    }
  }

  private setVar(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.vars.get(key);
    if (existing?.value !== value) this.changes?.add(key);
    if (existing) existing.value = value;
    else this.vars.set(key, { name, value, flags: emptyFlags(), aux: 0, enums: [], ranges: [] });
  }
}
