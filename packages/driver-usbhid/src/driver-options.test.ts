import { describe, expect, it } from 'vitest';
import type { Logger } from '@nut-ts/core';
import { parseReportDescriptor } from './hid/descriptor-parser.js';
import { UsbHidDriver } from './usbhid-driver.js';
import { FakePowerDevice, fakeBinding } from './mock/fake-power-device.js';
import { APC_BACK_UPS, CYBERPOWER_CP1500, EATON_5E } from './mock/models/index.js';
import type { FakeModel } from './mock/fake-model.js';
import { testContext } from './test/driver-context.js';

/** A driver on a fake `model` with ups.conf `options` and bare `flags`, started and polled once. */
async function running(
  model: FakeModel,
  options: Record<string, string> = {},
  flags: string[] = [],
  logger?: Logger,
) {
  const device = new FakePowerDevice(model);
  const ctx = { ...testContext(options), flags, ...(logger && { logger }) };
  const driver = new UsbHidDriver(async () => fakeBinding(device));
  await driver.init(ctx);
  await driver.update(ctx);
  return { device, ctx, driver, get: (name: string) => ctx.store.getInfo(name) };
}

/** A logger that keeps each message. */
function recordingLogger(lines: string[]): Logger {
  const log = (...args: unknown[]) => {
    lines.push(String(typeof args[0] === 'string' ? args[0] : args[1]));
  };
  const logger: Logger = {
    fatal: log,
    error: log,
    warn: log,
    info: log,
    debug: log,
    trace: log,
    child: () => logger,
  };
  return logger;
}

