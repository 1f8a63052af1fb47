import { describe, expect, it } from 'vitest';
import { controlFake } from './fake-control.js';
import { FakePowerDevice } from './fake-power-device.js';
import { APC_BACK_UPS } from './models/index.js';

describe('fake UPS control lines', () => {
  it('change the state and answer it as JSON', () => {
    const device = new FakePowerDevice(APC_BACK_UPS);
    const state = (line: string) =>
      JSON.parse(controlFake(device, line)) as Record<string, unknown>;
    expect(state('status')).toMatchObject({ model: 'apc', mains: true, charge: 100 });
    expect(state('  MAINS   off ')).toMatchObject({ mains: false, inputVoltage: 0 });
    expect(state('load 80')).toMatchObject({ load: 80 });
    expect(state('tick 60')).toMatchObject({ charge: expect.any(Number) as number });
    expect(device.ups.charge).toBeLessThan(100);
    expect(state('unplug on')).toMatchObject({ unplugged: true });
    expect(state('replace on').lowBattery).toBeDefined();
    expect(device.ups.replaceBattery).toBe(true);
    expect(state('input 190')).toMatchObject({ inputVoltage: 0 }); // still on battery
    expect(state('mains on')).toMatchObject({ inputVoltage: 190 });
    expect(state('calibrate on')).toMatchObject({ calibrating: true, mains: true });
    expect(device.ups.discharging).toBe(true);
    expect(state('overheat on')).toMatchObject({ overheat: true });
  });

  it('say what is wrong with a bad line, and change nothing', () => {
    const device = new FakePowerDevice(APC_BACK_UPS);
    for (const line of ['mains', 'mains maybe', 'charge -1', 'tick x', 'charge 5 6', 'fly']) {
      expect(controlFake(device, line)).toMatch(/^error: .*\(mains on\|off, charge/);
    }
    expect(device.ups.snapshot()).toMatchObject({ mains: true, charge: 100, load: 20 });
  });
});
