import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scale, fuzzRuns } from '@nut-ts/testkit';
import {
  MAX_COLLECTION_DEPTH,
  MAX_FIELDS,
  parseReportDescriptor,
  type ReportField,
} from './descriptor-parser.js';
import { HidDescriptorError } from './items.js';
import { hidPath } from './usages.js';
import { extractLogical, insertLogical, physicalToLogical, readField } from './values.js';

/** Parses, letting only a HidDescriptorError through; checks the result stays bounded. */
function parseBounded(bytes: Uint8Array): ReportField[] {
  let fields: ReportField[];
  try {
    fields = parseReportDescriptor(bytes);
  } catch (error) {
    if (!(error instanceof HidDescriptorError)) throw error;
    return [];
  }
  expect(fields.length).toBeLessThanOrEqual(MAX_FIELDS);
  for (const field of fields) {
    expect(field.path.length).toBeLessThanOrEqual(2 * MAX_COLLECTION_DEPTH + 1);
    expect(typeof hidPath(field.path)).toBe('string');
  }
  return fields;
}

/** One short item: a prefix with its data bytes (HID 1.11 §6.2.2.2). */
const item = fc
  .tuple(
    fc.integer({ min: 0, max: 15 }),
    fc.constantFrom(0, 1, 2),
    fc.constantFrom(0, 1, 2, 3),
    fc.oneof(
      fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0xffff, 0xffffffff),
      fc.integer({ min: 0, max: 0xffffffff }),
    ),
  )
  .map(([tag, type, sizeCode, data]) => {
    const size = [0, 1, 2, 4][sizeCode]!;
    const bytes = [(tag << 4) | (type << 2) | sizeCode];
    for (let b = 0; b < size; b++) bytes.push(Math.floor(data / 2 ** (8 * b)) & 0xff);
    return bytes;
  });
/** The items UPS descriptors are made of, with any data: collections, reports, usages. */
const upsItem = fc.oneof(
  item,
  fc.constantFrom(
    [0x05, 0x84], // Usage Page (Power Device)
    [0x09, 0x04], // Usage (UPS)
    [0xa1, 0x01], // Collection (Application)
    [0xa1, 0x81], // Collection (vendor: indexed)
    [0xc0], // End Collection
    [0x85, 0x01], // Report ID 1
    [0x75, 0x08], // Report Size 8
    [0x95, 0x01], // Report Count 1
    [0xb1, 0x02], // Feature (Data, Var)
    [0x81, 0x02], // Input (Data, Var)
    [0xa4], // Push
    [0xb4], // Pop
    [0x19, 0x01, 0x2a, 0xff, 0xff], // Usage Min 1, Max 0xFFFF
  ),
);
const structured = fc
  .array(upsItem, { maxLength: 200 })
  .map((items) => Uint8Array.from(items.flat()));

/** Descriptors built to multiply their size: each few bytes asking for thousands of things. */
const AMPLIFIERS: Array<[string, (n: number) => number[]]> = [
  // Report Count 4095, then n one-byte Input items: 4095 fields each.
  ['report count × inputs', (n) => [0x96, 0xff, 0x0f, ...Array<number>(n).fill(0x80)]],
  // n Usage Minimum/Maximum pairs of 65,536 usages each, before one Feature.
  [
    'usage ranges',
    (n) => [
      ...Array.from({ length: n }, () => [0x19, 0x00, 0x2a, 0xff, 0xff]).flat(),
      0x95,
      0x01,
      0xb1,
      0x02,
    ],
  ],
  // n nested collections around a Report Count 4095 Input: long paths times many fields.
  [
    'deep collections',
    (n) => [
      ...Array<number>(n)
        .fill(0xa1)
        .flatMap((b) => [b, 0x00]),
      0x96,
      0xff,
      0x0f,
      0x81,
      0x02,
      ...Array<number>(n).fill(0xc0),
    ],
  ],
];

describe('HID report descriptor parser on hostile firmware', () => {
  it('random bytes: fields within bounds or a HidDescriptorError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => void parseBounded(bytes)),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('random sequences of real items: fields within bounds or a HidDescriptorError', () => {
    fc.assert(
      fc.property(structured, (bytes) => void parseBounded(bytes)),
      { numRuns: fuzzRuns(300) },
    );
  });

  for (const [name, build] of AMPLIFIERS) {
    it(`a 64 KB descriptor of ${name} is refused or bounded, and quick`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 13_000 }), (n) => {
          const bytes = Uint8Array.from(build(n)).subarray(0, 65535);
          parseBounded(bytes);
        }),
        { numRuns: scale(5, 50), examples: [[13_000]] },
      );
    });
  }
});

/** A field as a descriptor may declare it: sizes and offsets up to 32 bits, any range. */
const field: fc.Arbitrary<ReportField> = fc.record({
  path: fc.constant([]),
  reportId: fc.integer({ min: 0, max: 255 }),
  type: fc.constantFrom('input' as const, 'output' as const, 'feature' as const),
  offset: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 0xffffffff })),
  size: fc.oneof(
    fc.integer({ min: 0, max: 64 }),
    fc.constantFrom(0xffffffff, 0x7fffffff, 4096 * 8),
  ),
  logicalMin: fc.oneof(fc.integer(), fc.constantFrom(-(2 ** 31), 0, -1)),
  logicalMax: fc.oneof(fc.integer(), fc.constantFrom(2 ** 32 - 1, 0, 1)),
  physicalMin: fc.option(fc.integer(), { nil: undefined }),
  physicalMax: fc.option(fc.integer(), { nil: undefined }),
  unit: fc.constantFrom(0, 0x00f0d121, 0x0000d121, 0x00100001, 0xffffffff),
  unitExponent: fc.integer({ min: -8, max: 7 }),
  variable: fc.boolean(),
  constant: fc.boolean(),
});

describe('HID value extraction on hostile reports', () => {
  it('reads and writes any field of any buffer without throwing or running long', () => {
    fc.assert(
      fc.property(
        field,
        fc.uint8Array({ maxLength: 64 }),
        fc.double({ noNaN: false }),
        (f, buffer, value) => {
          const logical = extractLogical(buffer, f);
          expect(typeof logical).toBe('number');
          if (f.logicalMin <= f.logicalMax && !Number.isNaN(logical)) {
            expect(logical).toBeGreaterThanOrEqual(f.logicalMin);
            expect(logical).toBeLessThanOrEqual(f.logicalMax);
          }
          expect(typeof readField(buffer, f)).toBe('number');
          const copy = Uint8Array.from(buffer);
          insertLogical(copy, f, physicalToLogical(value, f));
          expect(copy.length).toBe(buffer.length);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('reads every field a random descriptor declares from a random report', () => {
    fc.assert(
      fc.property(structured, fc.uint8Array({ maxLength: 64 }), (bytes, report) => {
        for (const f of parseBounded(bytes)) expect(typeof readField(report, f)).toBe('number');
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
