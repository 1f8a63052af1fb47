import { DRIVER_TRACKING } from '@nut-ts/protocol';
import type { Driver, DriverContext } from '@nut-ts/driver-kit';
import {
  chargeFromVoltage,
  defaultVoltageLimits,
  detectPacks,
  RuntimeEstimate,
} from './protocol/battery.js';
import { commandAccepted, instantCommand, MEGATEC_COMMANDS } from './protocol/commands.js';
import { parseRatings, parseVendorInfo } from './protocol/info.js';
import { interpretQ1, parseQ1, type Q1Status } from './protocol/q1.js';
import { openTransport, type MegatecTransport } from './transport.js';

/** Status query of each dialect we speak (detection follows NUT's order). */
const DIALECTS: Record<string, string> = {
  megatec: 'Q1',
  q1: 'Q1',
  mustek: 'QS',
  'megatec/old': 'D',
};
const REPLY_TIMEOUT_MS = 1000;
const MAX_TRIES = 3;

function option(ctx: DriverContext, name: string): string | undefined {
  return ctx.options[name];
}

/** nutdrv_qx for Megatec/Q1 units over a serial line or `tcp://host:port`. */
export class MegatecDriver implements Driver {
  private transport: MegatecTransport | undefined;
  private dialect = 'megatec';
  private nominalBattery: number | undefined;
  private packs: number | undefined;
  private estimate: RuntimeEstimate | undefined;
  private lastUpdate: number | undefined;
  onDelay = 180;
  offDelay = 30;

  constructor(
    private readonly openLine: (port: string, ctx: DriverContext) => Promise<MegatecTransport> = (
      port,
      ctx,
    ) => openTransport(port, { cablepower: option(ctx, 'cablepower') ?? 'normal' }),
  ) {}

