import type { Driver, DriverContext } from '@nut-ts/driver-kit';
import { DRIVER_TRACKING } from '@nut-ts/protocol';
import { openTransport } from './bindings/open.js';
import type { SerialBinding } from './bindings/serial.js';
import { BatteryState } from './driver/battery-state.js';
import { detectDialect, MAX_TRIES } from './driver/detect.js';
import type { MegatecOptions } from './driver/options.js';
import { publishMeasurements, publishRatings, publishVendor } from './driver/publish.js';
import {
  CommandArgumentError,
  commandAccepted,
  DELAY_RANGES,
  instantCommand,
  MEGATEC_COMMANDS,
  settableDelay,
} from './protocol/commands.js';
import type { Dialect } from './protocol/dialects.js';
import { parseRatings } from './protocol/info.js';
import { parseQ1, printable, type Q1Status } from './protocol/q1.js';
import { interpretQ1 } from './protocol/status-bits.js';
import type { MegatecTransport } from './transport.js';

export interface MegatecDriverDeps {
  /** Opens the line; default: `tcp://` or a serial port (through `binding` when given). */
  openLine?: (options: MegatecOptions, ctx: DriverContext) => Promise<MegatecTransport>;
  /** serialport binding for serial ports (tests inject the simulator's). */
  binding?: SerialBinding;
  /** Milliseconds to wait for each reply (NUT: 1000). */
  replyTimeoutMs?: number;
  /** Milliseconds to let the cable settle after setting DTR/RTS (NUT: 100). */
  settleMs?: number;
}

/** nutdrv_qx for Megatec/Q1 units over a serial line or `tcp://host:port`. */
export class MegatecDriver implements Driver {
  /** nutdrv_qx rides out MAXTRIES + 1 failed polls and calls the data stale on the next. */
  readonly toleratedFailures = MAX_TRIES + 1;
  private line: MegatecTransport | undefined;
  private dialect: Dialect | undefined;
  private battery: BatteryState | undefined;
  private onDelay: number;
  private offDelay: number;
  private readonly replyTimeoutMs: number;

  constructor(
    private readonly options: MegatecOptions,
    private readonly deps: MegatecDriverDeps = {},
  ) {
    this.onDelay = options.onDelay;
    this.offDelay = options.offDelay;
    this.replyTimeoutMs = deps.replyTimeoutMs ?? 1000;
  }

  async init(ctx: DriverContext): Promise<void> {
    const { store, logger } = ctx;
    this.line ??= await this.open(ctx);
    const found = await detectDialect(
      this.line,
      {
        forced: this.options.dialect,
        noVendor: this.options.noVendor,
        vendorLayout: this.options.vendorLayout,
        timeoutMs: this.replyTimeoutMs,
      },
      logger,
    );
    this.dialect = found.dialect;
    store.setInfo('device.type', 'ups');
    store.setInfo('driver.version.data', found.dialect.label);
    if (found.dialect.full && !this.options.noRating) {
      const reply = await this.query('F');
      try {
        publishRatings(store, parseRatings(reply ?? ''));
      } catch (error) {
        // A unit without ratings still works: charge then needs default.battery.voltage.nominal.
        logger.warn({ err: (error as Error).message }, 'no usable rating reply (F)');
      }
    }
    if (found.vendor) publishVendor(store, found.vendor, !this.options.runtimeCal);
    if (!ctx.options.pollfreq)
      store.setInfo('driver.parameter.pollfreq', String(this.options.pollFreq));
    this.publishDelays(ctx);
    for (const command of MEGATEC_COMMANDS) store.addCmd(command);
    // The store holds F's value, or the configured default/override the kit published.
    const published = Number(store.getInfo('battery.voltage.nominal'));
    const nominal = published > 0 ? published : this.options.nominalVoltage;
    this.battery = new BatteryState(this.options, nominal, logger);
    const guessed = this.battery.guessedLimits;
    if (guessed) {
      store.setInfo('battery.voltage.low', guessed.low.toFixed(2));
      store.setInfo('battery.voltage.high', guessed.high.toFixed(2));
    }
  }

  async update(ctx: DriverContext): Promise<void> {
    if (!this.dialect || !this.battery) throw new Error('the driver is not initialised');
    const status = await this.status(this.dialect.status);
    const { store } = ctx;
    const meaning = interpretQ1(status, { ignoreSab: this.options.ignoreSab });
    const onBattery = meaning.tokens.includes('OB');
    publishMeasurements(store, status);
    const reading = this.battery.update(
      status.batteryVoltage,
      status.load,
      onBattery,
      ctx.clock.now(),
    );
    for (const [name, value] of Object.entries(reading)) store.setInfo(name, value);
    store.setInfo('ups.type', meaning.upsType);
    store.setInfo('ups.beeper.status', meaning.beeper);
    ctx.status.init();
    for (const token of meaning.tokens) ctx.status.set(token);
    for (const alarm of meaning.alarms) ctx.status.alarm(alarm);
    ctx.status.commit();
  }

