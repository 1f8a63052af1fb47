import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chargeFromVoltage,
  defaultVoltageLimits,
  detectPacks,
  RuntimeEstimate,
} from './battery.js';
import { commandAccepted, instantCommand, shutdownCommand } from './commands.js';
import { parseRatings, parseVendorInfo } from './info.js';
import { formatQ1, interpretQ1, MegatecReplyError, parseQ1 } from './q1.js';

describe('Q1 replies', () => {
  const example = '(226.0 195.0 226.0 014 49.0 27.5 30.0 00001000';

  it('parses the reference example', () => {
    expect(parseQ1(example)).toEqual({
      inputVoltage: 226,
      inputFaultVoltage: 195,
      outputVoltage: 226,
      load: 14,
      inputFrequency: 49,
      batteryVoltage: 27.5,
      temperature: 30,
      bits: [false, false, false, false, true, false, false, false],
    });
    expect(parseQ1('(230.4 140.0 229.8 023 50.0 2.27 31.0 10000001').batteryVoltage).toBe(2.27);
  });

  it('rejects bad start characters, short replies, junk fields', () => {
    for (const bad of [
      '226.0 195.0 226.0 014 49.0 27.5 30.0 00001000 x',
      '(226.0',
      '(2x6.0 195.0 226.0 014 49.0 27.5 30.0 00001000',
      '(226.0 195.0 226.0 014 49.0 27.5 30.0 0000100a',
    ]) {
      expect(() => parseQ1(bad)).toThrow(MegatecReplyError);
    }
  });

  it('maps status bits to NUT tokens with the bypass/boost/trim rule', () => {
    const status = (bits: string, vi = 230, vo = 230) =>
      interpretQ1(
        parseQ1(
          formatQ1({
            ...parseQ1(example),
            inputVoltage: vi,
            outputVoltage: vo,
            bits: [...bits].map((b) => b === '1'),
          }),
        ),
      );
    expect(status('10001000')).toMatchObject({
      tokens: ['OB'],
      upsType: 'offline / line interactive',
      beeper: 'disabled',
    });
    expect(status('11000001').tokens).toEqual(['OB', 'LB']);
    expect(status('00100000', 230, 200).tokens).toEqual(['OL', 'TRIM']);
    expect(status('00100000', 230, 230).tokens).toEqual(['OL', 'BYPASS']);
    expect(status('00100000', 200, 230).tokens).toEqual(['OL', 'BOOST']);
    expect(status('00100000', 230, 100).tokens).toEqual(['OL']);
    expect(status('00010110')).toMatchObject({
      tokens: ['OL', 'CAL', 'FSD'],
      alarms: ['UPS selftest failed!', 'Shutdown imminent!'],
      upsType: 'online',
    });
    expect(
      interpretQ1(parseQ1('(230.0 140.0 230.0 010 50.0 27.0 30.0 00000010'), { ignoreSab: true })
        .tokens,
    ).toEqual(['OL']);
  });

  it('never throws anything but MegatecReplyError on junk, and round-trips what it formats', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (junk) => {
        try {
          parseQ1(junk);
        } catch (error) {
          expect(error).toBeInstanceOf(MegatecReplyError);
        }
      }),
    );
    const volts = fc.integer({ min: 0, max: 2999 }).map((n) => n / 10);
    fc.assert(
      fc.property(
        volts,
        volts,
        fc.integer({ min: 0, max: 199 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (vi, vo, load, bits) => {
          const status = {
            inputVoltage: vi,
            inputFaultVoltage: 140,
            outputVoltage: vo,
            load,
            inputFrequency: 50,
            batteryVoltage: 27.3,
            temperature: 31,
            bits,
          };
          expect(parseQ1(formatQ1(status))).toEqual(status);
        },
      ),
    );
  });
});

describe('F and I replies', () => {
  it('parses ratings and both vendor layouts', () => {
    expect(parseRatings('#230.0 004 024.0 50.0')).toEqual({
      inputVoltage: 230,
      inputCurrent: 4,
      batteryVoltage: 24,
      inputFrequency: 50,
    });
    expect(parseVendorInfo('#NOT_A_LIVE_UPS  TESTING    TESTING   ')).toEqual({
      manufacturer: 'NOT_A_LIVE_UPS',
      model: 'TESTING',
      firmware: 'TESTING',
    });
    expect(() => parseRatings('(230.0')).toThrow(MegatecReplyError);
  });
});

describe('commands', () => {
  it('encodes shutdown delays as Megatec does', () => {
    expect(shutdownCommand(30, 3)).toBe('S.5R0003');
    expect(shutdownCommand(12)).toBe('S.2');
    expect(shutdownCommand(120, 0)).toBe('S02R0000');
    expect(instantCommand('load.off', undefined, { onDelay: 180, offDelay: 30 })).toBe('S00R0000');
    expect(instantCommand('test.battery.start', '120', { onDelay: 180, offDelay: 30 })).toBe('T02');
    expect(
      instantCommand('test.battery.start', '5', { onDelay: 180, offDelay: 30 }),
    ).toBeUndefined();
  });

  it('reads silence and ACK as success and an echo as refusal', () => {
    expect(commandAccepted(undefined)).toBe(true);
    expect(commandAccepted('(ACK')).toBe(true);
    expect(commandAccepted('ACK')).toBe(true);
    expect(commandAccepted('T05')).toBe(false);
  });
});

describe('battery', () => {
  it('detects packs and computes charge', () => {
    expect(detectPacks(2.27, 24)).toBe(12);
    expect(detectPacks(27.5, 24)).toBe(1);
    expect(detectPacks(13.5, 24)).toBe(2);
    const { low, high } = defaultVoltageLimits(24);
    expect([low, high]).toEqual([20.8, 26]);
    expect(chargeFromVoltage(23.4, low, high)).toBeCloseTo(50);
    expect(chargeFromVoltage(30, low, high)).toBe(100);
  });

  it('estimates runtime from runtimecal', () => {
    const estimate = new RuntimeEstimate({
      runtimeHigh: 240,
      loadHigh: 100,
      runtimeLow: 720,
      loadLow: 50,
    });
    expect(estimate.nominal).toBeCloseTo(240);
    const first = estimate.step(0, 50, true);
    expect(first.charge).toBe(100);
    expect(first.runtime).toBeCloseTo(720);
    const later = estimate.step(60, 50, true);
    expect(later.charge).toBeLessThan(100);
  });
});
