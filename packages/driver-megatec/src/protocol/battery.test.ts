import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chargeFromVoltage,
  defaultVoltageLimits,
  detectPacks,
  RuntimeEstimate,
} from './battery.js';

describe('battery packs and charge', () => {
  it('detects how many reported units make the battery', () => {
    expect(detectPacks(2.27, 24)).toBe(12);
    expect(detectPacks(27.5, 24)).toBe(1);
    expect(detectPacks(13.5, 24)).toBe(2);
    expect(detectPacks(13.5, 240)).toBe(18);
    expect(detectPacks(50, 24)).toBe(0.5);
    expect(detectPacks(100, 24)).toBeUndefined();
    expect(detectPacks(0, 24)).toBeUndefined();
    expect(detectPacks(2.2, Number.NaN)).toBeUndefined();
  });

  it('guesses limits as NUT does and gives the charge Debian showed', () => {
    const { low, high } = defaultVoltageLimits(24);
    expect([low, high]).toEqual([20.8, 26]);
    // real-nut-peer.md §5: 27.3 V gave 100, 22.1 V gave 25.
    expect(chargeFromVoltage(27.3, low, high).toFixed(0)).toBe('100');
    expect(chargeFromVoltage(22.1, low, high).toFixed(0)).toBe('25');
    expect(chargeFromVoltage(10, low, high)).toBe(0);
    expect(chargeFromVoltage(22, 30, 20)).toBe(0);
  });

  it('keeps any detected pack count within 0.8…1.25 of nominal', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 500, noNaN: true }),
        fc.constantFrom(12, 24, 36, 48, 96, 240),
        (reported, nominal) => {
          const packs = detectPacks(reported, nominal);
          if (packs !== undefined) {
            expect(packs * reported).toBeLessThanOrEqual(1.25 * nominal + 1e-9);
            expect(packs * reported).toBeGreaterThanOrEqual(0.8 * nominal - 1e-9);
          }
        },
      ),
    );
  });
});

describe('runtimecal estimate', () => {
  const calibration = { runtimeHigh: 240, loadHigh: 100, runtimeLow: 720, loadLow: 50 };

  it('derives the exponent and nominal runtime, and starts from the given charge', () => {
    const estimate = new RuntimeEstimate(calibration, 50);
    expect(estimate.exponent).toBeCloseTo(Math.log(3) / Math.log(2));
    expect(estimate.nominal).toBeCloseTo(240);
    const now = estimate.step(0, 100, true);
    expect(now.charge).toBeCloseTo(50);
    expect(now.runtime).toBeCloseTo(120);
  });

  it('drains on battery by the effective load, floored at idleload, and recharges over chargetime', () => {
    const estimate = new RuntimeEstimate(calibration, 100, 1000, 10);
    expect(estimate.step(60, 100, true).charge).toBeCloseTo(75);
    // At 1 % load the effective load is floored at 10 %: 6 s of full-load runtime per minute.
    expect(estimate.step(60, 1, true).charge).toBeCloseTo(72.5);
    // On line: nominal × elapsed / chargetime.
    expect(estimate.step(100, 50, false).charge).toBeCloseTo(82.5);
    expect(estimate.step(10_000, 50, false).charge).toBe(100);
    expect(estimate.step(10_000, 100, true)).toEqual({ charge: 0, runtime: 0 });
  });

  it('never leaves 0…100 % whatever happens', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1e5, noNaN: true }),
            fc.double({ min: 0, max: 200, noNaN: true }),
            fc.boolean(),
          ),
          { maxLength: 30 },
        ),
        (steps) => {
          const estimate = new RuntimeEstimate(calibration, 80);
          for (const [seconds, load, onBattery] of steps) {
            const { charge, runtime } = estimate.step(seconds, load, onBattery);
            expect(charge).toBeGreaterThanOrEqual(0);
            expect(charge).toBeLessThanOrEqual(100);
            expect(runtime).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
