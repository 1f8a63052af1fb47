import { parseReportDescriptor, type ReportField } from '../hid/descriptor-parser.js';
import { hidPath } from '../hid/usages.js';
import { extractLogical, insertLogical } from '../hid/values.js';
import type { HidBinding, HidDevice, HidDeviceInfo } from '../hid-device.js';
import { DescriptorBuilder } from './descriptor-builder.js';

const PD = 0x84;
const BS = 0x85;
const VOLT = 0x00f0d121;
const SECOND = 0x00001001;
const HERTZ = 0x0000f001;

/** A generic UPS descriptor written from the HID Power Device Class tables. */
export function genericUpsDescriptor(): Uint8Array {
  const b = new DescriptorBuilder();
  b.usagePage(PD).usage(0x04).collection('application');
  b.usage(0x24).collection('physical'); // PowerSummary
  b.reportId(1).reportSize(8).reportCount(1).logical(0, 100);
  b.usagePage(BS).usage(0x66).feature(); // RemainingCapacity
  b.usage(0x29).feature(); // RemainingCapacityLimit
  b.reportSize(16).logical(0, 65535).unit(SECOND, 0).usage(0x68).feature(); // RunTimeToEmpty
  b.unit(0, 0);
  b.usagePage(PD).reportId(2).usage(0x02).collection('logical'); // PresentStatus
  b.usagePage(BS).usage(0xd0).usage(0x44).usage(0x45).usage(0x42).usagePage(PD).usage(0x69);
  b.reportSize(1).reportCount(5).logical(0, 1).input();
  b.padding(3).end();
  b.reportId(3).reportSize(16).reportCount(1).logical(-1, 32767).unit(SECOND, 0);
  b.usage(0x57).feature().usage(0x56).feature(); // DelayBeforeShutdown, DelayBeforeStartup
  b.unit(0, 0).reportId(4).reportSize(8).logical(1, 3).usage(0x5a).feature(); // AudibleAlarmControl
  b.end();
  b.usage(0x1a).collection('physical'); // Input
  b.reportId(5).reportSize(16).reportCount(1).logical(0, 65535).unit(VOLT, 5).usage(0x30).feature();
  b.unit(HERTZ, -1).usage(0x32).feature().end();
  b.usage(0x1c).collection('physical'); // Output
  b.reportId(6).reportSize(16).logical(0, 65535).unit(VOLT, 5).usage(0x30).feature();
  b.unit(0, 0).reportSize(8).logical(0, 100).usage(0x35).feature().end();
  b.usage(0x10).collection('physical').usage(0x12).collection('physical'); // BatterySystem.Battery
  b.reportId(7).reportSize(8).logical(0, 7).usage(0x58).feature().end().end();
  b.end();
  return b.build();
}

/**
 * A behavioural HID UPS: mains, charge and runtime that fall on battery, load, delays that
 * count down and cut the output, beeper, self-test; Feature reports built from its descriptor,
 * Input reports pushed when the status bits change; fault switches for a pulled cable.
 */
export class FakePowerDevice implements HidDevice {
  readonly info: HidDeviceInfo = {
    vendorId: 0x0463,
    productId: 0xffff,
    manufacturer: 'nut-ts',
    product: 'Fake HID UPS',
    serialNumber: 'FAKE0001',
    path: 'fake:1',
  };
  readonly fields: Map<string, ReportField>;
  readonly descriptor = genericUpsDescriptor();
  mains = true;
  charge = 100;
  runtime = 1800;
  load = 20;
  inputVoltage = 230.1;
  outputOn = true;
  beeper = 2;
  test = 6;
  shutdownDelay = -1;
  startupDelay = -1;
  chargeLimit = 20;
  unplugged = false;
  readonly written: Array<{ path: string; value: number }> = [];
  private listeners: Array<(data: Uint8Array) => void> = [];
  private readonly all: ReportField[];

  constructor() {
    this.all = parseReportDescriptor(this.descriptor).filter((f) => !f.constant);
    this.fields = new Map(this.all.map((f) => [hidPath(f.path), f]));
  }

