import { join } from 'node:path';
import type { Clock, Logger } from '@nut-ts/core';
import type { UpsSection } from '@nut-ts/config';
import { DriverLink } from './driver-link.js';
import type { TrackingTable } from './tracking.js';

/** A connected client as the registry sees it. */
export interface ClientRef {
  /** Remote address as LIST CLIENT prints it. */
  readonly address: string;
  /** Ends the connection (a UPS removed by reload drops its logged-in clients, as NUT does). */
  close(): void;
}

/** One UPS of ups.conf as upsd serves it. */
export class UpsEntry {
  /** NUT's FSD latch: set by FSD, cleared only by restart or removing the UPS. */
  fsd = false;
  /** Clients logged in to this UPS, oldest first (change it through login() and logout()). */
  readonly logins: ClientRef[] = [];
  /** Told the new active count whenever it changes (NUTTS-WATCH watchers). */
  private readonly countListeners = new Set<(count: number) => void>();

  constructor(
    public name: string,
    public desc: string | undefined,
    public readonly driver: string,
    public readonly link: DriverLink,
  ) {}

  /** The active count: GET NUMLOGINS. */
  get numLogins(): number {
    return this.logins.length;
  }

  login(client: ClientRef): void {
    this.logins.push(client);
    this.countChanged();
  }

  /** Ends `client`'s login, if it had one. */
  logout(client: ClientRef): void {
    const at = this.logins.indexOf(client);
    if (at === -1) return;
    this.logins.splice(at, 1);
    this.countChanged();
  }

  /** Calls `listener` with the active count after each change; returns how to stop. */
  onCountChange(listener: (count: number) => void): () => void {
    this.countListeners.add(listener);
    return () => this.countListeners.delete(listener);
  }

  private countChanged(): void {
    for (const listener of this.countListeners) listener(this.logins.length);
  }
}

export interface RegistryOptions {
  statePath: string;
  maxAge: number;
  clock: Clock;
  logger: Logger;
  tracking: TrackingTable;
  driverRetryMs?: number;
}

/** The UPS table, in ups.conf order, with case-insensitive lookup. */
export class UpsRegistry {
  private entries: UpsEntry[] = [];
  /** The entries by lower-cased name: every request looks its UPS up. */
  private byName = new Map<string, UpsEntry>();

  constructor(private options: RegistryOptions) {}

  get all(): readonly UpsEntry[] {
    return this.entries;
  }

  find(name: string): UpsEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /**
   * Brings the table in line with ups.conf: new UPSes get a driver link, removed ones are
   * dropped with their logged-in clients, a changed driver name means a new socket.
   */
  sync(
    sections: readonly UpsSection[],
    options: Partial<Pick<RegistryOptions, 'maxAge' | 'statePath'>> = {},
  ): void {
    this.options = { ...this.options, ...options };
    const next: UpsEntry[] = [];
    for (const section of sections) {
      const existing = this.find(section.name);
      if (
        existing &&
        existing.driver === section.driver &&
        existing.link.socketPath === this.socketPath(section)
      ) {
        existing.name = section.name;
        existing.desc = section.desc;
        existing.link.setMaxAge(this.options.maxAge);
        next.push(existing);
        continue;
      }
      if (existing) existing.link.stop();
      const entry = new UpsEntry(
        section.name,
        section.desc,
        section.driver,
        this.createLink(section),
      );
      if (existing) {
        entry.fsd = existing.fsd;
        entry.logins.push(...existing.logins);
      }
      entry.link.start();
      next.push(entry);
    }
    for (const old of this.entries) {
      if (next.includes(old)) continue;
      old.link.stop();
      for (const client of old.logins.splice(0)) client.close();
      this.options.logger.info({ ups: old.name }, 'UPS removed from ups.conf');
    }
    this.entries = next;
    this.byName = new Map(next.map((entry) => [entry.name.toLowerCase(), entry]));
  }

  /** Drops `client` from every UPS it was logged in to (connection closed or LOGOUT). */
  forget(client: ClientRef): void {
    for (const entry of this.entries) entry.logout(client);
  }

  stop(): void {
    for (const entry of this.entries) entry.link.stop();
  }

  private socketPath(section: UpsSection): string {
    return join(this.options.statePath, `${section.driver}-${section.name}`);
  }

  private createLink(section: UpsSection): DriverLink {
    const link = new DriverLink({
      socketPath: this.socketPath(section),
      maxAge: this.options.maxAge,
      clock: this.options.clock,
      logger: this.options.logger.child({ ups: section.name }),
      ...(this.options.driverRetryMs !== undefined && { retryMs: this.options.driverRetryMs }),
    });
    link.on('tracking', (id, status) => this.options.tracking.resolve(id, status));
    return link;
  }
}
