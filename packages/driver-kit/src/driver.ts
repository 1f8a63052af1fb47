import type { Clock, Logger } from '@nut-ts/core';
import type { StateStore } from './state-store.js';
import type { StatusBuilder } from './status.js';

/** What a driver is given. */
export interface DriverContext {
  upsName: string;
  store: StateStore;
  status: StatusBuilder;
  /** The ups.conf section's `key = value` options with `-x` overrides, keys lower-cased. */
  options: Readonly<Record<string, string>>;
  /** The section's bare flags. */
  flags: readonly string[];
  /** The configuration directory (relative `port` files are resolved against it). */
  confDir: string;
  logger: Logger;
  clock: Clock;
  /**
   * Asks for an update as soon as possible, for a driver that learns of a change between polls
   * (dummy-ups watching its file). A cycle in progress is followed by another. Set by the
   * DriverRuntime that runs the driver.
   */
  requestUpdate?: () => void;
}

/**
 * One kind of UPS. The kit calls `init` once the socket is up (again until it succeeds), then
 * `update` every pollinterval. The data is stale until the first good update; after that,
 * more than `toleratedFailures` failed calls in a row make it stale, and the next good update
 * makes it fresh again.
 */
export interface Driver {
  /**
   * Consecutive failed updates tolerated before the data is called stale (default 0: stale on
   * the first failure). NUT's nutdrv_qx tolerates 4 (MAXTRIES + 1) and goes stale on the 5th.
   */
  readonly toleratedFailures?: number;
  init(ctx: DriverContext): Promise<void>;
  update(ctx: DriverContext): Promise<void>;
  /** Milliseconds until the next update when the driver wants its own pace (dummy-ups TIMER). */
  nextUpdateMs?(ctx: DriverContext): number | undefined;
  /** Runs an instant command; resolves with a TRACKING status (0 done, 1 unknown, 3 failed). */
  instcmd?(name: string, param: string | undefined, ctx: DriverContext): Promise<number>;
  /** Writes a variable; resolves with a TRACKING status. */
  setvar?(name: string, value: string, ctx: DriverContext): Promise<number>;
  /** Tells the UPS to cut power (`-k`, driver.killpower). */
  killpower?(ctx: DriverContext): Promise<void>;
  close?(): Promise<void>;
}

/** Facts about a driver program. */
export interface DriverMeta {
  /** Program name, also the first half of the socket name (`dummy-ups`). */
  name: string;
  version: string;
  description: string;
  /** Extra `--help` text for the driver's own ups.conf options. */
  optionsHelp?: string;
}
