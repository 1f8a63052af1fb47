import { describe, expect, it } from 'vitest';
import { UsbHidDriver } from './usbhid-driver.js';
import { FakePowerDevice, fakeBinding } from './mock/fake-power-device.js';
import { EATON_5E } from './mock/models/index.js';
import { matchDevice } from './matching.js';
import { testContext } from './test/driver-context.js';

function setup(options: Record<string, string> = {}) {
  const device = new FakePowerDevice(EATON_5E);
  const ctx = testContext(options);
  const driver = new UsbHidDriver(async () => fakeBinding(device));
  return { device, store: ctx.store, ctx, driver };
}

describe('usbhid-ups with a fake Power Device', () => {
  it('publishes identity from string descriptors, readings, ratings and status', async () => {
    const { store, ctx, driver } = setup();
    await driver.init(ctx);
    await driver.update(ctx);
    const names = [
      'ups.mfr',
      'ups.model',
      'ups.serial',
      'battery.type',
      'battery.charge',
      'battery.charge.low',
      'battery.runtime',
      'battery.mfr.date',
      'input.voltage',
      'input.frequency',
      'output.voltage',
      'ups.load',
      'ups.beeper.status',
      'ups.test.result',
      'ups.status',
    ];
    expect(Object.fromEntries(names.map((n) => [n, store.getInfo(n)]))).toEqual({
      'ups.mfr': 'EATON',
      'ups.model': '5E 850i',
      'ups.serial': 'G355E11111',
      'battery.type': 'PbAc',
      'battery.charge': '100',
      'battery.charge.low': '10',
      'battery.runtime': '1800',
      'battery.mfr.date': '2023/11/07',
      'input.voltage': '230.0',
      'input.frequency': '50.0',
      'output.voltage': '230.0',
      'ups.load': '20',
      'ups.beeper.status': 'enabled',
      'ups.test.result': 'No test initiated',
      'ups.status': 'OL',
    });
    expect(store.hasCmd('shutdown.return')).toBe(true);
    expect(store.hasCmd('shutdown.reboot')).toBe(true);
    expect(store.hasCmd('beeper.mute')).toBe(true);
  });

  it('publishes a power cut pushed on the interrupt pipe at once, before the next poll', async () => {
    const { device, store, ctx, driver } = setup();
    await driver.init(ctx);
    await driver.update(ctx);
    device.set({ mains: false, charge: 60 });
    expect(store.getInfo('ups.status')).toBe('OB DISCHRG');
    expect(store.getInfo('battery.charge')).toBe('60');
    device.set({ charge: 8 });
    expect(store.getInfo('ups.status')).toBe('OB DISCHRG LB');
    await driver.update(ctx);
    expect(store.getInfo('ups.status')).toBe('OB DISCHRG LB');
    device.set({ mains: true });
    expect(store.getInfo('ups.status')).toBe('OL CHRG LB');
  });

  it('pollonly: ignores the interrupt pipe, so a change shows only at the next poll', async () => {
    const { device, store, ctx, driver } = setup();
    const pollOnly = { ...ctx, flags: ['pollonly'] };
    await driver.init(pollOnly);
    await driver.update(pollOnly);
    device.set({ mains: false });
    expect(store.getInfo('ups.status')).toBe('OL');
    await driver.update(pollOnly);
    expect(store.getInfo('ups.status')).toBe('OB DISCHRG');
  });

  it('reads values again at each full update (pollfreq) but static ones (ratings, dates) only once', async () => {
    const { device, store, ctx, driver } = setup();
    await driver.init(ctx);
    await driver.update(ctx);
    device.set({ load: 45, inputVoltage: 215 });
    store.setInfo('battery.voltage.nominal', 'changed');
    ctx.clock.advance(30_000);
    await driver.update(ctx);
    expect(store.getInfo('ups.load')).toBe('45');
    expect(store.getInfo('input.voltage')).toBe('215.0');
    expect(store.getInfo('battery.voltage.nominal')).toBe('changed');
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
    expect(device.ups.shutdownDelay).toBe(-1);
    expect(await driver.instcmd('beeper.mute', undefined, ctx)).toBe(0);
    expect(device.ups.beeper).toBe(3);
    expect(await driver.instcmd('test.battery.start.quick', undefined, ctx)).toBe(0);
    expect(device.ups.testResult).toBe(5);
    expect(await driver.instcmd('no.such', undefined, ctx)).toBe(1);
    expect(await driver.setvar('battery.charge.low', '30', ctx)).toBe(0);
    expect(device.ups.chargeLow).toBe(30);
    expect(await driver.setvar('ups.delay.shutdown', '90', ctx)).toBe(0);
    await driver.killpower(ctx);
    expect(device.ups.shutdownDelay).toBe(90);
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
    const info = new FakePowerDevice(EATON_5E).info;
    expect(matchDevice([info], {})).toBe(info);
    expect(matchDevice([info], { vendorid: '0463', productid: 'ffff', serial: 'G355.*' })).toBe(
      info,
    );
    expect(matchDevice([info], { vendorid: '051d' })).toBeUndefined();
    const { ctx, driver } = setup({ vendorid: '051d' });
    await expect(driver.init(ctx)).rejects.toThrow(/devices seen: 0463:ffff/);
  });
});
