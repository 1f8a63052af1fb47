import { MegatecReplyError, printable } from './q1.js';

/** `F` reply: `#MMM.M QQQ SS.SS RR.R` — nominal input voltage, current, battery voltage, frequency. */
export interface Ratings {
  /** V */
  inputVoltage: number;
  /** A */
  inputCurrent: number;
  /** V, the whole battery. */
  batteryVoltage: number;
  /** Hz */
  inputFrequency: number;
}

/** Parses an `F` reply (CR removed); throws {@link MegatecReplyError} when it is not one. */
export function parseRatings(reply: string): Ratings {
  if (!reply.startsWith('#'))
    throw new MegatecReplyError(
      `invalid start character in rating reply '${printable(reply, 10)}'`,
    );
  if (reply.length > 40)
    throw new MegatecReplyError(`over-long rating reply (${reply.length} bytes)`);
  const fields = reply.slice(1).trim().split(/ +/);
  if (fields.length !== 4 || fields.some((field) => !/^\d+(\.\d+)?$/.test(field))) {
    throw new MegatecReplyError(`rating reply needs 4 numbers: '${printable(reply)}'`);
  }
  const [inputVoltage, inputCurrent, batteryVoltage, inputFrequency] = fields.map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return { inputVoltage, inputCurrent, batteryVoltage, inputFrequency };
}

/** Formats an `F` reply (the simulator's side): 21 characters, the inverse of {@link parseRatings}. */
export function formatRatings(r: Ratings): string {
  const f = (value: number, width: number, digits: number) =>
    value.toFixed(digits).padStart(width, '0');
  return `#${f(r.inputVoltage, 5, 1)} ${f(r.inputCurrent, 3, 0)} ${f(r.batteryVoltage, 5, 1)} ${f(r.inputFrequency, 4, 1)}`;
}

/** `I` reply fields; empty strings for blank fields. */
export interface VendorInfo {
  manufacturer: string;
  model: string;
  firmware: string;
  /** Only in the Megatec IC layout. */
  serial?: string;
  /** Seconds, only in the Megatec IC layout (when numeric). */
  runtime?: number;
}

/**
 * The two `I` layouts, both 38 characters plus CR:
 * - `classic`: `#` + manufacturer (15) + ` ` + model (10) + ` ` + firmware (10), what NUT 2.8.0
 *   reads (and what most units send);
 * - `ic`: the Megatec IC variant, `#` + manufacturer (7) + serial (8) + ` ` + model (5) +
 *   runtime (5) + ` ` + firmware.
 * The two cannot be told apart from the bytes, so the layout is chosen, not guessed.
 */
export type VendorLayout = 'classic' | 'ic';

const field = (reply: string, from: number, to: number) => reply.slice(from, to).trim();

/** Parses an `I` reply (CR removed); throws {@link MegatecReplyError} when it is not one. */
export function parseVendorInfo(reply: string, layout: VendorLayout = 'classic'): VendorInfo {
  if (!reply.startsWith('#'))
    throw new MegatecReplyError(
      `invalid start character in vendor reply '${printable(reply, 10)}'`,
    );
  // NUT wants the full 38 characters of the classic layout; the IC example is one shorter.
  if (reply.length < (layout === 'classic' ? 38 : 37))
    throw new MegatecReplyError(
      `short vendor reply (${reply.length} bytes): '${printable(reply)}'`,
    );
  if (reply.length > 64)
    throw new MegatecReplyError(`over-long vendor reply (${reply.length} bytes)`);
  if (/[^\x20-\x7e]/.test(reply))
    throw new MegatecReplyError(`vendor reply has non-printable bytes: '${printable(reply)}'`);
  if (layout === 'classic') {
    return {
      manufacturer: field(reply, 1, 16),
      model: field(reply, 17, 27),
      firmware: field(reply, 28, 38),
    };
  }
  const runtime = field(reply, 22, 27);
  return {
    manufacturer: field(reply, 1, 8),
    serial: field(reply, 8, 16),
    model: field(reply, 17, 22),
    ...(/^\d+$/.test(runtime) ? { runtime: Number(runtime) } : {}),
    firmware: field(reply, 28, reply.length),
  };
}

/** Formats an `I` reply (the simulator's side) in `layout`; fields too long are cut. */
export function formatVendorInfo(info: VendorInfo, layout: VendorLayout = 'classic'): string {
  const pad = (text: string | undefined, width: number) =>
    (text ?? '').padEnd(width).slice(0, width);
  if (layout === 'classic')
    return `#${pad(info.manufacturer, 15)} ${pad(info.model, 10)} ${pad(info.firmware, 10)}`;
  const runtime = info.runtime === undefined ? '' : String(Math.round(info.runtime));
  return `#${pad(info.manufacturer, 7)}${pad(info.serial, 8)} ${pad(info.model, 5)}${pad(runtime, 5)} ${pad(info.firmware, 10)}`;
}
