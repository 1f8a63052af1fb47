import { describe, expect, it } from 'vitest';
import { DriverRuntime } from '@nut-ts/driver-kit';
import { parseReportDescriptor } from './hid/descriptor-parser.js';
import { hidPath } from './hid/usages.js';
import { pickSubdriver } from './mapping/subdrivers.js';
import type { FakeModel } from './mock/fake-model.js';
import { FakePowerDevice, fakeBinding } from './mock/fake-power-device.js';
import { CYBERPOWER_CP1500, EATON_5E } from './mock/models/index.js';
import { testContext } from './test/driver-context.js';
import { UsbHidDriver } from './usbhid-driver.js';
import { USBHID_META } from './index.js';

/** The Feature reports of `model` that hold a status bit, the charge or the runtime. */
function statusReports(model: FakeModel): Set<number> {
  const sub = pickSubdriver(model.info.vendorId);
  const paths = new Set([
    ...sub.status.map((s) => s.path),
    ...sub.vars.filter((v) => v.quick).map((v) => v.path),
  ]);
  return new Set(
    parseReportDescriptor(model.descriptor)
      .filter((f) => f.type === 'feature' && paths.has(hidPath(f.path, model.usageNames ?? {})))
      .map((f) => f.reportId),
  );
}

/**
 * The driver on a fake `model`, run by the driver kit every pollinterval (2 s) on a manual
 * clock; `poll()` lets one pollinterval pass and tells which Feature reports that poll read.
 */
async function started(
  model: FakeModel = EATON_5E,
  options: Record<string, string> = {},
  flags: string[] = [],
) {
  const device = new FakePowerDevice(model);
  const ctx = { ...testContext(options), flags };
  const driver = new UsbHidDriver(async () => fakeBinding(device));
  const runtime = new DriverRuntime(driver, USBHID_META, ctx, {
    socketPath: '/nonexistent/usbhid-ups-hid',
    pollInterval: 2,
  });
  const status = statusReports(model);
  let seen = 0;
  const reads = () => {
    const ids = new Set(device.featureReads.slice(seen).map((r) => r.reportId));
    seen = device.featureReads.length;
    return ids;
  };
  /** A poll that read a report holding none of the status values is a full update. */
  const isFull = (ids: Set<number>) => [...ids].some((id) => !status.has(id));
  await runtime.cycle(); // start-up: init and the first update, at 0 s
  const first = reads();
  const poll = async () => {
    ctx.clock.advance(2000);
    await runtime.idle();
    return reads();
  };
  /** Polls until `until` seconds; resolves with the times of the full updates. */
  const fullUpdatesUntil = async (until: number) => {
    const full: number[] = [];
    while (ctx.clock.monotonic() < until * 1000)
      if (isFull(await poll())) full.push(ctx.clock.monotonic() / 1000);
    return full;
  };
  const get = (name: string) => ctx.store.getInfo(name);
  return { device, ctx, driver, status, first, isFull, poll, fullUpdatesUntil, get };
}

describe('usbhid-ups two-speed polling (pollinterval and pollfreq)', () => {
  it('pollinterval 2, pollfreq 30: full updates at start-up, 30 s and 60 s; status reads only in between', async () => {
    const { first, status, isFull, poll, ctx, get } = await started(EATON_5E, {
      pollfreq: '30',
    });
    expect(isFull(first)).toBe(true);
    expect(get('driver.parameter.pollfreq')).toBe('30');
    const full: number[] = [];
    for (let t = 2; t <= 60; t += 2) {
      const ids = await poll();
      if (isFull(ids)) full.push(ctx.clock.monotonic() / 1000);
      // every poll reads the status: a pulled cable shows at once, as in NUT's quick update
      else expect(ids).toEqual(status);
    }
    expect(full).toEqual([30, 60]);
  });

  it('a value only a full update reads shows no later than the next one; status values at the next poll', async () => {
    // pollonly: no interrupt pipe, so every change waits for a poll
    const { device, poll, get } = await started(EATON_5E, {}, ['pollonly']);
    for (let t = 2; t <= 10; t += 2) await poll();
    device.set({ mains: false, charge: 80, load: 45 });
    await poll(); // 12 s: a quick update
    expect([get('ups.status'), get('battery.charge')]).toEqual(['OB DISCHRG', '80']);
    expect([get('ups.load'), get('input.voltage')]).toEqual(['20', '230.0']);
    for (let t = 14; t <= 28; t += 2) await poll();
    expect(get('ups.load')).toBe('20');
    await poll(); // 30 s: the full update
    expect([get('ups.load'), get('input.voltage')]).toEqual(['45', '0.0']);
  });

  it('interrupt reports still publish at once, between polls', async () => {
    const { device, get } = await started();
    device.set({ mains: false, charge: 70 });
    expect([get('ups.status'), get('battery.charge')]).toEqual(['OB DISCHRG', '70']);
  });

  it('after an instant command or SET the next poll is a full update, and pollfreq counts from it', async () => {
    const { driver, ctx, poll, isFull, fullUpdatesUntil, get } = await started();
    await poll();
    await poll();
    expect(await driver.instcmd('beeper.mute', undefined, ctx)).toBe(0);
    expect(isFull(await poll())).toBe(true); // 6 s
    expect(get('ups.beeper.status')).toBe('muted');
    expect(await fullUpdatesUntil(40)).toEqual([36]);
    expect(await driver.setvar('battery.charge.low', '25', ctx)).toBe(0);
    expect(isFull(await poll())).toBe(true);
  });

  it('CyberPower: a full update every 12 s unless pollfreq says otherwise', async () => {
    const cps = await started(CYBERPOWER_CP1500);
    expect(cps.get('driver.parameter.pollfreq')).toBe('12');
    expect(await cps.fullUpdatesUntil(30)).toEqual([12, 24]);
    const tuned = await started(CYBERPOWER_CP1500, { pollfreq: '20' });
    expect(await tuned.fullUpdatesUntil(40)).toEqual([20, 40]);
  });

  it('a device reopened after a pulled cable gets a full update at once', async () => {
    const { device, poll, isFull } = await started();
    await poll();
    device.set({ unplugged: true });
    expect(await poll()).toEqual(new Set()); // the interrupt pipe failed: no read at all
    expect(await poll()).toEqual(new Set()); // no device to open
    device.set({ unplugged: false });
    expect(isFull(await poll())).toBe(true);
  });
});
