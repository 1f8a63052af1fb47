import { describe, expect, it } from 'vitest';
import { ManualClock, noopLogger } from '@nut-ts/core';
import { StateStore, StatusBuilder, type DriverContext } from '@nut-ts/driver-kit';
import { UsbHidDriver } from './usbhid-driver.js';
import { FakePowerDevice, fakeBinding } from './mock/fake-power-device.js';
import { matchDevice } from './matching.js';

function setup(options: Record<string, string> = {}) {
  const device = new FakePowerDevice();
  const store = new StateStore();
  const ctx: DriverContext = {
    upsName: 'hid',
    store,
    status: new StatusBuilder(store),
    options: { port: 'auto', ...options },
    flags: [],
    confDir: '/nonexistent',
    logger: noopLogger,
    clock: new ManualClock(0),
  };
  const driver = new UsbHidDriver(async () => fakeBinding(device));
  return { device, store, ctx, driver };
}

describe('usbhid-ups with a fake Power Device', () => {
  it('publishes the generic mapping: identity, charge, runtime, voltages, load, beeper, status', async () => {
    const { store, ctx, driver } = setup();
    await driver.init(ctx);
    await driver.update(ctx);
    expect(
      Object.fromEntries(
        [
          'ups.mfr',
          'ups.model',
          'ups.serial',
          'battery.charge',
          'battery.charge.low',
          'battery.runtime',
          'input.voltage',
          'input.frequency',
          'output.voltage',
          'ups.load',
          'ups.beeper.status',
          'ups.test.result',
          'ups.status',
        ].map((n) => [n, store.getInfo(n)]),
      ),
    ).toEqual({
      'ups.mfr': 'nut-ts',
      'ups.model': 'Fake HID UPS',
      'ups.serial': 'FAKE0001',
      'battery.charge': '100',
      'battery.charge.low': '20',
      'battery.runtime': '1800',
      'input.voltage': '230.1',
      'input.frequency': '50.0',
      'output.voltage': '230.0',
      'ups.load': '20',
      'ups.beeper.status': 'enabled',
      'ups.test.result': 'No test initiated',
      'ups.status': 'OL',
    });
    expect(store.hasCmd('shutdown.return')).toBe(true);
    expect(store.hasCmd('beeper.mute')).toBe(true);
  });

  it('follows a power cut from the interrupt reports to low battery', async () => {
    const { device, store, ctx, driver } = setup();
    await driver.init(ctx);
    device.set({ mains: false, charge: 60 });
    await driver.update(ctx);
    expect(store.getInfo('ups.status')).toBe('OB DISCHRG');
    device.set({ charge: 12, runtime: 90 });
    await driver.update(ctx);
    expect(store.getInfo('ups.status')).toBe('OB DISCHRG LB');
    expect(store.getInfo('battery.runtime')).toBe('90');
  });

  it('writes instant commands and SET to Feature reports', async () => {
    const { device, ctx, driver } = setup({ offdelay: '60', ondelay: '120' });
    await driver.init(ctx);
    expect(await driver.instcmd('shutdown.return', undefined, ctx)).toBe(0);
    expect(device.written).toEqual([
      { path: 'UPS.PowerSummary.DelayBeforeStartup', value: 120 },
      { path: 'UPS.PowerSummary.DelayBeforeShutdown', value: 60 },
    ]);
    expect(await driver.instcmd('shutdown.stop', undefined, ctx)).toBe(0);
    expect(device.shutdownDelay).toBe(-1);
    expect(await driver.instcmd('beeper.mute', undefined, ctx)).toBe(0);
    expect(device.beeper).toBe(3);
    expect(await driver.instcmd('no.such', undefined, ctx)).toBe(1);
    expect(await driver.setvar('battery.charge.low', '30', ctx)).toBe(0);
    expect(device.chargeLimit).toBe(30);
    expect(await driver.setvar('ups.delay.shutdown', '90', ctx)).toBe(0);
    await driver.killpower(ctx);
    expect(device.shutdownDelay).toBe(90);
  });

  it('reports a pulled cable as a failure and recovers when the device returns', async () => {
    const { device, store, ctx, driver } = setup();
    await driver.init(ctx);
    device.set({ unplugged: true });
    await expect(driver.update(ctx)).rejects.toThrow(/NO_DEVICE/);
    await expect(driver.update(ctx)).rejects.toThrow(/no HID UPS matches/);
    device.set({ unplugged: false, mains: false });
    await driver.update(ctx);
    expect(store.getInfo('ups.status')).toBe('OB DISCHRG');
  });

  it('matches devices like NUT, and says what it saw when nothing matches', async () => {
    const info = new FakePowerDevice().info;
    expect(matchDevice([info], {})).toBe(info);
    expect(matchDevice([info], { vendorid: '0463', productid: 'ffff', serial: 'FAKE.*' })).toBe(
      info,
    );
    expect(matchDevice([info], { vendorid: '051d' })).toBeUndefined();
    const { ctx, driver } = setup({ vendorid: '051d' });
    await expect(driver.init(ctx)).rejects.toThrow(/devices seen: 0463:ffff/);
  });
});
