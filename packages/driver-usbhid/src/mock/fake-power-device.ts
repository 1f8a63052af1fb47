import { parseReportDescriptor, type ReportField } from '../hid/descriptor-parser.js';
import { hidPath } from '../hid/usages.js';
import {
  applyExponent,
  extractLogical,
  insertLogical,
  logicalToPhysical,
  removeExponent,
} from '../hid/values.js';
import type { HidBinding, HidDevice, HidDeviceInfo } from '../hid-device.js';
import { standardWrite, type FakeModel } from './fake-model.js';
import { EATON_5E } from './models/eaton-5e.js';
import { UpsBehaviour, type UpsChange } from './ups-behaviour.js';

/** Physical value to the logical integer the firmware sends (no clamping: firmware can lie). */
function encode(value: number, field: ReportField): number {
  const physical = removeExponent(value, field);
  const { physicalMin: pMin, physicalMax: pMax, logicalMin: lMin, logicalMax: lMax } = field;
  const linear =
    pMin !== undefined &&
    pMax !== undefined &&
    pMax > pMin &&
    lMax > lMin &&
    !(pMin === 0 && pMax === 0);
  return Math.round(linear ? lMin + ((physical - pMin) * (lMax - lMin)) / (pMax - pMin) : physical);
}

/** A host's write, in the physical units of the model (seconds, percent, volts). */
export interface FakeWrite {
  path: string;
  value: number;
}

/**
 * A behavioural HID UPS for one {@link FakeModel}: Feature reports built from its descriptor
 * and the behaviour model's state, Input reports pushed when they change (as the interrupt pipe
 * does), host writes applied to the state and recorded, string descriptors, a pulled cable.
 */
export class FakePowerDevice implements HidDevice {
  readonly info: HidDeviceInfo;
  readonly ups: UpsBehaviour;
  /** Every value the host wrote, in order. */
  readonly written: FakeWrite[] = [];
  /** Every GET_REPORT(Feature) the host made: report ID and the length it asked for. */
  readonly featureReads: Array<{ reportId: number; length: number }> = [];
  private readonly all: ReportField[];
  private readonly paths = new Map<ReportField, string>();
  private listeners: Array<(data: Uint8Array) => void> = [];
  private errorListeners: Array<(error: Error) => void> = [];
  private readonly lastInput = new Map<number, string>();

  constructor(readonly model: FakeModel = EATON_5E) {
    this.info = { ...model.info };
    this.ups = new UpsBehaviour(model.ratings);
    this.all = parseReportDescriptor(model.descriptor).filter((f) => !f.constant);
    for (const field of this.all) this.paths.set(field, hidPath(field.path, model.usageNames));
  }

  get unplugged(): boolean {
    return this.ups.unplugged;
  }

  /** The HID paths of the descriptor, as the driver names them. */
  fieldPaths(): string[] {
    return [...new Set(this.paths.values())];
  }

  private reportIds(type: ReportField['type']): number[] {
    return [...new Set(this.all.filter((f) => f.type === type).map((f) => f.reportId))];
  }

  private report(id: number, type: ReportField['type']): Uint8Array {
    const fields = this.all.filter((f) => f.reportId === id && f.type === type);
    const bits = Math.max(0, ...fields.map((f) => f.offset + f.size));
    const buffer = new Uint8Array(1 + Math.ceil(bits / 8));
    buffer[0] = id;
    const values = this.model.values(this.ups);
    for (const field of fields)
      insertLogical(buffer, field, encode(values[this.paths.get(field)!] ?? 0, field));
    return buffer;
  }

  /** Sends every Input report whose content changed since it was last sent. */
  private pushInputs(): void {
    if (this.ups.unplugged) return;
    for (const id of this.reportIds('input')) {
      const report = this.report(id, 'input');
      const key = report.join(',');
      if (this.lastInput.get(id) === key) continue;
      this.lastInput.set(id, key);
      for (const listener of this.listeners) listener(report);
    }
  }

  /** Changes state (mains, charge, load, cable...) and pushes the Input reports that changed. */
  set(change: UpsChange): void {
    const wasUnplugged = this.ups.unplugged;
    this.ups.apply(change);
    // A pulled cable ends the interrupt transfer the host has pending.
    if (this.ups.unplugged && !wasUnplugged) {
      const error = new Error('LIBUSB_ERROR_NO_DEVICE');
      for (const listener of this.errorListeners) listener(error);
    }
    this.pushInputs();
  }

  /** Moves the behaviour model's time on. */
  tick(seconds: number): void {
    this.ups.tick(seconds);
    this.pushInputs();
  }

  async getReportDescriptor(): Promise<Uint8Array> {
    if (this.ups.unplugged) throw new Error('LIBUSB_ERROR_NO_DEVICE');
    return this.model.descriptor;
  }

  async getFeatureReport(reportId: number, length: number): Promise<Uint8Array> {
    if (this.ups.unplugged) throw new Error('LIBUSB_ERROR_NO_DEVICE');
    this.featureReads.push({ reportId, length });
    if (!this.reportIds('feature').includes(reportId)) throw new Error('LIBUSB_ERROR_PIPE');
    return this.report(reportId, 'feature');
  }

  /**
   * SET_REPORT(Feature): a field counts as written when its value differs from what the device
   * holds, or when it is the only field of its report (so the same command twice is seen).
   */
  async sendFeatureReport(data: Uint8Array): Promise<void> {
    if (this.ups.unplugged) throw new Error('LIBUSB_ERROR_NO_DEVICE');
    const fields = this.all.filter((f) => f.reportId === data[0] && f.type === 'feature');
    if (fields.length === 0) throw new Error('LIBUSB_ERROR_PIPE');
    const current = this.report(data[0]!, 'feature');
    for (const field of fields) {
      const logical = extractLogical(data, field);
      if (fields.length > 1 && logical === extractLogical(current, field)) continue;
      const path = this.paths.get(field)!;
      const value = applyExponent(logicalToPhysical(logical, field), field);
      this.written.push({ path, value });
      if (!this.model.write?.(path, value, this.ups)) standardWrite(path, value, this.ups);
    }
    this.pushInputs();
  }

  async getIndexedString(index: number): Promise<string | undefined> {
    if (this.ups.unplugged) throw new Error('LIBUSB_ERROR_NO_DEVICE');
    return this.model.strings[index];
  }

  onInputReport(listener: (data: Uint8Array) => void): void {
    this.listeners.push(listener);
    for (const id of this.reportIds('input')) listener(this.report(id, 'input'));
  }

  onError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners = [];
    this.errorListeners = [];
    this.lastInput.clear();
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
