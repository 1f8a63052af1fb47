import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQ1, MegatecReplyError, parseQ1, type Q1Status } from './q1.js';
import { interpretQ1 } from './status-bits.js';

const REFERENCE = '(226.0 195.0 226.0 014 49.0 27.5 30.0 00001000';

describe('Q1 status replies', () => {
  it('parses the reference reply and the one Debian nutdrv_qx was fed', () => {
    expect(parseQ1(REFERENCE)).toEqual({
      inputVoltage: 226,
      inputFaultVoltage: 195,
      outputVoltage: 226,
      load: 14,
      inputFrequency: 49,
      batteryVoltage: 27.5,
      temperature: 30,
      bits: [false, false, false, false, true, false, false, false],
    });
    const debian = parseQ1('(230.4 140.0 229.8 023 50.0 27.3 31.0 00000001');
    expect(debian.batteryVoltage).toBe(27.3);
    expect(debian.bits.at(-1)).toBe(true);
  });

  it('takes per-cell and per-pack battery fields', () => {
    expect(parseQ1('(230.4 140.0 229.8 023 50.0 2.27 31.0 10000001').batteryVoltage).toBe(2.27);
    // 48 bytes: NUT's fixed columns choke on it, splitting on blanks does not.
    expect(parseQ1('(230.4 140.0 229.8 023 50.0 27.30 31.0 00000001').batteryVoltage).toBe(27.3);
  });

  it.each([
    ['wrong start character', '#226.0 195.0 226.0 014 49.0 27.5 30.0 00001000', /start character/],
    ['no start character', '226.0 195.0 226.0 014 49.0 27.5 30.0 00001000 ', /start character/],
    ['an echo', 'Q1', /start character/],
    ['empty', '', /start character/],
    ['short', '(226.0 195.0 226.0 014 49.0 27.5 30.0', /short reply/],
    ['a field missing', '(226.0 195.0 226.0 014 49.0 27.5 000010001111111', /expected 8 fields/],
    ['a garbled number', '(2x6.0 195.0 226.0 014 49.0 27.5 30.0 00001000', /input voltage/],
    ['a garbled load', '(226.0 195.0 226.0 0-4 49.0 27.5 30.0 00001000', /load/],
    ['bits not 0/1', '(226.0 195.0 226.0 014 49.0 27.5 30.0 0000100a', /status bits/],
    ['seven bits', '(226.0 195.0 226.0 014 49.0 27.5 30.0 0000100 ', /status bits/],
    [
      'line noise',
      '(\x00\xff\x13\x10 195.0 226.0 014 49.0 27.5 30.0 00001000',
      /input voltage is not a number: '\\x00\\xff\\x13\\x10'/,
    ],
    ['over-long', `${REFERENCE}${' 0'.repeat(20)}`, /over-long/],
  ])('rejects %s', (_what, reply, message) => {
    expect(() => parseQ1(reply)).toThrow(MegatecReplyError);
    expect(() => parseQ1(reply)).toThrow(message);
  });

  it('throws nothing but MegatecReplyError on junk', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ maxLength: 80 }).map((s) => `(${s}`),
        ),
        (junk) => {
          try {
            parseQ1(junk);
          } catch (error) {
            expect(error).toBeInstanceOf(MegatecReplyError);
          }
        },
      ),
    );
  });

  it('parses what it formats (46 characters, the 47-byte reply without its CR)', () => {
    const tenths = (max: number) => fc.integer({ min: 0, max }).map((n) => n / 10);
    const status: fc.Arbitrary<Q1Status> = fc.record({
      inputVoltage: tenths(9999),
      inputFaultVoltage: tenths(9999),
      outputVoltage: tenths(9999),
      load: fc.integer({ min: 0, max: 999 }),
      inputFrequency: tenths(999),
      batteryVoltage: fc.oneof(
        fc.integer({ min: 0, max: 999 }).map((n) => n / 100),
        fc.integer({ min: 100, max: 999 }).map((n) => n / 10),
      ),
      temperature: tenths(999),
      bits: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    });
    fc.assert(
      fc.property(status, (s) => {
        const text = formatQ1(s);
        expect(text).toHaveLength(46);
        expect(parseQ1(text)).toEqual(s);
      }),
    );
  });
});

describe('status bits', () => {
  const meaning = (bits: string, vi = 230, vo = 230, ignoreSab = false) =>
    interpretQ1(
      {
        ...parseQ1(REFERENCE),
        inputVoltage: vi,
        outputVoltage: vo,
        bits: [...bits].map((b) => b === '1'),
      },
      { ignoreSab },
    );

  it('b7 utility fail, b6 battery low, b3 type, b0 beeper', () => {
    expect(meaning('00001000')).toEqual({
      tokens: ['OL'],
      alarms: [],
      upsType: 'offline / line interactive',
      beeper: 'disabled',
    });
    expect(meaning('11000001')).toEqual({
      tokens: ['OB', 'LB'],
      alarms: [],
      upsType: 'online',
      beeper: 'enabled',
    });
  });

  it('b5 is TRIM, BYPASS or BOOST by the output/input ratio, ignored when the ratio makes no sense', () => {
    expect(meaning('00100000', 230, 200).tokens).toEqual(['OL', 'TRIM']);
    expect(meaning('00100000', 230, 230).tokens).toEqual(['OL', 'BYPASS']);
    expect(meaning('00100000', 200, 230).tokens).toEqual(['OL', 'BOOST']);
    expect(meaning('00100000', 230, 100).tokens).toEqual(['OL']);
    expect(meaning('00100000', 100, 230).tokens).toEqual(['OL']);
    expect(meaning('00100000', 0, 0).tokens).toEqual(['OL']);
    // The edges: 0.95 and 1.05 belong to the next band up.
    expect(meaning('00100000', 100, 95).tokens).toEqual(['OL', 'BYPASS']);
    expect(meaning('00100000', 100, 105).tokens).toEqual(['OL', 'BOOST']);
  });

  it('b4 failed, b2 test, b1 shutdown active (unless ignoresab)', () => {
    expect(meaning('00010110')).toEqual({
      tokens: ['OL', 'CAL', 'FSD'],
      alarms: ['UPS selftest failed!', 'Shutdown imminent!'],
      upsType: 'online',
      beeper: 'disabled',
    });
    expect(meaning('00000010', 230, 230, true)).toMatchObject({ tokens: ['OL'], alarms: [] });
  });

  it('orders tokens as nutdrv_qx does, and never says CHRG or DISCHRG (Q1 has no such bit)', () => {
    expect(meaning('11110110', 230, 200).tokens).toEqual(['OB', 'LB', 'TRIM', 'CAL', 'FSD']);
    for (let n = 0; n < 256; n++) {
      const bits = n.toString(2).padStart(8, '0');
      const { tokens } = meaning(bits, 230, 240);
      expect(tokens[0]).toBe(bits[0] === '1' ? 'OB' : 'OL');
      expect(tokens).not.toContain('CHRG');
      expect(tokens).not.toContain('DISCHRG');
    }
  });
});
