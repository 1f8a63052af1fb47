import { describe, expect, it } from 'vitest';
import { parseReportDescriptor } from '../hid/descriptor-parser.js';
import { UsbHidDriver } from '../usbhid-driver.js';
import { testContext } from '../test/driver-context.js';
import { FakePowerDevice, fakeBinding } from './fake-power-device.js';
import {
  APC_BACK_UPS,
  CYBERPOWER_CP1500,
  EATON_5E,
  FAKE_MODELS,
  fakeModel,
} from './models/index.js';

async function running(model = EATON_5E, options: Record<string, string> = {}) {
  const device = new FakePowerDevice(model);
  const ctx = testContext(options);
  const driver = new UsbHidDriver(async () => fakeBinding(device));
  await driver.init(ctx);
  await driver.update(ctx);
  return { device, ctx, driver, get: (name: string) => ctx.store.getInfo(name) };
}

describe('fake vendor models', () => {
  it('each has its own descriptor, vendor ID and report layout, all parseable', () => {
    const ids = FAKE_MODELS.map((m) => m.info.vendorId);
    expect(new Set(ids).size).toBe(FAKE_MODELS.length);
    for (const model of FAKE_MODELS) {
      expect(parseReportDescriptor(model.descriptor).length).toBeGreaterThan(20);
      expect(new FakePowerDevice(model).fieldPaths()).toContain(
        'UPS.PowerSummary.PresentStatus.ACPresent',
      );
    }
    expect(fakeModel('APC')).toBe(APC_BACK_UPS);
    expect(fakeModel('mge')).toBe(EATON_5E);
    expect(fakeModel('nope')).toBeUndefined();
  });

  it('APC Back-UPS: vendor-page paths, dates, strings, charge pushed on the interrupt pipe', async () => {
    const { device, ctx, driver, get } = await running(APC_BACK_UPS);
    expect(new FakePowerDevice(APC_BACK_UPS).fieldPaths()).toContain('UPS.Input.APCLineFailCause');
    expect([get('ups.mfr.date'), get('battery.mfr.date'), get('battery.date')]).toEqual([
      '2021/03/18',
      '2024/06/02',
      '2024/06/02',
    ]);
    expect([get('battery.type'), get('input.transfer.low'), get('input.transfer.high')]).toEqual([
      'PbAc',
      '184',
      '265',
    ]);
    device.set({ mains: false, charge: 42 });
    expect(get('battery.charge')).toBe('42');
    expect(get('input.transfer.reason')).toBeUndefined(); // a Feature value: read on the next poll
    await driver.update(ctx);
    // APCLineFailCause 8 (notch or blackout), in NUT's words
    expect(get('input.transfer.reason')).toBe('input voltage out of range');
    expect(await driver.instcmd('shutdown.return', undefined, ctx)).toBe(0);
    expect(device.written).toEqual([{ path: 'UPS.Output.APCDelayBeforeReboot', value: 1 }]);
    expect(await driver.instcmd('test.battery.start.deep', undefined, ctx)).toBe(0);
    expect(device.written.at(-1)).toEqual({ path: 'UPS.Battery.Test', value: 2 });
  });

  it('CyberPower: fix-ups for clamped voltages, 0.1 Hz frequency and 1.5× battery voltage', async () => {
    const { get, device, ctx, driver } = await running(CYBERPOWER_CP1500);
    expect([get('input.voltage'), get('output.voltage'), get('input.frequency')]).toEqual([
      '120.0',
      '120.0',
      '60.0',
    ]);
    expect([get('battery.voltage.nominal'), get('battery.voltage')]).toEqual(['24.0', '26.4']);
    expect([get('ups.delay.shutdown'), get('ups.delay.start')]).toEqual(['60', '120']);
    expect(await driver.instcmd('load.off.delay', undefined, ctx)).toBe(0);
    expect(await driver.instcmd('test.battery.start.quick', undefined, ctx)).toBe(0);
    expect(device.written).toEqual([
      { path: 'UPS.Output.DelayBeforeShutdown', value: 60 },
      { path: 'UPS.Output.Test', value: 1 },
    ]);
  });

  it('CyberPower without its subdriver shows the firmware bugs the fix-ups hide', async () => {
    const { get } = await running(CYBERPOWER_CP1500, { subdriver: 'generic' });
    expect([get('input.voltage'), get('output.voltage'), get('input.frequency')]).toEqual([
      '130.0',
      '130.0',
      '600.0',
    ]);
    expect(get('battery.voltage')).toBe('39.6');
  });

  it('CyberPower with the disable_fix_report_desc flag keeps the descriptor as declared', async () => {
    const device = new FakePowerDevice(CYBERPOWER_CP1500);
    const ctx = { ...testContext(), flags: ['disable_fix_report_desc'] };
    const driver = new UsbHidDriver(async () => fakeBinding(device));
    await driver.init(ctx);
    await driver.update(ctx);
    expect(ctx.store.getInfo('output.voltage')).toBe('130.0');
    expect(ctx.store.getInfo('input.frequency')).toBe('60.0'); // value fix-ups still apply
  });

  it('Eaton: PowerConverter readings, Boost and Buck from the input status', async () => {
    const { get, device, ctx, driver } = await running(EATON_5E);
    expect([get('ups.realpower'), get('ups.power.nominal'), get('output.frequency')]).toEqual([
      '96',
      '850',
      '50.0',
    ]);
    device.set({ inputVoltage: 200 });
    expect(get('ups.status')).toBe('OL BOOST');
    device.set({ inputVoltage: 260 });
    expect(get('ups.status')).toBe('OL TRIM');
    expect(await driver.instcmd('shutdown.reboot', undefined, ctx)).toBe(0);
    expect(device.ups.rebootDelay).toBe(10);
  });

  it('Eaton: the switchable outlet group [2] is outlet.1, switched by its own commands', async () => {
    const { get, device, ctx, driver } = await running(EATON_5E);
    expect(device.fieldPaths()).toContain('UPS.OutletSystem.Outlet.[2].DelayBeforeShutdown');
    expect([get('outlet.1.status'), get('outlet.1.switchable')]).toEqual(['on', 'yes']);
    expect(await driver.instcmd('outlet.1.load.off', undefined, ctx)).toBe(0);
    expect(device.written.at(-1)).toEqual({
      path: 'UPS.OutletSystem.Outlet.[2].DelayBeforeShutdown',
      value: 0,
    });
    expect(get('outlet.1.status')).toBe('off'); // pushed on the interrupt pipe
    expect(device.ups.outputOn).toBe(true);
    expect(await driver.instcmd('outlet.1.load.on', undefined, ctx)).toBe(0);
    expect(get('outlet.1.status')).toBe('on');
  });

  it('APC: the status flag shows an output that is off (OFF), the line-fail cause the reason', async () => {
    const { device, ctx, driver, get } = await running(APC_BACK_UPS);
    expect(get('input.transfer.reason')).toBeUndefined(); // cause 0: no transfer
    device.set({ mains: false });
    await driver.update(ctx);
    expect(get('input.transfer.reason')).toBe('input voltage out of range');
    expect(await driver.instcmd('load.off', undefined, ctx)).toBe(0);
    device.tick(1);
    await driver.update(ctx);
    expect(get('ups.status')).toBe('OB OFF');
    device.set({ mains: true });
    device.tick(1);
    await driver.update(ctx);
    expect(get('input.transfer.reason')).toBeUndefined();
  });

  it('Eaton: a second switchable group Outlet.[3] is outlet.2, switched apart from outlet.1', async () => {
    const { get, device, ctx, driver } = await running(EATON_5E);
    expect([get('outlet.2.status'), get('outlet.2.switchable')]).toEqual(['on', 'yes']);
    expect(ctx.store.hasCmd('outlet.2.load.off')).toBe(true);
    expect(await driver.instcmd('outlet.2.load.off', undefined, ctx)).toBe(0);
    expect(device.written.at(-1)).toEqual({
      path: 'UPS.OutletSystem.Outlet.[3].DelayBeforeShutdown',
      value: 0,
    });
    expect([get('outlet.1.status'), get('outlet.2.status')]).toEqual(['on', 'off']);
    expect(await driver.instcmd('outlet.2.load.on', undefined, ctx)).toBe(0);
    expect(get('outlet.2.status')).toBe('on');
  });

  it.each([APC_BACK_UPS, CYBERPOWER_CP1500, EATON_5E])(
    '$name: ups.test.result in words from the Test usage, through a passed and a failed test',
    async (model) => {
      const { device, ctx, driver, get } = await running(model);
      expect(get('ups.test.result')).toBe('No test initiated');
      expect(await driver.instcmd('test.battery.start.quick', undefined, ctx)).toBe(0);
      await driver.update(ctx);
      expect(get('ups.test.result')).toBe('In progress');
      device.tick(10);
      ctx.clock.advance(30_000); // not a status value: read at the next full update
      await driver.update(ctx);
      expect(get('ups.test.result')).toBe('Done and passed');
      device.set({ replaceBattery: true });
      await driver.instcmd('test.battery.start.quick', undefined, ctx);
      device.tick(10);
      await driver.update(ctx);
      expect(get('ups.test.result')).toBe('Done and error');
    },
  );

  it('raises ALARM with NUT texts in ups.alarm for alarm bits, and clears it when they go', async () => {
    const { device, get } = await running(EATON_5E);
    device.set({ overheat: true });
    expect([get('ups.status'), get('ups.alarm')]).toEqual(['ALARM OL', 'Temperature too high!']);
    device.set({ replaceBattery: true });
    expect([get('ups.status'), get('ups.alarm')]).toEqual([
      'ALARM OL RB',
      'Replace battery! Temperature too high!',
    ]);
    device.set({ overheat: false, replaceBattery: false });
    expect([get('ups.status'), get('ups.alarm')]).toEqual(['OL', undefined]);
  });

  it('shows the whole life of a power cut: drain, low battery, delayed cut, return', async () => {
    const { device, ctx, driver, get } = await running(EATON_5E, { offdelay: '5' });
    device.set({ mains: false, load: 50 });
    expect(get('ups.status')).toBe('OB DISCHRG');
    for (let s = 0; s < 700 && get('ups.status') === 'OB DISCHRG'; s += 10) device.tick(10);
    expect(get('ups.status')).toBe('OB DISCHRG LB');
    expect(await driver.instcmd('shutdown.return', undefined, ctx)).toBe(0);
    device.tick(6);
    expect(device.ups.outputOn).toBe(false);
    device.set({ mains: true });
    device.tick(30);
    expect(device.ups.outputOn).toBe(true);
    await driver.update(ctx);
    expect(get('ups.status')).toMatch(/^OL CHRG/);
  });
});
