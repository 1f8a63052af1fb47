import { MegatecReplyError } from './q1.js';

/** `F` reply: `#MMM.M QQQ SS.SS RR.R` — nominal input voltage, current, battery voltage, frequency. */
export interface Ratings {
  inputVoltage: number;
  inputCurrent: number;
  batteryVoltage: number;
  inputFrequency: number;
}

export function parseRatings(reply: string): Ratings {
  if (!reply.startsWith('#'))
    throw new MegatecReplyError(`invalid start character in rating reply '${reply.slice(0, 10)}'`);
  const fields = reply.slice(1).trim().split(/\s+/).map(Number);
  if (fields.length !== 4 || fields.some((value) => !Number.isFinite(value))) {
    throw new MegatecReplyError(`rating reply needs 4 numbers: '${reply}'`);
  }
  const [inputVoltage, inputCurrent, batteryVoltage, inputFrequency] = fields as [
    number,
    number,
    number,
    number,
  ];
  return { inputVoltage, inputCurrent, batteryVoltage, inputFrequency };
}

/** `I` reply: manufacturer, model, firmware (classic layout, 15/10/10 characters). */
export interface VendorInfo {
  manufacturer: string;
  model: string;
  firmware: string;
}

export function parseVendorInfo(reply: string): VendorInfo {
  if (!reply.startsWith('#'))
    throw new MegatecReplyError(`invalid start character in vendor reply '${reply.slice(0, 10)}'`);
  if (reply.length < 27) throw new MegatecReplyError(`short vendor reply (${reply.length} bytes)`);
  return {
    manufacturer: reply.slice(1, 16).trim(),
    model: reply.slice(17, 27).trim(),
    firmware: reply.slice(28, 38).trim(),
  };
}

export function formatVendorInfo(info: VendorInfo): string {
  return `#${info.manufacturer.padEnd(15).slice(0, 15)} ${info.model.padEnd(10).slice(0, 10)} ${info.firmware.padEnd(10).slice(0, 10)}`;
}

export function formatRatings(r: Ratings): string {
  return `#${r.inputVoltage.toFixed(1).padStart(5, '0')} ${String(r.inputCurrent).padStart(3, '0')} ${r.batteryVoltage.toFixed(1).padStart(5, '0')} ${r.inputFrequency.toFixed(1).padStart(4, '0')}`;
}
