import { DRIVER_TRACKING } from '@nut-ts/protocol';
import type { Driver, DriverContext } from '@nut-ts/driver-kit';
import { parseReportDescriptor, type ReportField } from './hid/descriptor-parser.js';
import { hidPath } from './hid/usages.js';
import {
  applyExponent,
  extractLogical,
  insertLogical,
  logicalToPhysical,
  physicalToLogical,
  removeExponent,
} from './hid/values.js';
import type { HidBinding, HidDevice } from './hid-device.js';
import { statusTokens, type StatusFlag } from './mapping/generic.js';
import { pickSubdriver, SUBDRIVERS, type Subdriver } from './mapping/subdrivers.js';
import { matchDevice } from './matching.js';

/** Report buffers (with their ID byte) needed to read every field of one report. */
function reportLength(
  fields: readonly ReportField[],
  reportId: number,
  type: ReportField['type'],
): number {
  const bits = Math.max(
    0,
    ...fields
      .filter((f) => f.reportId === reportId && f.type === type)
      .map((f) => f.offset + f.size),
  );
  return 1 + Math.ceil(bits / 8);
}

const defaultFormat = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(1);

/**
 * usbhid-ups for HID Power Devices with the generic PDC mapping: values from Feature reports
 * read every poll, status bits from Input reports pushed on the interrupt pipe (and read as
 * Feature reports where the device offers them), instant commands and SET written back.
 */
export class UsbHidDriver implements Driver {
  private device: HidDevice | undefined;
  private fields = new Map<string, ReportField>();
  private allFields: ReportField[] = [];
  private readonly flags = new Set<StatusFlag>();
  /** The vendor mapping in use (generic until a device is opened). */
  private sub: Subdriver = SUBDRIVERS.at(-1)!;
  private offDelay = 20;
  private onDelay = 30;

  constructor(private readonly binding: () => Promise<HidBinding>) {}

  async init(ctx: DriverContext): Promise<void> {
    await this.open(ctx);
    const { store } = ctx;
    const info = this.device!.info;
    store.setInfo('device.type', 'ups');
    if (info.manufacturer) store.setInfo('ups.mfr', info.manufacturer);
    if (info.product) store.setInfo('ups.model', info.product);
    if (info.serialNumber) store.setInfo('ups.serial', info.serialNumber);
    store.setInfo('ups.vendorid', info.vendorId.toString(16).padStart(4, '0'));
    store.setInfo('ups.productid', info.productId.toString(16).padStart(4, '0'));
    this.offDelay = Number(ctx.options.offdelay ?? this.sub.delays.off);
    this.onDelay = Number(ctx.options.ondelay ?? this.sub.delays.on);
    store.setInfo('driver.version.data', `${this.sub.name} HID 0.1`);
    for (const [name, value] of [
      ['ups.delay.shutdown', this.offDelay],
      ['ups.delay.start', this.onDelay],
    ] as const) {
      store.setInfo(name, String(value));
      store.setAux(name, 10);
      store.setFlags(name, { rw: true, string: true });
    }
    for (const entry of this.sub.vars)
      if (entry.rw && this.fields.has(entry.path)) store.setFlags(entry.nut, { rw: true });
    const commands = this.sub.commands.filter((c) => this.fields.has(c.path)).map((c) => c.cmd);
    for (const cmd of commands) store.addCmd(cmd);
    if (commands.includes('load.off.delay')) store.addCmd('load.off');
    if (commands.includes('load.on.delay')) store.addCmd('load.on');
    if (commands.includes('load.off.delay') && commands.includes('load.on.delay')) {
      store.addCmd('shutdown.return');
      store.addCmd('shutdown.stayoff');
    }
  }

  private async open(ctx: DriverContext): Promise<void> {
    const binding = await this.binding();
    const devices = await binding.devices();
    const info = matchDevice(devices, ctx.options);
    if (!info) {
      const seen = devices
        .map(
          (d) =>
            `${d.vendorId.toString(16).padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')}`,
        )
        .join(', ');
      throw new Error(
        `no HID UPS matches ups.conf (vendorid, productid, vendor, product, serial, bus); devices seen: ${seen || 'none'}`,
      );
    }
    const device = await binding.open(info);
    this.allFields = parseReportDescriptor(await device.getReportDescriptor()).filter(
      (f) => !f.constant,
    );
    this.sub = pickSubdriver(info.vendorId, ctx.options.subdriver);
    this.sub.fixFields?.(this.allFields, this.sub.usageNames);
    this.fields = new Map();
    for (const field of this.allFields) {
      const path = hidPath(field.path, this.sub.usageNames);
      const known = this.fields.get(path);
      if (!known || (known.type !== 'feature' && field.type === 'feature'))
        this.fields.set(path, field);
    }
    device.onInputReport((data) => this.applyInput(data));
    this.device = device;
    ctx.logger.info(
      { vendorId: info.vendorId, productId: info.productId, fields: this.allFields.length },
      'HID UPS opened',
    );
  }

  /** Status bits pushed by the device on the interrupt pipe. */
  private applyInput(data: Uint8Array): void {
    for (const entry of this.sub.status) {
      const field = this.fields.get(entry.path);
      if (!field || field.reportId !== data[0]) continue;
      if (extractLogical(data, field)) this.flags.add(entry.flag);
      else this.flags.delete(entry.flag);
    }
  }

