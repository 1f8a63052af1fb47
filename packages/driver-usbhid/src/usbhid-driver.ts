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
import type { VarEntry } from './mapping/generic.js';
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
  /** Feature fields by HID path (read with GET_REPORT). */
  private fields = new Map<string, ReportField>();
  /** Input fields by HID path (known from the interrupt pipe only). */
  private inputFields = new Map<string, ReportField>();
  private allFields: ReportField[] = [];
  /** The last Input report of each ID. */
  private readonly inputs = new Map<number, Uint8Array>();
  /** Static values already read (NUT reads HU_FLAG_STATIC entries once). */
  private readonly staticDone = new Set<VarEntry>();
  private readonly memo = new Map<string, number>();
  /** Set once init ran: Input reports then publish the status at once. */
  private ctx: DriverContext | undefined;
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
    const commands = [
      ...new Set(this.sub.commands.filter((c) => this.fields.has(c.path)).map((c) => c.cmd)),
    ];
    for (const cmd of commands) store.addCmd(cmd);
    if (commands.includes('load.off.delay')) store.addCmd('load.off');
    if (commands.includes('load.on.delay')) store.addCmd('load.on');
    if (commands.includes('load.off.delay') && commands.includes('load.on.delay')) {
      store.addCmd('shutdown.return');
      store.addCmd('shutdown.stayoff');
    }
    this.ctx = ctx;
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
    try {
      this.allFields = parseReportDescriptor(await device.getReportDescriptor()).filter(
        (f) => !f.constant,
      );
    } catch (error) {
      await device.close().catch(() => {});
      throw error;
    }
    this.sub = pickSubdriver(info.vendorId, ctx.options.subdriver);
    // NUT's flag (or option) for firmware whose descriptor needs no fixing after all.
    const noFix =
      ctx.flags.includes('disable_fix_report_desc') ||
      ctx.options.disable_fix_report_desc !== undefined;
    if (!noFix) this.sub.fixFields?.(this.allFields, this.sub.usageNames);
    this.fields = new Map();
    this.inputFields = new Map();
    for (const field of this.allFields) {
      const path = hidPath(field.path, this.sub.usageNames);
      const map =
        field.type === 'feature'
          ? this.fields
          : field.type === 'input'
            ? this.inputFields
            : undefined;
      if (map && !map.has(path)) map.set(path, field);
    }
    this.inputs.clear();
    this.staticDone.clear();
    this.device = device;
    // `pollonly`: firmware whose interrupt pipe misbehaves; Feature reads only.
    if (!ctx.flags.includes('pollonly')) device.onInputReport((data) => this.applyInput(data));
    ctx.logger.info(
      { vendorId: info.vendorId, productId: info.productId, fields: this.allFields.length },
      'HID UPS opened',
    );
  }

  /**
   * An Input report from the interrupt pipe: status bits and values in it apply at once, and
   * the status is published without waiting for the next poll.
   */
  private applyInput(data: Uint8Array): void {
    const id = data[0]!;
    this.inputs.set(id, data);
    for (const entry of this.sub.status) {
      const field = this.inputFields.get(entry.path);
      if (!field || field.reportId !== id) continue;
      if (extractLogical(data, field)) this.flags.add(entry.flag);
      else this.flags.delete(entry.flag);
    }
    const ctx = this.ctx;
    if (!ctx) return;
    for (const entry of this.sub.vars) {
      const field = this.inputFields.get(entry.path);
      if (!field || field.reportId !== id || entry.string) continue;
      this.publish(entry, this.convert(data, field), ctx);
    }
    this.publishStatus(ctx);
  }

  private convert(report: Uint8Array, field: ReportField): number {
    return applyExponent(logicalToPhysical(extractLogical(report, field), field), field);
  }

  private publish(entry: VarEntry, value: number, ctx: DriverContext): void {
    const adjusted = this.sub.adjust
      ? this.sub.adjust(entry.nut, value, {
          productId: this.device?.info.productId ?? 0,
          get: (name) => ctx.store.getInfo(name),
          memo: this.memo,
        })
      : value;
    const text = (entry.format ?? defaultFormat)(adjusted);
    if (text !== undefined) ctx.store.setInfo(entry.nut, text);
  }

  private publishStatus(ctx: DriverContext): void {
    ctx.status.init();
    for (const token of statusTokens(this.flags, Number(ctx.store.getInfo('battery.charge'))))
      ctx.status.set(token);
    ctx.status.commit();
  }

  async update(ctx: DriverContext): Promise<void> {
    if (!this.device) await this.open(ctx);
    this.ctx = ctx;
    const device = this.device!;
    const reports = new Map<number, Uint8Array>();
    const read = async (field: ReportField) => {
      let report = reports.get(field.reportId);
      if (!report) {
        try {
          report = await device.getFeatureReport(
            field.reportId,
            reportLength(this.allFields, field.reportId, 'feature'),
          );
        } catch (error) {
          await this.lose(ctx);
          throw error;
        }
        reports.set(field.reportId, report);
      }
      return report;
    };
    for (const entry of this.sub.vars) {
      if (this.staticDone.has(entry)) continue;
      const feature = this.fields.get(entry.path);
      const input = this.inputFields.get(entry.path);
      const report = feature ? await read(feature) : input && this.inputs.get(input.reportId);
      const field = feature ?? input;
      if (!report || !field) continue;
      if (entry.static) this.staticDone.add(entry);
      if (entry.string) {
        const index = extractLogical(report, field);
        const text = index > 0 ? await device.getIndexedString?.(index) : undefined;
        if (text?.trim()) ctx.store.setInfo(entry.nut, text.trim());
        continue;
      }
      this.publish(entry, this.convert(report, field), ctx);
    }
    for (const entry of this.sub.status) {
      const field = this.fields.get(entry.path);
      if (!field) continue;
      if (extractLogical(await read(field), field)) this.flags.add(entry.flag);
      else this.flags.delete(entry.flag);
    }
    this.publishStatus(ctx);
  }

  private async lose(ctx: DriverContext): Promise<void> {
    ctx.logger.warn('HID device lost: reconnecting on the next poll');
    const device = this.device;
    this.device = undefined;
    await device?.close().catch(() => {});
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
      // As NUT: the first entry whose path the device has.
      const entry = this.sub.commands.find((c) => c.cmd === cmd && this.fields.has(c.path));
      if (!entry) throw new Error(`${cmd} is not mapped on this device`);
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
          if (!this.sub.commands.some((c) => c.cmd === name && this.fields.has(c.path)))
            return DRIVER_TRACKING.UNKNOWN;
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
    this.ctx = undefined;
    await this.device?.close();
    this.device = undefined;
  }
}
