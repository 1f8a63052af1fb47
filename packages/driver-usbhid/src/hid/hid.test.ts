import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReportDescriptor, decodeExponent } from './descriptor-parser.js';
import { HidDescriptorError } from './items.js';
import {
  applyExponent,
  extractLogical,
  insertLogical,
  logicalToPhysical,
  physicalToLogical,
  readField,
} from './values.js';
import { hidPath } from './usages.js';
import { fuzzRuns } from '@nut-ts/testkit';

const hex = (text: string) =>
  Uint8Array.from(
    text
      .trim()
      .split(/\s+/)
      .map((b) => Number.parseInt(b, 16)),
  );

describe('value extraction (the reference vectors)', () => {
  const cases: Array<[string, number, number, number, number, number]> = [
    ['00 ff ff ff ff', 0, 32, -1, 2147483647, -1],
    ['00 ff', 0, 8, -1, 127, -1],
    ['00 ff', 0, 8, 0, 127, 127],
    ['00 ff', 0, 8, 0, 255, 255],
    ['33 00 0a 08 80', 0, 32, 0, 65535, 2560],
    ['00 00 08 00 00', 0, 32, 0, 65535, 2048],
    ['06 00 00 08', 0, 8, 0, 255, 0],
    ['06 00 00 08', 8, 8, 0, 255, 0],
    ['06 00 00 08', 16, 8, 0, 255, 8],
    ['16 0c 00 00 00', 2, 1, 0, 1, 1],
    ['16 0c 00 00 00', 3, 1, 0, 1, 1],
    ['16 0c 00 00 00', 0, 1, 0, 1, 0],
    ['16 0c 00 00 00', 1, 1, 0, 1, 0],
    ['16 0c 00 00 00', 4, 1, 0, 1, 0],
    ['16 0c 00 00 00', 10, 1, 0, 1, 0],
  ];
  for (const [buffer, offset, size, logicalMin, logicalMax, expected] of cases) {
    it(`${buffer} @${offset}/${size} [${logicalMin}, ${logicalMax}] -> ${expected}`, () => {
      expect(extractLogical(hex(buffer), { offset, size, logicalMin, logicalMax })).toBe(expected);
    });
  }

  it('maps logical to physical and back, and applies unit exponents', () => {
    const field = { logicalMin: 0, logicalMax: 255, physicalMin: 0, physicalMax: 510 };
    expect(logicalToPhysical(100, field)).toBe(200);
    expect(physicalToLogical(200, field)).toBe(100);
    expect(logicalToPhysical(100, { ...field, physicalMin: undefined })).toBe(100);
    expect(applyExponent(230, { unit: 0x00f0d121, unitExponent: 7 })).toBe(230);
    expect(applyExponent(23000, { unit: 0x00f0d121, unitExponent: 5 })).toBe(230);
    expect(applyExponent(499, { unit: 0, unitExponent: -1 })).toBe(49.9);
    expect(decodeExponent(0x0e)).toBe(-2);
  });

  it('round-trips any value through insert and extract', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 24 }),
        fc.boolean(),
        fc.nat(),
        (offset, size, signed, seed) => {
          const max = 2 ** (signed ? size - 1 : size) - 1;
          const min = signed ? -(max + 1) : 0;
          const value = min + (seed % (max - min + 1));
          const buffer = new Uint8Array(1 + Math.ceil((offset + size) / 8));
          insertLogical(buffer, { offset, size }, value);
          expect(extractLogical(buffer, { offset, size, logicalMin: min, logicalMax: max })).toBe(
            value,
          );
        },
      ),
    );
  });
});

/** A small UPS written from the HID PDC tables: PowerSummary with capacity, runtime, status bits, voltage. */
const UPS_DESCRIPTOR = hex(`
  05 84 09 04 a1 01
    09 24 a1 02
      85 01 75 08 95 01 15 00 26 ff 00
      05 85 09 66 b1 02
      09 68 75 10 27 ff ff 00 00 66 01 10 55 00 b1 02
      05 84 09 02 a1 02
        85 02 05 85 09 d0 09 44 09 45 05 84 09 69 75 01 95 04 15 00 25 01 81 02
        95 04 81 03
      c0
      85 03 09 30 75 10 95 01 15 00 27 ff ff 00 00 67 21 d1 f0 00 55 05 b1 02
    c0
  c0`);

describe('report descriptor parser', () => {
  it('turns a Power Device descriptor into NUT paths with offsets, ranges and units', () => {
    const fields = parseReportDescriptor(UPS_DESCRIPTOR).filter((f) => !f.constant);
    expect(
      fields.map((f) => `${hidPath(f.path)} ${f.type} #${f.reportId} @${f.offset}/${f.size}`),
    ).toEqual([
      'UPS.PowerSummary.RemainingCapacity feature #1 @0/8',
      'UPS.PowerSummary.RunTimeToEmpty feature #1 @8/16',
      'UPS.PowerSummary.PresentStatus.ACPresent input #2 @0/1',
      'UPS.PowerSummary.PresentStatus.Charging input #2 @1/1',
      'UPS.PowerSummary.PresentStatus.Discharging input #2 @2/1',
      'UPS.PowerSummary.PresentStatus.ShutdownImminent input #2 @3/1',
      'UPS.PowerSummary.Voltage feature #3 @0/16',
    ]);
    const voltage = fields.at(-1)!;
    expect(readField(hex('03 cc 59'), voltage)).toBe(229.88); // 0x59cc = 22988 × 10^(5 − 7)
    const status = fields.filter((f) => f.type === 'input');
    expect(status.map((f) => extractLogical(hex('02 05'), f))).toEqual([1, 0, 1, 0]);
  });

  it('numbers repeated collections of the vendor-defined types 0x80+ as [n]', () => {
    // UPS > OutletSystem > Outlet (type 0x82) > DelayBeforeShutdown, 16-bit Feature in report 9
    const fields = parseReportDescriptor(
      hex('05 84 09 04 a1 01 09 18 a1 00 09 20 a1 82 85 09 75 10 95 01 09 57 b1 02 c0 c0 c0'),
    );
    expect(fields.map((f) => hidPath(f.path))).toEqual([
      'UPS.OutletSystem.Outlet.[2].DelayBeforeShutdown',
    ]);
  });

  it('rejects truncated and badly nested descriptors with a HidDescriptorError', () => {
    expect(() => parseReportDescriptor(hex('05'))).toThrow(HidDescriptorError);
    expect(() => parseReportDescriptor(hex('c0'))).toThrow(HidDescriptorError);
    expect(() => parseReportDescriptor(hex('05 84 09 04 a1 01'))).toThrow(HidDescriptorError);
    expect(() => parseReportDescriptor(hex('b4'))).toThrow(HidDescriptorError);
  });

  it('never throws anything else and never hangs on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          parseReportDescriptor(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(HidDescriptorError);
        }
      }),
      { numRuns: fuzzRuns(500) },
    );
  });
});
