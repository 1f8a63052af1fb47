import { describe, expect, it } from 'vitest';
import { FakePowerDevice, fakeBinding } from './mock/fake-power-device.js';
import { EATON_5E } from './mock/models/index.js';
import { testContext } from './test/driver-context.js';
import { recordingLogger, type LogRecord } from './test/recording-logger.js';
import { UsbHidDriver } from './usbhid-driver.js';

/** A driver on the fake Eaton with `flags`, started and polled once, its log recorded. */
async function running(flags: string[] = []) {
  const records: LogRecord[] = [];
  const device = new FakePowerDevice(EATON_5E);
  const ctx = { ...testContext(), flags, logger: recordingLogger(records) };
  const driver = new UsbHidDriver(async () => fakeBinding(device));
  await driver.init(ctx);
  await driver.update(ctx);
  const warnings = () =>
    records.filter((r) => r.level === 'warn' && r.msg.includes('OL and DISCHRG'));
  /** Polls `n` times, one pollinterval apart. */
  const polls = async (n: number) => {
    for (let i = 0; i < n; i++) {
      ctx.clock.advance(2000);
      await driver.update(ctx);
    }
  };
  return { device, ctx, polls, warnings };
}

describe('usbhid-ups warning about OL + DISCHRG', () => {
  it('warns once each time the UPS starts reporting OL and DISCHRG, naming onlinedischarge', async () => {
    const { device, ctx, polls, warnings } = await running();
    expect(warnings()).toEqual([]);
    device.set({ calibrating: true });
    expect(ctx.store.getInfo('ups.status')).toBe('OL DISCHRG');
    await polls(20); // a full update among them: still one warning
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.msg).toContain("'onlinedischarge'");
    expect(warnings()[0]!.obj).toEqual({ 'battery.charge': '100' });
    device.set({ calibrating: false });
    await polls(2);
    expect(warnings()).toHaveLength(1);
    device.set({ calibrating: true });
    await polls(2);
    expect(warnings()).toHaveLength(2);
  });

  it('also when only a poll sees it (pollonly)', async () => {
    const { device, polls, warnings } = await running(['pollonly']);
    device.set({ calibrating: true });
    expect(warnings()).toEqual([]);
    await polls(3);
    expect(warnings()).toHaveLength(1);
  });

  it.each(['onlinedischarge', 'onlinedischarge_onbattery', 'onlinedischarge_calibration'])(
    'stays quiet with %s: the section already says what OL + DISCHRG means',
    async (flag) => {
      const { device, polls, warnings } = await running([flag]);
      device.set({ calibrating: true });
      await polls(2);
      expect(warnings()).toEqual([]);
    },
  );
});
