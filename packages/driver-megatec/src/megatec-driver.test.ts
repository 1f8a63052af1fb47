import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, noopLogger } from '@nut-ts/core';
import { StateStore, StatusBuilder, type DriverContext } from '@nut-ts/driver-kit';
import { MegatecDriver } from './megatec-driver.js';
import { MegatecUps } from './sim/megatec-ups.js';
import { serveOverTcp } from './sim/tcp-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(
  options: Record<string, string> = {},
  ups = new MegatecUps({ timeScale: 600 }),
) {
  const served = await serveOverTcp(ups);
  const store = new StateStore();
  const ctx: DriverContext = {
    upsName: 'sim',
    store,
    status: new StatusBuilder(store),
    options: { port: `tcp://127.0.0.1:${served.port}`, ...options },
    flags: [],
    confDir: '/nonexistent',
    logger: noopLogger,
    clock: new ManualClock(0),
  };
  const driver = new MegatecDriver();
  cleanups.push(
    () => served.close(),
    () => driver.close(),
  );
  await driver.init(ctx);
  return { ups, store, ctx, driver };
}

describe('nutdrv_qx against the simulated Megatec UPS', () => {
  it('detects the dialect and publishes ratings, vendor info and status', async () => {
    const { store, driver, ctx } = await setup();
    await driver.update(ctx);
    expect(store.getInfo('driver.version.data')).toBe('megatec');
    expect(store.getInfo('device.mfr')).toBe('nut-ts');
    expect(store.getInfo('device.model')).toBe('SIM-1000');
    expect(store.getInfo('battery.voltage.nominal')).toBe('24.0');
    expect(store.getInfo('input.voltage')).toBe('230.4');
    expect(store.getInfo('ups.status')).toBe('OL');
    expect(store.getInfo('battery.charge')).toBe('100');
    expect(store.getInfo('ups.beeper.status')).toBe('enabled');
    expect(store.get('ups.delay.shutdown')?.flags.rw).toBe(true);
  });

  it('follows a power cut to low battery', async () => {
    const { ups, store, driver, ctx } = await setup();
    ups.mains = false;
    await driver.update(ctx);
    expect(store.getInfo('ups.status')).toBe('OB');
    ups.charge = 10;
    await driver.update(ctx);
    expect(store.getInfo('ups.status')).toBe('OB LB DISCHRG');
    expect(Number(store.getInfo('battery.charge'))).toBeLessThan(20);
  });

  it('sends instant commands with the configured delays and reads echoes as refusals', async () => {
    const { ups, driver, ctx } = await setup({ offdelay: '30', ondelay: '180' });
    expect(await driver.instcmd('shutdown.return', undefined, ctx)).toBe(0);
    expect(ups.received.at(-1)).toBe('S.5R0003');
    expect(ups.shutdownPending).toBe(true);
    expect(await driver.instcmd('shutdown.stop', undefined, ctx)).toBe(0);
    expect(ups.shutdownPending).toBe(false);
    expect(await driver.instcmd('beeper.toggle', undefined, ctx)).toBe(0);
    expect(ups.beeper).toBe(false);
    ups.faults.garbage = true;
    expect(await driver.instcmd('test.battery.start.quick', undefined, ctx)).toBe(3);
  });

  it('goes stale when the UPS stops answering and recovers when it answers again', async () => {
    const { ups, driver, ctx, store } = await setup({}, new MegatecUps());
    ups.faults.silent = true;
    await expect(driver.update(ctx)).rejects.toThrow(/no reply/);
    ups.faults.silent = false;
    ups.mains = false;
    await driver.update(ctx);
    expect(store.getInfo('ups.status')).toBe('OB');
  });

  it('treats a UPS slower than the 1 s reply timeout as not answering, and refusals as failures', async () => {
    const { ups, driver, ctx } = await setup({}, new MegatecUps());
    ups.faults.delayMs = 4000;
    await expect(driver.update(ctx)).rejects.toThrow(/no reply/);
    await new Promise((resolve) => setTimeout(resolve, 1200)); // let the late replies drain
    ups.faults.delayMs = 0;
    ups.faults.echoAll = true;
    await expect(driver.update(ctx)).rejects.toThrow(/echoed/);
    expect(await driver.instcmd('beeper.toggle', undefined, ctx)).toBe(3);
  }, 15_000);

  it('refuses garbage replies', async () => {
    const { ups, driver, ctx } = await setup();
    ups.faults.garbage = true;
    await expect(driver.update(ctx)).rejects.toThrow();
  });

  it('writes ups.delay.shutdown within its range', async () => {
    const { driver, ctx, store } = await setup();
    expect(await driver.setvar('ups.delay.shutdown', '60', ctx)).toBe(0);
    expect(store.getInfo('ups.delay.shutdown')).toBe('60');
    expect(await driver.setvar('ups.delay.shutdown', '5', ctx)).toBe(2);
  });

  it('cuts the output after the shutdown delay and restores it after mains return', async () => {
    // timeScale 600: a minute passes in 100 ms
    const { ups, driver, ctx } = await setup({ offdelay: '12', ondelay: '60' });
    ups.mains = false;
    await driver.killpower(ctx);
    expect(ups.received.at(-1)).toBe('S.2R0001');
    await new Promise((resolve) => setTimeout(resolve, 60));
    ups.reply('Q1');
    expect(ups.outputOn).toBe(false);
    ups.mains = true;
    ups.reply('Q1');
    await new Promise((resolve) => setTimeout(resolve, 150));
    ups.reply('Q1');
    expect(ups.outputOn).toBe(true);
  });
});
