import { monotonicNow } from '@nut-ts/core';
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
import { deriveStatus, type StatusEntry, type StatusFlag } from './mapping/status.js';
import { pickSubdriver, SUBDRIVERS, type Subdriver } from './mapping/subdrivers.js';
import type { VarEntry } from './mapping/generic.js';
import { matchDevice } from './matching.js';
import { exploreDevice } from './explore.js';
import { holds, reportLength } from './hid/report-size.js';
import { offeredCommands } from './mapping/offered-commands.js';
import { parseUsbHidOptions, WITHOUT_EFFECT, type UsbHidOptions } from './options.js';
import { DEFAULT_POLL_FREQ, PollSchedule } from './poll-schedule.js';
import { runInstantCommand } from './instant-commands.js';

const defaultFormat = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(1);

/**
 * usbhid-ups for HID Power Devices with the generic PDC mapping: status bits, charge and
 * runtime read from Feature reports every poll, every other value in a full update every
 * pollfreq; status bits from Input reports pushed on the interrupt pipe published at once;
 * instant commands and SET written back.
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
  private opts: UsbHidOptions | undefined;
  /** Feature reports were read once since the device was opened (`interruptonly`). */
  private walked = false;
  /** The interrupt pipe failed: the next update reports it and reopens the device. */
  private failure: Error | undefined;
  /** When the next full update is due (pollfreq). */
  private schedule = new PollSchedule();
  /** The last status published was OL + DISCHRG (warned about once per occurrence). */
  private onlineDischarging = false;

  constructor(private readonly binding: () => Promise<HidBinding>) {}

  /** The section's options, checked (a bad one throws, naming it). */
  private options(ctx: DriverContext): UsbHidOptions {
    this.opts ??= parseUsbHidOptions(ctx.options, ctx.flags);
    return this.opts;
  }

  async init(ctx: DriverContext): Promise<void> {
    const opts = this.options(ctx);
    for (const key of Object.keys(WITHOUT_EFFECT))
      if (ctx.options[key] !== undefined || ctx.flags.includes(key))
        ctx.logger.info({ option: key, why: WITHOUT_EFFECT[key] }, 'option has no effect here');
    await this.open(ctx);
    const { store } = ctx;
    const info = this.device!.info;
    store.setInfo('device.type', 'ups');
    if (info.manufacturer) store.setInfo('ups.mfr', info.manufacturer);
    if (info.product) store.setInfo('ups.model', info.product);
    if (info.serialNumber) store.setInfo('ups.serial', info.serialNumber);
    store.setInfo('ups.vendorid', info.vendorId.toString(16).padStart(4, '0'));
    store.setInfo('ups.productid', info.productId.toString(16).padStart(4, '0'));
    this.offDelay = opts.offDelay ?? this.sub.delays.off;
    this.onDelay = opts.onDelay ?? this.sub.delays.on;
    this.schedule = new PollSchedule(opts.pollFreq ?? this.sub.pollFreq ?? DEFAULT_POLL_FREQ);
    // As NUT: the pollfreq in use, even when ups.conf does not set it.
    store.setInfo('driver.parameter.pollfreq', String(this.schedule.pollFreq));
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
    for (const cmd of offeredCommands(this.sub.commands, (path) => this.fields.has(path)))
      store.addCmd(cmd);
    if (opts.lowBatt !== undefined) await this.setLowBattery(opts.lowBatt, ctx);
    this.ctx = ctx;
  }

  /**
   * `lowbatt`: battery.charge.low written to the device where it is writable; otherwise the
   * driver holds the value (the device's own low-battery signal still decides LB).
   */
  private async setLowBattery(percent: number, ctx: DriverContext): Promise<void> {
    const entry = this.sub.vars.find(
      (e) => e.nut === 'battery.charge.low' && e.rw && this.fields.has(e.path),
    );
    try {
      if (!entry) throw new Error('the device has no writable RemainingCapacityLimit');
      await this.write(entry.path, percent);
    } catch (error) {
      ctx.logger.warn(
        { lowbatt: percent, err: (error as Error).message },
        'lowbatt: battery.charge.low not written to the device',
      );
    }
    ctx.store.setInfo('battery.charge.low', String(percent));
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
    const opts = this.options(ctx);
    if (!opts.noDescriptorFix) this.sub.fixFields?.(this.allFields, this.sub.usageNames);
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
    this.walked = false;
    this.failure = undefined;
    this.schedule.invalidate();
    this.device = device;
    if (opts.explore) await exploreDevice(device, this.allFields, this.sub.usageNames, ctx.logger);
    // `pollonly`: firmware whose interrupt pipe misbehaves; Feature reads only.
    if (!opts.pollOnly) {
      device.onInputReport((data) => this.applyInput(data));
      device.onError?.((error) => (this.failure ??= error));
    }
    ctx.logger.info(
      { vendorId: info.vendorId, productId: info.productId, fields: this.allFields.length },
      'HID UPS opened',
    );
  }

  /**
   * An Input report from the interrupt pipe: status bits and values in it apply at once, and
   * the status is published without waiting for the next poll.
   */
  private applyInput(received: Uint8Array): void {
    // `interruptsize`: only so many bytes are taken from the pipe; fields past them are not read.
    const size = this.opts?.interruptSize;
    const data = size === undefined ? received : received.subarray(0, size);
    const id = data[0]!;
    this.inputs.set(id, data);
    const here = (path: string) => {
      const field = this.inputFields.get(path);
      return field && field.reportId === id && holds(data, field) ? field : undefined;
    };
    for (const entry of this.sub.status) {
      const field = here(entry.path);
      if (field) this.setFlag(entry, extractLogical(data, field));
    }
    const ctx = this.ctx;
    if (!ctx) return;
    for (const entry of this.sub.vars) {
      const field = here(entry.path);
      if (!field || entry.string) continue;
      this.publish(entry, this.convert(data, field), ctx);
    }
    this.publishStatus(ctx);
  }

  private setFlag(entry: StatusEntry, value: number): void {
    const on = entry.when ? entry.when(value) : value !== 0;
    if (on === true) this.flags.add(entry.flag);
    else if (on === false) this.flags.delete(entry.flag);
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
    const charge = ctx.store.getInfo('battery.charge');
    const mode = this.opts?.onlineDischarge ?? 'keep';
    const { tokens, alarms, transferReason } = deriveStatus(this.flags, Number(charge), mode);
    // NUT 2.8.0 logs this on every poll; once each time it starts is enough to name the flag.
    const onlineDischarging = this.flags.has('online') && this.flags.has('discharging');
    if (onlineDischarging && !this.onlineDischarging && mode === 'keep')
      ctx.logger.warn(
        { 'battery.charge': charge },
        "UPS reports OL and DISCHRG together: is it calibrating? Some UPSes (CyberPower UT) say so on battery: set the 'onlinedischarge' flag for those",
      );
    this.onlineDischarging = onlineDischarging;
    if (transferReason !== undefined) ctx.store.setInfo('input.transfer.reason', transferReason);
    else if (ctx.store.getInfo('input.transfer.reason') !== undefined)
      ctx.store.delInfo('input.transfer.reason');
    ctx.status.init();
    for (const token of tokens) ctx.status.set(token);
    for (const text of alarms) ctx.status.alarm(text);
    ctx.status.commit();
  }

  async update(ctx: DriverContext): Promise<void> {
    if (this.failure) {
      const failure = this.failure;
      await this.lose(ctx);
      throw failure;
    }
    if (!this.device) await this.open(ctx);
    this.ctx = ctx;
    const device = this.device!;
    const now = monotonicNow(ctx.clock);
    // Between full updates, only what feeds ups.status (NUT's quick update).
    const full = this.schedule.fullDue(now);
    // `interruptonly`: after one walk at start-up, only what the interrupt pipe brings.
    const polling = !this.opts?.interruptOnly || !this.walked;
    const featureOf = (path: string) => (polling ? this.fields.get(path) : undefined);
    const reports = new Map<number, Uint8Array>();
    const read = async (field: ReportField) => {
      let report = reports.get(field.reportId);
      if (!report) {
        try {
          report = await device.getFeatureReport(field.reportId, this.readLength(field));
        } catch (error) {
          await this.lose(ctx);
          throw error;
        }
        reports.set(field.reportId, report);
      }
      return report;
    };
    for (const entry of this.sub.vars) {
      if (this.staticDone.has(entry) || !(full || entry.quick)) continue;
      const feature = featureOf(entry.path);
      const input = this.inputFields.get(entry.path);
      const report = feature ? await read(feature) : input && this.inputs.get(input.reportId);
      const field = feature ?? input;
      if (!report || !field || !holds(report, field)) continue;
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
      const field = featureOf(entry.path);
      if (!field) continue;
      const report = await read(field);
      if (holds(report, field)) this.setFlag(entry, extractLogical(report, field));
    }
    this.walked = true;
    if (full) this.schedule.fullDone(now);
    this.publishStatus(ctx);
  }

  /** GET_REPORT length: the report's own, or the largest one with `maxreport`. */
  private readLength(field: ReportField): number {
    const id = this.opts?.maxReport ? undefined : field.reportId;
    return reportLength(this.allFields, id, 'feature');
  }

  private async lose(ctx: DriverContext): Promise<void> {
    ctx.logger.warn('HID device lost: reconnecting on the next poll');
    const device = this.device;
    this.device = undefined;
    this.failure = undefined;
    await device?.close().catch(() => {});
  }

  /** Writes a physical value to the Feature field at `path`. */
  private async write(path: string, value: number): Promise<void> {
    const field = this.fields.get(path);
    if (!field || !this.device) throw new Error(`${path} is not writable on this device`);
    const report = await this.device.getFeatureReport(field.reportId, this.readLength(field));
    const buffer = Uint8Array.from(report);
    buffer[0] = field.reportId;
    insertLogical(buffer, field, physicalToLogical(removeExponent(value, field), field));
    await this.device.sendFeatureReport(buffer);
    // As NUT after a SET or command: the next update reads everything again.
    this.schedule.invalidate();
  }

  async instcmd(name: string, param: string | undefined, ctx: DriverContext): Promise<number> {
    try {
      const known = await runInstantCommand(name, param, {
        commands: this.sub.commands,
        has: (path) => this.fields.has(path),
        write: (path, value) => this.write(path, value),
        delay: (key) => Number(ctx.store.getInfo(key)),
      });
      return known ? DRIVER_TRACKING.SUCCESS : DRIVER_TRACKING.UNKNOWN;
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
