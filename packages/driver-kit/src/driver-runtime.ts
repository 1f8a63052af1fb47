import type { TimerHandle } from '@nut-ts/core';
import { DRIVER_TRACKING } from '@nut-ts/protocol';
import type { Driver, DriverContext, DriverMeta } from './driver.js';
import { DriverSocketServer } from './socket-server.js';

export interface RuntimeOptions {
  socketPath: string;
  /** Seconds between updates (ups.conf pollinterval). */
  pollInterval: number;
  /**
   * Consecutive failed updates tolerated before DATASTALE; default: the driver's
   * `toleratedFailures`, else 0 (stale on the first failure).
   */
  toleratedFailures?: number;
}

/**
 * Runs a driver: publishes the framework variables, serves the socket, and calls `update`
 * every pollinterval. A run of failed updates longer than the tolerated count sets DATASTALE
 * (as NUT's drivers ride out a few bad polls); the next success sets DATAOK.
 */
export class DriverRuntime {
  private server: DriverSocketServer;
  private timer: TimerHandle | undefined;
  private initialised = false;
  private stopped = false;
  private failures = 0;
  private running: Promise<void> | undefined;
  /** An update was asked for while a cycle ran: the next one starts when it ends. */
  private updateAgain = false;

  constructor(
    private readonly driver: Driver,
    private readonly meta: DriverMeta,
    private readonly ctx: DriverContext,
    private readonly options: RuntimeOptions,
  ) {
    this.server = new DriverSocketServer(
      options.socketPath,
      ctx.store,
      {
        instcmd: (name, param) => this.instcmd(name, param),
        setvar: (name, value) => this.setvar(name, value),
      },
      ctx.logger,
    );
    ctx.requestUpdate = () => this.requestUpdate();
  }

  async start(): Promise<void> {
    this.publishFramework();
    await this.server.listen();
    await this.cycle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.ctx.clock.clearTimeout(this.timer);
    await this.server.close();
    await this.driver.close?.().catch(() => {});
  }

  /**
   * Runs one init-or-update cycle now (SIGHUP; tests). A call while a cycle is running joins
   * it, so a poll never overlaps another.
   */
  cycle(): Promise<void> {
    this.running ??= this.runCycle().finally(() => (this.running = undefined));
    return this.running;
  }

  /** {@link DriverContext.requestUpdate}: a cycle now, or right after the one running. */
  requestUpdate(): void {
    if (this.stopped || !this.initialised) return;
    if (this.running) this.updateAgain = true;
    else void this.cycle();
  }

  /** Resolves when no cycle is running (tests await the cycle a timer started). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async runCycle(): Promise<void> {
    if (this.timer) this.ctx.clock.clearTimeout(this.timer);
    this.timer = undefined;
    try {
      if (!this.initialised) {
        this.ctx.store.setInfo('driver.state', 'init.device');
        await this.driver.init(this.ctx);
        this.initialised = true;
      }
      this.ctx.store.setInfo('driver.state', 'updateinfo');
      await this.driver.update(this.ctx);
      if (this.failures > 0) this.ctx.logger.info('communication with the UPS restored');
      this.failures = 0;
      this.ctx.store.setStale(false);
    } catch (error) {
      this.failures++;
      const tolerated = this.options.toleratedFailures ?? this.driver.toleratedFailures ?? 0;
      const err = (error as Error).message;
      if (this.failures === 1 && tolerated > 0)
        this.ctx.logger.warn({ err }, 'UPS not answering: retrying');
      if (this.failures === tolerated + 1)
        this.ctx.logger.warn({ err, failures: this.failures }, 'UPS not answering: data stale');
      this.ctx.store.setInfo('driver.state', 'reconnect.trying');
      if (this.failures > tolerated) this.ctx.store.setStale(true);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const wanted = this.driver.nextUpdateMs?.(this.ctx);
    const delay = this.updateAgain ? 0 : (wanted ?? this.options.pollInterval * 1000);
    this.updateAgain = false;
    this.timer = this.ctx.clock.setTimeout(() => void this.cycle(), delay);
  }

  private publishFramework(): void {
    const { store, options, flags } = this.ctx;
    store.setInfo('driver.name', this.meta.name);
    store.setInfo('driver.version', this.meta.version);
    store.setInfo('driver.version.internal', this.meta.version);
    for (const [key, value] of Object.entries(options)) {
      if (
        key === 'driver' ||
        key === 'desc' ||
        key.startsWith('override.') ||
        key.startsWith('default.')
      )
        continue;
      store.setInfo(`driver.parameter.${key}`, value);
    }
    store.setInfo('driver.parameter.pollinterval', String(this.options.pollInterval));
    for (const flag of flags) store.setInfo(`driver.flag.${flag}`, 'enabled');
    for (const [key, value] of Object.entries(options)) {
      if (key.startsWith('default.')) store.setInfo(key.slice('default.'.length), value);
    }
    for (const [key, value] of Object.entries(options)) {
      if (key.startsWith('override.')) store.override(key.slice('override.'.length), value);
    }
    // Offered only by drivers that can cut power (NUT 2.8.0's dummy-ups offers neither).
    if (this.driver.killpower) {
      store.addCmd('driver.killpower');
      store.addCmd('shutdown.default');
    }
  }

  private async instcmd(name: string, param: string | undefined): Promise<number> {
    const lower = name.toLowerCase();
    if (lower === 'driver.killpower' || lower === 'shutdown.default') {
      if (!this.driver.killpower) return DRIVER_TRACKING.UNKNOWN;
      await this.driver.killpower(this.ctx);
      return DRIVER_TRACKING.SUCCESS;
    }
    if (!this.ctx.store.hasCmd(name) || !this.driver.instcmd) return DRIVER_TRACKING.UNKNOWN;
    this.ctx.logger.info({ command: name, param }, 'instant command');
    return this.driver.instcmd(name, param, this.ctx);
  }

  private async setvar(name: string, value: string): Promise<number> {
    if (!this.driver.setvar) return DRIVER_TRACKING.UNKNOWN;
    this.ctx.logger.info({ variable: name, value }, 'set variable');
    return this.driver.setvar(name, value, this.ctx);
  }
}