  async instcmd(name: string, param: string | undefined, ctx: DriverContext): Promise<number> {
    let command: string | undefined;
    try {
      command = instantCommand(name, param, { onDelay: this.onDelay, offDelay: this.offDelay });
    } catch (error) {
      if (!(error instanceof CommandArgumentError)) throw error;
      ctx.logger.warn({ command: name, param }, error.message);
      return DRIVER_TRACKING.INVALID_ARGUMENT;
    }
    if (command === undefined) return DRIVER_TRACKING.UNKNOWN;
    let reply: string | undefined;
    try {
      reply = await this.connected(ctx).query(command, this.replyTimeoutMs);
    } catch (error) {
      ctx.logger.error(
        { command: name, err: (error as Error).message },
        'instant command not sent',
      );
      return DRIVER_TRACKING.FAILED;
    }
    const ok = commandAccepted(reply);
    const log = {
      command: name,
      sent: command,
      reply: reply === undefined ? '(none)' : printable(reply),
    };
    if (ok) ctx.logger.info(log, 'instant command accepted');
    else ctx.logger.error(log, 'instant command refused by the UPS');
    return ok ? DRIVER_TRACKING.SUCCESS : DRIVER_TRACKING.FAILED;
  }

  async setvar(name: string, value: string, ctx: DriverContext): Promise<number> {
    if (name !== 'ups.delay.start' && name !== 'ups.delay.shutdown') return DRIVER_TRACKING.UNKNOWN;
    const seconds = settableDelay(name, value);
    if (seconds === undefined) return DRIVER_TRACKING.INVALID_ARGUMENT;
    if (name === 'ups.delay.start') this.onDelay = seconds;
    else this.offDelay = seconds;
    ctx.store.setInfo(name, String(seconds));
    return DRIVER_TRACKING.SUCCESS;
  }

  /**
   * `-k` (and driver.killpower): cancel any pending shutdown, then shutdown.return with the
   * configured delays (shutdown.stayoff with `stayoff`), each tried up to 3 times.
   */
  async killpower(ctx: DriverContext): Promise<void> {
    let stopped = false;
    for (let attempt = 1; attempt <= MAX_TRIES && !stopped; attempt++)
      stopped = (await this.instcmd('shutdown.stop', undefined, ctx)) === DRIVER_TRACKING.SUCCESS;
    if (!stopped) ctx.logger.info('no shutdown pending');
    const command = this.options.stayOff ? 'shutdown.stayoff' : 'shutdown.return';
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      if ((await this.instcmd(command, undefined, ctx)) === DRIVER_TRACKING.SUCCESS) {
        ctx.logger.info(
          { command, offDelay: this.offDelay },
          `shutting down in ${this.offDelay} seconds`,
        );
        return;
      }
    }
    throw new Error(`the UPS refused ${command} ${MAX_TRIES} times`);
  }

  async close(): Promise<void> {
    const line = this.line;
    this.line = undefined;
    await line?.close();
  }

  private open(ctx: DriverContext): Promise<MegatecTransport> {
    if (this.deps.openLine) return this.deps.openLine(this.options, ctx);
    return openTransport(this.options.port, {
      cablepower: this.options.cablePower,
      ...(this.deps.binding ? { binding: this.deps.binding } : {}),
      ...(this.deps.settleMs !== undefined ? { settleMs: this.deps.settleMs } : {}),
      warn: (message) => ctx.logger.warn(message),
    });
  }

  private connected(ctx: DriverContext): MegatecTransport {
    if (!this.line) throw new Error(`the UPS line of ${ctx.upsName} is not open`);
    return this.line;
  }

  /** A query tried up to 3 times while the UPS stays silent. */
  private async query(command: string): Promise<string | undefined> {
    const line = this.line;
    if (!line) throw new Error('the UPS line is closed');
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const reply = await line.query(command, this.replyTimeoutMs);
      if (reply !== undefined) return reply;
    }
    return undefined;
  }

  private async status(command: string): Promise<Q1Status> {
    const reply = await this.query(command);
    if (reply === undefined) throw new Error(`no reply to ${command} (${MAX_TRIES} tries)`);
    if (reply === command) throw new Error(`the UPS refused ${command} (echoed it)`);
    return parseQ1(reply);
  }

  private publishDelays(ctx: DriverContext): void {
    const { store } = ctx;
    for (const [name, seconds] of [
      ['ups.delay.start', this.onDelay],
      ['ups.delay.shutdown', this.offDelay],
    ] as const) {
      store.setInfo(name, String(seconds));
      store.setFlags(name, { rw: true });
      store.addRange(name, DELAY_RANGES[name].min, DELAY_RANGES[name].max);
    }
  }
}