describe('usbhid-ups options against the fake UPSes', () => {
  it('interruptonly: Feature reports read once at start-up, then only the interrupt pipe', async () => {
    const { device, ctx, driver, get } = await running(APC_BACK_UPS, {}, ['interruptonly']);
    const reads = device.featureReads.length;
    expect(reads).toBeGreaterThan(0);
    device.set({ mains: false, charge: 50 });
    await driver.update(ctx);
    expect(device.featureReads).toHaveLength(reads);
    expect([get('ups.status'), get('battery.charge')]).toEqual(['OB DISCHRG', '50']);
    expect(get('input.voltage')).toBe('230.0'); // a Feature value: not read again
  });

  it('interruptonly: a pulled cable still fails the next poll (the pipe fails), and data returns', async () => {
    const { device, ctx, driver, get } = await running(EATON_5E, {}, ['interruptonly']);
    device.set({ unplugged: true });
    await expect(driver.update(ctx)).rejects.toThrow(/NO_DEVICE/);
    device.set({ unplugged: false, mains: false });
    await driver.update(ctx);
    expect(get('ups.status')).toBe('OB DISCHRG');
  });

  it('without interruptonly every poll reads Feature reports again: the status ones, and all every pollfreq', async () => {
    const { device, ctx, driver, get } = await running(APC_BACK_UPS);
    const reads = device.featureReads.length;
    device.set({ mains: false });
    await driver.update(ctx);
    expect(device.featureReads.length).toBeGreaterThan(reads);
    expect(get('input.voltage')).toBe('230.0'); // not a status value: waits for the full update
    ctx.clock.advance(30_000);
    await driver.update(ctx);
    expect(get('input.voltage')).toBe('0.0');
  });

  it('interruptsize: fields past that many bytes of an interrupt report wait for the poll', async () => {
    const whole = await running(APC_BACK_UPS);
    const cut = await running(APC_BACK_UPS, { interruptsize: '2' });
    for (const { device } of [whole, cut]) device.set({ charge: 50 });
    // report 0x0c: ID, RemainingCapacity (1 byte), RunTimeToEmpty (2 bytes)
    expect([whole.get('battery.charge'), whole.get('battery.runtime')]).toEqual(['50', '750']);
    expect([cut.get('battery.charge'), cut.get('battery.runtime')]).toEqual(['50', '1500']);
    await cut.driver.update(cut.ctx);
    expect(cut.get('battery.runtime')).toBe('750');
  });

  it('onlinedischarge: OL + DISCHRG (a calibration, or a UPS that says so on battery) is OB', async () => {
    const keep = await running(EATON_5E);
    const onBattery = await running(EATON_5E, {}, ['onlinedischarge']);
    const calibration = await running(EATON_5E, {}, ['onlinedischarge_calibration']);
    for (const { device } of [keep, onBattery, calibration]) device.set({ calibrating: true });
    expect(keep.get('ups.status')).toBe('OL DISCHRG');
    expect(onBattery.get('ups.status')).toBe('OB DISCHRG');
    expect(calibration.get('ups.status')).toBe('OL DISCHRG CAL');
    onBattery.device.set({ calibrating: false });
    expect(onBattery.get('ups.status')).toBe('OL');
  });

  it('offdelay and ondelay: ups.delay.shutdown/start and the delays of the shutdown commands', async () => {
    const defaults = await running(CYBERPOWER_CP1500);
    expect([defaults.get('ups.delay.shutdown'), defaults.get('ups.delay.start')]).toEqual([
      '60',
      '120',
    ]);
    const { device, ctx, driver, get } = await running(CYBERPOWER_CP1500, {
      offdelay: '30',
      ondelay: '90',
    });
    expect([get('ups.delay.shutdown'), get('ups.delay.start')]).toEqual(['30', '90']);
    expect(await driver.instcmd('load.off.delay', undefined, ctx)).toBe(0);
    expect(await driver.instcmd('shutdown.return', undefined, ctx)).toBe(0);
    expect(device.written).toEqual([
      { path: 'UPS.Output.DelayBeforeShutdown', value: 30 },
      { path: 'UPS.Output.DelayBeforeStartup', value: 90 },
      { path: 'UPS.Output.DelayBeforeShutdown', value: 30 },
    ]);
  });

  it('refuses a bad or unknown option when the driver starts, naming it', async () => {
    await expect(running(EATON_5E, { offdelay: 'later' })).rejects.toThrow(
      'offdelay = later: needs a whole number',
    );
    await expect(running(EATON_5E, { lowbat: '20' })).rejects.toThrow(
      "'lowbat' is not a valid variable name for usbhid-ups",
    );
  });

  it('lowbatt: battery.charge.low written to the UPS, whose low-battery signal then follows it', async () => {
    const { device, get } = await running(APC_BACK_UPS, { lowbatt: '35' });
    expect(device.written).toEqual([
      { path: 'UPS.PowerSummary.RemainingCapacityLimit', value: 35 },
    ]);
    expect([device.ups.chargeLow, get('battery.charge.low')]).toEqual([35, '35']);
    device.set({ mains: false, charge: 30 });
    expect(get('ups.status')).toBe('OB DISCHRG LB');
  });

  it('maxreport: every Feature read asks for the largest report of the descriptor', async () => {
    const own = await running(EATON_5E);
    const max = await running(EATON_5E, {}, ['maxreport']);
    const lengths = (device: FakePowerDevice) => new Set(device.featureReads.map((r) => r.length));
    expect(lengths(own.device).size).toBeGreaterThan(1);
    expect([...lengths(max.device)]).toEqual([Math.max(...lengths(own.device))]);
    expect(max.get('input.voltage')).toBe('230.0');
  });

  it('explore: logs every path of the descriptor, Feature values included', async () => {
    const lines: string[] = [];
    await running(APC_BACK_UPS, { vendorid: '051d' }, ['explore'], recordingLogger(lines));
    const paths = lines.filter((line) => line.startsWith('Path: '));
    expect(paths).toContain(
      'Path: UPS.Input.APCLineFailCause, Type: Feature, ReportID: 0x33, Offset: 0, Size: 8, Value: 0',
    );
    expect(paths).toContain(
      'Path: UPS.PowerSummary.RemainingCapacity, Type: Input, ReportID: 0x0c, Offset: 0, Size: 8',
    );
    const fields = parseReportDescriptor(APC_BACK_UPS.descriptor).filter((f) => !f.constant);
    expect(paths).toHaveLength(fields.length);
  });
});
