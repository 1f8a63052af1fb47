import type { DescriptorBuilder } from '../descriptor-builder.js';

/** Usage pages: Power Device and Battery System (HID PDC 1.0). */
export const PD = 0x84;
export const BS = 0x85;

/** HID unit codes (HID 1.11 §6.2.2.7): SI-linear volt and watt are cgs-based, exponent 7. */
export const UNIT = {
  NONE: 0,
  VOLT: 0x00f0d121,
  WATT: 0x0000d121,
  SECOND: 0x00001001,
  HERTZ: 0x0000f001,
  KELVIN: 0x00010001,
} as const;

/** The status bits of a PresentStatus collection: [page, id] in report order. */
export const STATUS_BITS: ReadonlyArray<readonly [number, number]> = [
  [BS, 0xd0], // ACPresent
  [BS, 0x44], // Charging
  [BS, 0x45], // Discharging
  [BS, 0x42], // BelowRemainingCapacityLimit
  [BS, 0x43], // RemainingTimeLimitExpired
  [BS, 0x46], // FullyCharged
  [BS, 0x4b], // NeedReplacement
  [BS, 0xd1], // BatteryPresent
  [PD, 0x69], // ShutdownImminent
  [PD, 0x65], // Overload
  [PD, 0x67], // OverTemperature
];

/**
 * A PresentStatus logical collection with `bits` as one report, sent on the interrupt pipe
 * (Input) and readable as a Feature report with the same ID, as most UPS firmware does.
 */
export function presentStatusCollection(
  b: DescriptorBuilder,
  reportId: number,
  bits: ReadonlyArray<readonly [number, number]> = STATUS_BITS,
): void {
  b.usagePage(PD).usage(0x02).collection('logical');
  for (const kind of ['input', 'feature'] as const) {
    b.reportId(reportId);
    for (const [page, id] of bits) b.usagePage(page).usage(id);
    b.reportSize(1).reportCount(bits.length).logical(0, 1);
    if (kind === 'input') b.input();
    else b.feature();
    const pad = (8 - (bits.length % 8)) % 8;
    if (pad) b.padding(pad, kind);
  }
  b.end().usagePage(PD);
}
