import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRatings, formatVendorInfo, parseRatings, parseVendorInfo } from './info.js';
import { MegatecReplyError } from './q1.js';

describe('F (ratings)', () => {
  it('parses the reference replies', () => {
    expect(parseRatings('#230.0 004 024.0 50.0')).toEqual({
      inputVoltage: 230,
      inputCurrent: 4,
      batteryVoltage: 24,
      inputFrequency: 50,
    });
    expect(parseRatings('#220.0 000 024.0 50.0').inputCurrent).toBe(0);
  });

  it.each([
    ['a status reply', '(230.0 004 024.0 50.0'],
    ['an echo', 'F'],
    ['three fields', '#230.0 004 024.0'],
    ['a garbled field', '#230.0 0x4 024.0 50.0'],
    ['a negative field', '#230.0 -04 024.0 50.0'],
    ['junk', '#\x00\xff'],
  ])('rejects %s', (_what, reply) => expect(() => parseRatings(reply)).toThrow(MegatecReplyError));

  it('parses what it formats', () => {
    const tenths = (max: number) => fc.integer({ min: 0, max }).map((n) => n / 10);
    fc.assert(
      fc.property(
        tenths(9999),
        fc.integer({ min: 0, max: 999 }),
        tenths(9999),
        tenths(999),
        (inputVoltage, inputCurrent, batteryVoltage, inputFrequency) => {
          const ratings = { inputVoltage, inputCurrent, batteryVoltage, inputFrequency };
          expect(formatRatings(ratings)).toHaveLength(21);
          expect(parseRatings(formatRatings(ratings))).toEqual(ratings);
        },
      ),
    );
  });
});

describe('I (vendor information)', () => {
  it('reads the classic layout', () => {
    expect(parseVendorInfo('#NOT_A_LIVE_UPS  TESTING    TESTING   ')).toEqual({
      manufacturer: 'NOT_A_LIVE_UPS',
      model: 'TESTING',
      firmware: 'TESTING',
    });
    expect(parseVendorInfo('#-------------   ------     VT12046Q  ')).toEqual({
      manufacturer: '-------------',
      model: '------',
      firmware: 'VT12046Q',
    });
    expect(parseVendorInfo('#                                     ')).toEqual({
      manufacturer: '',
      model: '',
      firmware: '',
    });
  });

  it('reads the Megatec IC layout, serial and runtime included', () => {
    expect(parseVendorInfo('#MegaTecabcedfhi k130v12345 v3.400000', 'ic')).toEqual({
      manufacturer: 'MegaTec',
      serial: 'abcedfhi',
      model: 'k130v',
      runtime: 12345,
      firmware: 'v3.400000',
    });
  });

  it.each([
    ['one byte short (NUT: short reply)', '#NOT_A_LIVE_UPS  TESTING    TESTING  '],
    ['a wrong start character', '(NOT_A_LIVE_UPS  TESTING    TESTING   '],
    ['an echo', 'I'],
    ['binary junk', `#${'\x00'.repeat(40)}`],
  ])('rejects %s', (_what, reply) =>
    expect(() => parseVendorInfo(reply)).toThrow(MegatecReplyError),
  );

  it('parses what it formats, in both layouts', () => {
    const word = (max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9._-]{0,${max}}$`));
    fc.assert(
      fc.property(word(15), word(10), word(10), (manufacturer, model, firmware) => {
        const info = { manufacturer, model, firmware };
        const text = formatVendorInfo(info);
        expect(text).toHaveLength(38);
        expect(parseVendorInfo(text)).toEqual(info);
      }),
    );
    fc.assert(
      fc.property(
        word(7),
        word(8),
        word(5),
        fc.integer({ min: 0, max: 99999 }),
        word(10),
        (manufacturer, serial, model, runtime, firmware) => {
          const info = { manufacturer, serial, model, runtime, firmware };
          expect(parseVendorInfo(formatVendorInfo(info, 'ic'), 'ic')).toEqual(info);
        },
      ),
    );
  });

  it('throws nothing but MegatecReplyError on junk', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.constantFrom('classic' as const, 'ic' as const),
        (junk, layout) => {
          for (const text of [junk, `#${junk}`]) {
            try {
              parseVendorInfo(text, layout);
              parseRatings(text);
            } catch (error) {
              expect(error).toBeInstanceOf(MegatecReplyError);
            }
          }
        },
      ),
    );
  });
});