  private values(): Record<string, number> {
    const low = this.charge < this.chargeLimit;
    return {
      'UPS.PowerSummary.RemainingCapacity': this.charge,
      'UPS.PowerSummary.RemainingCapacityLimit': this.chargeLimit,
      'UPS.PowerSummary.RunTimeToEmpty': this.runtime,
      'UPS.PowerSummary.PresentStatus.ACPresent': this.mains ? 1 : 0,
      'UPS.PowerSummary.PresentStatus.Charging': this.mains && this.charge < 100 ? 1 : 0,
      'UPS.PowerSummary.PresentStatus.Discharging': this.mains ? 0 : 1,
      'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit': low ? 1 : 0,
      'UPS.PowerSummary.PresentStatus.ShutdownImminent': 0,
      'UPS.PowerSummary.DelayBeforeShutdown': this.shutdownDelay,
      'UPS.PowerSummary.DelayBeforeStartup': this.startupDelay,
      'UPS.PowerSummary.AudibleAlarmControl': this.beeper,
      'UPS.Input.Voltage': Math.round((this.mains ? this.inputVoltage : 0) * 100),
      'UPS.Input.Frequency': this.mains ? 500 : 0,
      'UPS.Output.Voltage': this.outputOn ? 23000 : 0,
      'UPS.Output.PercentLoad': this.outputOn ? this.load : 0,
      'UPS.BatterySystem.Battery.Test': this.test,
    };
  }

  private report(id: number, type: ReportField['type']): Uint8Array {
    const fields = this.all.filter((f) => f.reportId === id && f.type === type);
    const bits = Math.max(0, ...fields.map((f) => f.offset + f.size));
    const buffer = new Uint8Array(1 + Math.ceil(bits / 8));
    buffer[0] = id;
    const values = this.values();
    for (const field of fields) insertLogical(buffer, field, values[hidPath(field.path)] ?? 0);
    return buffer;
  }

  /** Changes state and pushes the status Input report, as the interrupt pipe would. */
  set(
    change: Partial<Pick<FakePowerDevice, 'mains' | 'charge' | 'runtime' | 'load' | 'unplugged'>>,
  ): void {
    Object.assign(this, change);
    if (!this.unplugged) for (const listener of this.listeners) listener(this.report(2, 'input'));
  }

  async getReportDescriptor(): Promise<Uint8Array> {
    return this.descriptor;
  }

  async getFeatureReport(reportId: number): Promise<Uint8Array> {
    if (this.unplugged) throw new Error('LIBUSB_ERROR_NO_DEVICE');
    return this.report(reportId, 'feature');
  }

  async sendFeatureReport(data: Uint8Array): Promise<void> {
    if (this.unplugged) throw new Error('LIBUSB_ERROR_NO_DEVICE');
    for (const field of this.all.filter((f) => f.reportId === data[0] && f.type === 'feature')) {
      const path = hidPath(field.path);
      const value = extractLogical(data, field);
      if (value === this.values()[path]) continue;
      this.written.push({ path, value });
      if (path.endsWith('DelayBeforeShutdown')) this.shutdownDelay = value;
      if (path.endsWith('DelayBeforeStartup')) this.startupDelay = value;
      if (path.endsWith('AudibleAlarmControl')) this.beeper = value;
      if (path.endsWith('RemainingCapacityLimit')) this.chargeLimit = value;
      if (path.endsWith('Battery.Test')) this.test = value === 3 ? 4 : 5;
    }
  }

  onInputReport(listener: (data: Uint8Array) => void): void {
    this.listeners.push(listener);
    listener(this.report(2, 'input'));
  }

  async close(): Promise<void> {
    this.listeners = [];
  }
}

/** A binding that offers fake devices, as node-hid offers real ones. */
export function fakeBinding(...devices: FakePowerDevice[]): HidBinding {
  return {
    devices: async () => devices.filter((d) => !d.unplugged).map((d) => d.info),
    open: async (info) => {
      const device = devices.find((d) => d.info.path === info.path);
      if (!device || device.unplugged) throw new Error('no such device');
      return device;
    },
  };
}