  async update(ctx: DriverContext): Promise<void> {
    if (!this.device) await this.open(ctx);
    const reports = new Map<number, Uint8Array>();
    const read = async (field: ReportField) => {
      let report = reports.get(field.reportId);
      if (!report) {
        try {
          report = await this.device!.getFeatureReport(
            field.reportId,
            reportLength(this.allFields, field.reportId, 'feature'),
          );
        } catch (error) {
          await this.lose(ctx);
          throw error;
        }
        reports.set(field.reportId, report);
      }
      return applyExponent(logicalToPhysical(extractLogical(report, field), field), field);
    };
    for (const entry of this.sub.vars) {
      const field = this.fields.get(entry.path);
      if (!field || field.type !== 'feature') continue;
      const text = (entry.format ?? defaultFormat)(await read(field));
      if (text !== undefined) ctx.store.setInfo(entry.nut, text);
    }
    for (const entry of this.sub.status) {
      const field = this.fields.get(entry.path);
      if (!field || field.type !== 'feature') continue;
      if (await read(field)) this.flags.add(entry.flag);
      else this.flags.delete(entry.flag);
    }
    ctx.status.init();
    for (const token of statusTokens(this.flags, Number(ctx.store.getInfo('battery.charge'))))
      ctx.status.set(token);
    ctx.status.commit();
  }

  private async lose(ctx: DriverContext): Promise<void> {
    ctx.logger.warn('HID device lost: reconnecting on the next poll');
    await this.device?.close().catch(() => {});
    this.device = undefined;
  }

  /** Writes a physical value to the Feature field at `path`. */
  private async write(path: string, value: number): Promise<void> {
    const field = this.fields.get(path);
    if (!field || !this.device) throw new Error(`${path} is not writable on this device`);
    const report = await this.device.getFeatureReport(
      field.reportId,
      reportLength(this.allFields, field.reportId, 'feature'),
    );
    const buffer = Uint8Array.from(report);
    buffer[0] = field.reportId;
    insertLogical(buffer, field, physicalToLogical(removeExponent(value, field), field));
    await this.device.sendFeatureReport(buffer);
  }

  async instcmd(name: string, param: string | undefined, ctx: DriverContext): Promise<number> {
    const delay = (key: 'ups.delay.shutdown' | 'ups.delay.start') => Number(ctx.store.getInfo(key));
    const run = async (cmd: string, explicit?: number): Promise<void> => {
      const entry = this.sub.commands.find((c) => c.cmd === cmd);
      if (!entry) throw new Error(`${cmd} is not mapped`);
      const value =
        explicit ??
        (entry.value === 'param-or-offdelay'
          ? Number(param ?? delay('ups.delay.shutdown'))
          : entry.value === 'param-or-ondelay'
            ? Number(param ?? delay('ups.delay.start'))
            : entry.value);
      await this.write(entry.path, value);
    };
    try {
      switch (name) {
        case 'load.off':
          await run('load.off.delay', 0);
          break;
        case 'load.on':
          await run('load.on.delay', 0);
          break;
        case 'shutdown.return':
          // A vendor entry for it (APC) wins over the synthesised sequence.
          if (this.sub.commands.some((c) => c.cmd === name && this.fields.has(c.path)))
            await run(name);
          else {
            await run('load.on.delay', delay('ups.delay.start'));
            await run('load.off.delay', delay('ups.delay.shutdown'));
          }
          break;
        case 'shutdown.stayoff':
          await run('load.on.delay', -1);
          await run('load.off.delay', delay('ups.delay.shutdown'));
          break;
        default:
          if (!this.sub.commands.some((c) => c.cmd === name)) return DRIVER_TRACKING.UNKNOWN;
          await run(name);
      }
      return DRIVER_TRACKING.SUCCESS;
    } catch (error) {
      ctx.logger.warn({ command: name, err: (error as Error).message }, 'instant command failed');
      return DRIVER_TRACKING.FAILED;
    }
  }

  async setvar(name: string, value: string, ctx: DriverContext): Promise<number> {
    if (name === 'ups.delay.shutdown' || name === 'ups.delay.start') {
      if (!/^-?\d+$/.test(value)) return DRIVER_TRACKING.INVALID_ARGUMENT;
      ctx.store.setInfo(name, value);
      return DRIVER_TRACKING.SUCCESS;
    }
    const entry = this.sub.vars.find((e) => e.nut === name && e.rw && this.fields.has(e.path));
    if (!entry) return DRIVER_TRACKING.UNKNOWN;
    const number = Number(value);
    if (!Number.isFinite(number)) return DRIVER_TRACKING.INVALID_ARGUMENT;
    try {
      await this.write(entry.path, number);
      ctx.store.setInfo(name, value);
      return DRIVER_TRACKING.SUCCESS;
    } catch {
      return DRIVER_TRACKING.FAILED;
    }
  }

  /** `-k`: NUT's order: shutdown.return, then load.off.delay, then shutdown.stayoff. */
  async killpower(ctx: DriverContext): Promise<void> {
    for (const cmd of ['shutdown.return', 'load.off.delay', 'shutdown.stayoff']) {
      if ((await this.instcmd(cmd, undefined, ctx)) === DRIVER_TRACKING.SUCCESS) return;
    }
    throw new Error('the UPS accepted none of the shutdown commands');
  }

  async close(): Promise<void> {
    await this.device?.close();
    this.device = undefined;
  }
}
