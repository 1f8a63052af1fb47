import { describe, expect, it } from 'vitest';
import { hidDateText } from '../mapping/generic.js';
import { hidDate } from './fake-model.js';
import { UpsBehaviour } from './ups-behaviour.js';

const ratings = {
  voltage: 230,
  frequency: 50,
  batteryVoltage: 12,
  fullRuntime: 1000,
  rechargeRate: 1,
};

describe('the fake UPS behaviour model', () => {
  it('drains faster under more load and recharges on mains', () => {
    const light = new UpsBehaviour(ratings);
    const heavy = new UpsBehaviour(ratings);
    heavy.load = 80;
    for (const ups of [light, heavy]) {
      ups.apply({ mains: false });
      ups.tick(100);
    }
    expect(heavy.charge).toBeLessThan(light.charge);
    expect(light.runtime).toBeGreaterThan(heavy.runtime);
    light.apply({ mains: true });
    const before = light.charge;
    light.tick(3);
    expect(light.charge).toBeCloseTo(before + 3);
    expect(light.charging).toBe(true);
  });

  it('goes low on charge or on runtime, and cuts the output when empty', () => {
    const ups = new UpsBehaviour(ratings);
    ups.apply({ mains: false, charge: 11 });
    expect(ups.lowBattery).toBe(true); // 110 s left < runtimeLow 120 s
    ups.runtimeLow = 0;
    expect(ups.lowBattery).toBe(false);
    ups.tick(10_000);
    expect([ups.charge, ups.outputOn]).toEqual([0, false]);
  });

  it('counts delays down: shutdown cuts, startup restores only with mains, reboot does both', () => {
    const ups = new UpsBehaviour(ratings);
    ups.shutdownDelay = 3;
    ups.startupDelay = 2;
    ups.tick(2);
    expect([ups.outputOn, ups.shutdownImminent]).toEqual([true, true]);
    ups.apply({ mains: false });
    ups.tick(1);
    expect(ups.outputOn).toBe(false);
    ups.tick(5);
    expect(ups.outputOn).toBe(false);
    ups.apply({ mains: true });
    ups.tick(2);
    expect(ups.outputOn).toBe(true);
    ups.rebootDelay = 1;
    ups.tick(1);
    expect(ups.outputOn).toBe(false);
    ups.tick(10);
    expect(ups.outputOn).toBe(true);
  });

  it('runs a self-test to a result, or reports it aborted', () => {
    const ups = new UpsBehaviour(ratings);
    ups.test(1);
    expect(ups.testResult).toBe(5);
    ups.tick(8);
    expect(ups.testResult).toBe(1);
    ups.test(2);
    ups.test(3);
    expect(ups.testResult).toBe(4);
    ups.apply({ replaceBattery: true });
    ups.test(1);
    ups.tick(8);
    expect(ups.testResult).toBe(3);
  });

  it('writes and reads HID dates (year − 1980, month, day), refusing impossible ones', () => {
    expect(hidDateText(hidDate(2024, 6, 2))).toBe('2024/06/02');
    expect(hidDateText(hidDate(1980, 1, 1))).toBe('1980/01/01');
    expect(hidDateText(0)).toBeUndefined();
    expect(hidDateText(hidDate(2020, 13, 1))).toBeUndefined();
  });
});