  private async query(command: string): Promise<string | undefined> {
    if (!this.transport) throw new Error('UPS line is not open');
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const reply = await this.transport.query(command, REPLY_TIMEOUT_MS);
      if (reply !== undefined) return reply;
    }
    return undefined;
  }

  private async status(command: string): Promise<Q1Status> {
    const reply = await this.query(command);
    if (reply === undefined) throw new Error(`no reply to ${command}`);
    if (reply === command) throw new Error(`${command} not supported (echoed)`);
    return parseQ1(reply);
  }

  async init(ctx: DriverContext): Promise<void> {
    await this.transport?.close().catch(() => {});
    this.transport = await this.openLine(option(ctx, 'port') ?? '', ctx);
    this.onDelay = Number(option(ctx, 'ondelay') ?? 180);
    this.offDelay = Number(option(ctx, 'offdelay') ?? 30);
    await this.detect(ctx);
    const { store } = ctx;
    store.setInfo('device.type', 'ups');
    store.setInfo('driver.version.data', this.dialect);
    if (option(ctx, 'norating') === undefined && this.dialect !== 'q1') {
      const ratings = parseRatings((await this.query('F')) ?? '');
      store.setInfo('input.voltage.nominal', ratings.inputVoltage.toFixed(1));
      store.setInfo('input.current.nominal', ratings.inputCurrent.toFixed(1));
      store.setInfo('battery.voltage.nominal', ratings.batteryVoltage.toFixed(1));
      store.setInfo('input.frequency.nominal', ratings.inputFrequency.toFixed(1));
      this.nominalBattery = ratings.batteryVoltage;
    }
    if (option(ctx, 'novendor') === undefined && this.dialect !== 'q1') {
      const reply = await this.query('I');
      if (reply !== undefined && reply !== 'I') {
        const info = parseVendorInfo(reply);
        for (const [name, value] of [
          ['device.mfr', info.manufacturer],
          ['device.model', info.model],
          ['ups.firmware', info.firmware],
        ] as const) {
          if (value) store.setInfo(name, value);
        }
      }
    }
    this.publishDelays(ctx);
    for (const cmd of MEGATEC_COMMANDS) store.addCmd(cmd);
    const runtimecal = option(ctx, 'runtimecal')?.split(',').map(Number);
    if (runtimecal && runtimecal.length === 4 && runtimecal.every((n) => n > 0)) {
      const [runtimeHigh, loadHigh, runtimeLow, loadLow] = runtimecal as [
        number,
        number,
        number,
        number,
      ];
      this.estimate = new RuntimeEstimate(
        { runtimeHigh, loadHigh, runtimeLow, loadLow },
        Number(option(ctx, 'chargetime') ?? 43200),
        Number(option(ctx, 'idleload') ?? 10),
      );
    }
  }

  private async detect(ctx: DriverContext): Promise<void> {
    const forced = option(ctx, 'protocol');
    const candidates = forced ? [forced] : ['mustek', 'megatec/old', 'megatec', 'q1'];
    for (const dialect of candidates) {
      const command = DIALECTS[dialect];
      if (!command)
        throw new Error(
          `unknown protocol '${dialect}' (known: ${Object.keys(DIALECTS).join(', ')})`,
        );
      try {
        await this.status(command);
        this.dialect = dialect;
        ctx.logger.info({ dialect }, 'UPS found');
        return;
      } catch (error) {
        ctx.logger.debug({ dialect, err: (error as Error).message }, 'dialect does not answer');
      }
    }
    throw new Error('no supported Megatec/Q1 UPS answers on this port');
  }

  private publishDelays(ctx: DriverContext): void {
    const { store } = ctx;
    store.setInfo('ups.delay.start', String(this.onDelay));
    store.setFlags('ups.delay.start', { rw: true });
    store.addRange('ups.delay.start', 0, 599940);
    store.setInfo('ups.delay.shutdown', String(this.offDelay));
    store.setFlags('ups.delay.shutdown', { rw: true });
    store.addRange('ups.delay.shutdown', 12, 600);
  }

  async update(ctx: DriverContext): Promise<void> {
    const status = await this.status(DIALECTS[this.dialect]!);
    const { store } = ctx;
    const meaning = interpretQ1(status, { ignoreSab: option(ctx, 'ignoresab') !== undefined });
    store.setInfo('input.voltage', status.inputVoltage.toFixed(1));
    store.setInfo('input.voltage.fault', status.inputFaultVoltage.toFixed(1));
    store.setInfo('output.voltage', status.outputVoltage.toFixed(1));
    store.setInfo('ups.load', status.load.toFixed(0));
    store.setInfo('input.frequency', status.inputFrequency.toFixed(1));
    store.setInfo('ups.temperature', status.temperature.toFixed(1));
    store.setInfo('ups.type', meaning.upsType);
    store.setInfo('ups.beeper.status', meaning.beeper);
    this.battery(ctx, status, meaning.tokens.includes('OB'));
    ctx.status.init();
    for (const token of meaning.tokens) ctx.status.set(token);
    for (const alarm of meaning.alarms) ctx.status.alarm(alarm);
    ctx.status.commit();
  }

  private battery(ctx: DriverContext, status: Q1Status, onBattery: boolean): void {
    const { store } = ctx;
    const nominal =
      this.nominalBattery ?? Number(option(ctx, 'default.battery.voltage.nominal') ?? NaN);
    if (this.packs === undefined) {
      this.packs =
        option(ctx, 'battery_voltage_reports_one_pack') !== undefined
          ? 1
          : (detectPacks(status.batteryVoltage, nominal) ?? 1);
      store.setInfo('battery.packs', String(this.packs));
    }
    const voltage = status.batteryVoltage * this.packs;
    store.setInfo('battery.voltage', voltage.toFixed(2));
    const now = ctx.clock.now();
    if (this.estimate) {
      const elapsed = this.lastUpdate === undefined ? 0 : (now - this.lastUpdate) / 1000;
      const { charge, runtime } = this.estimate.step(elapsed, status.load, onBattery);
      store.setInfo('battery.charge', charge.toFixed(0));
      store.setInfo('battery.runtime', runtime.toFixed(0));
    } else if (Number.isFinite(nominal)) {
      const limits = defaultVoltageLimits(nominal);
      const low = Number(option(ctx, 'default.battery.voltage.low') ?? limits.low);
      const high = Number(option(ctx, 'default.battery.voltage.high') ?? limits.high);
      store.setInfo('battery.voltage.low', low.toFixed(2));
      store.setInfo('battery.voltage.high', high.toFixed(2));
      store.setInfo('battery.charge', chargeFromVoltage(voltage, low, high).toFixed(0));
    }
    this.lastUpdate = now;
  }

  async instcmd(name: string, param: string | undefined, ctx: DriverContext): Promise<number> {
    const command = instantCommand(name, param, { onDelay: this.onDelay, offDelay: this.offDelay });
    if (command === undefined) return DRIVER_TRACKING.INVALID_ARGUMENT;
    const reply = await this.transport!.query(command, REPLY_TIMEOUT_MS);
    const ok = commandAccepted(reply);
    ctx.logger.info(
      { command: name, sent: command, reply: reply ?? '(none)', ok },
      'instant command sent',
    );
    return ok ? DRIVER_TRACKING.SUCCESS : DRIVER_TRACKING.FAILED;
  }

  async setvar(name: string, value: string, ctx: DriverContext): Promise<number> {
    const seconds = Number(value);
    if (!Number.isInteger(seconds)) return DRIVER_TRACKING.INVALID_ARGUMENT;
    if (name === 'ups.delay.start' && seconds >= 0 && seconds <= 599940) this.onDelay = seconds;
    else if (name === 'ups.delay.shutdown' && seconds >= 12 && seconds <= 600)
      this.offDelay = seconds;
    else
      return name.startsWith('ups.delay.')
        ? DRIVER_TRACKING.INVALID_ARGUMENT
        : DRIVER_TRACKING.UNKNOWN;
    ctx.store.setInfo(name, String(seconds));
    return DRIVER_TRACKING.SUCCESS;
  }

  /** `-k`: shutdown.return with the configured delays. */
  async killpower(ctx: DriverContext): Promise<void> {
    const status = await this.instcmd('shutdown.return', undefined, ctx);
    if (status !== DRIVER_TRACKING.SUCCESS) throw new Error('the UPS refused the shutdown command');
  }

  async close(): Promise<void> {
    await this.transport?.close();
    this.transport = undefined;
  }
}
