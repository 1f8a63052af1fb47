import { join } from 'node:path';
import { ManualClock, noopLogger } from '@nut-ts/core';
import { DriverRuntime, StateStore, StatusBuilder, type DriverContext } from '@nut-ts/driver-kit';
import { makeTempDir } from '@nut-ts/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorBinding } from './bindings/simulator-binding.js';
import { parseMegatecOptions } from './driver/options.js';
import { MegatecDriver } from './megatec-driver.js';
import { MegatecUps, type SimulatorOptions } from './sim/megatec-ups.js';

const PORT = '/dev/ttyS0';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Our driver on the real serial code path (SerialPortStream) with the simulator as the
 * binding; replies are awaited 50 ms instead of NUT's 1 s so silence is quick to test.
 */
function setup(
  options: Record<string, string> = {},
  sim: SimulatorOptions = {},
  flags: string[] = [],
) {
  let simNow = 0;
  const ups = new MegatecUps({ now: () => simNow, ...sim });
  const binding = new SimulatorBinding({ [PORT]: ups });
  const store = new StateStore();
  const clock = new ManualClock(0);
  const ctx: DriverContext = {
    upsName: 'rack',
    store,
    status: new StatusBuilder(store),
    options: { port: PORT, ...options },
    flags,
    confDir: '/nonexistent',
    logger: noopLogger,
    clock,
  };
  const driver = new MegatecDriver(parseMegatecOptions(ctx.options, flags, 'ups.conf [rack]'), {
    binding,
    replyTimeoutMs: 50,
    settleMs: 0,
  });
  cleanups.push(() => driver.close());
  /** Lets simulated and driver time pass together. */
  const pass = (seconds: number) => {
    simNow += (seconds * 1000) / (sim.timeScale ?? 1);
    clock.advance(seconds * 1000);
  };
  const info = (name: string) => store.getInfo(name);
  return { ups, binding, store, ctx, driver, pass, info };
}

describe('nutdrv_qx against the simulated Megatec UPS on a serial line', () => {
  it('opens 2400 8N1 with DTR on, detects the dialect in NUT order and publishes what Debian does', async () => {
    const { ups, binding, driver, ctx, info } = setup();
    await driver.init(ctx);
    await driver.update(ctx);
    expect(binding.lines.get(PORT)).toMatchObject({
      baudRate: 2400,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      dtr: true,
      rts: false,
    });
    expect(ups.received).toEqual(['QS', 'QS', 'QS', 'D', 'D', 'D', 'Q1', 'I', 'F', 'Q1']);
    expect(Object.fromEntries(ctx.store.names().map((name) => [name, info(name)]))).toEqual({
      'battery.charge': '100',
      'battery.voltage': '26.00',
      'battery.voltage.high': '26.00',
      'battery.voltage.low': '20.80',
      'battery.voltage.nominal': '24.0',
      'device.mfr': 'nut-ts',
      'device.model': 'SIM-1000',
      'device.type': 'ups',
      'driver.parameter.pollfreq': '30',
      'driver.version.data': 'Megatec',
      'input.current.nominal': '4.0',
      'input.frequency': '50.0',
      'input.frequency.nominal': '50',
      'input.voltage': '230.4',
      'input.voltage.fault': '140.0',
      'input.voltage.nominal': '230',
      'output.voltage': '230.4',
      'ups.beeper.status': 'enabled',
      'ups.delay.shutdown': '30',
      'ups.delay.start': '180',
      'ups.firmware': 'v1.0',
      'ups.load': '23',
      'ups.status': 'OL',
      'ups.temperature': '31.0',
      'ups.type': 'offline / line interactive',
    });
    expect(ctx.store.get('ups.delay.shutdown')?.flags.rw).toBe(true);
    expect(ctx.store.hasCmd('shutdown.return')).toBe(true);
  });

  it.each([
    [
      'a silent UPS (each wrong guess waits out the timeout)',
      { unknown: 'silent' as const },
      {},
      'Megatec',
    ],
    ['a Mustek (QS) unit', { statusQueries: ['QS' as const] }, {}, 'Mustek'],
    ['an old Megatec (D) unit', { statusQueries: ['D' as const] }, {}, 'Megatec/old'],
    ['a unit without F and I (the q1 fallback)', { answersInfo: false }, {}, 'Q1'],
    ['protocol = megatec (nothing else is tried)', {}, { protocol: 'megatec' }, 'Megatec'],
  ])('detects %s', async (_what, sim, options, label) => {
    const { driver, ctx, info, ups } = setup(options, sim);
    await driver.init(ctx);
    await driver.update(ctx);
    expect(info('driver.version.data')).toBe(label);
    expect(info('ups.status')).toBe('OL');
    if (label === 'Q1') expect(info('device.mfr')).toBeUndefined();
    if ('protocol' in options) expect(ups.received).toEqual(['Q1', 'I', 'F', 'Q1']);
  });

  it('gives up with a clear error when no dialect answers', async () => {
    const { driver, ctx, ups } = setup({}, { statusQueries: [] });
    await expect(driver.init(ctx)).rejects.toThrow(/no supported Megatec\/Q1 UPS/);
    expect(ups.received.filter((c) => c === 'Q1')).toHaveLength(6);
  });

  it('honours novendor, norating and cablepower', async () => {
    const { driver, ctx, info, ups, binding } = setup({ cablepower: 'reverse' }, {}, [
      'novendor',
      'norating',
    ]);
    await driver.init(ctx);
    expect(ups.received).not.toContain('I');
    expect(ups.received).not.toContain('F');
    expect(info('device.mfr')).toBeUndefined();
    expect(binding.lines.get(PORT)).toMatchObject({ dtr: false, rts: true });
  });

  it('follows a power cut to low battery, and shows boost and a failed self-test', async () => {
    const { ups, driver, ctx, info } = setup();
    await driver.init(ctx);
    ups.mains = false;
    await driver.update(ctx);
    expect(info('ups.status')).toBe('OB');
    expect(info('input.voltage')).toBe('0.0');
    // Q1 has no charging bit: NUT 2.8.0's nutdrv_qx shows plain OB while the charge falls.
    ups.charge = 60;
    await driver.update(ctx);
    expect(info('battery.charge')).toBe('60');
    expect(info('ups.status')).toBe('OB');
    ups.charge = 10;
    await driver.update(ctx);
    expect(info('ups.status')).toBe('OB LB');
    expect(info('battery.charge')).toBe('10');
    ups.mains = true;
    ups.inputVoltage = 200;
    ups.failed = true;
    await driver.update(ctx);
    expect(info('ups.status')).toBe('ALARM OL BOOST');
    expect(info('ups.alarm')).toBe('UPS selftest failed!');
    ups.failed = false;
    ups.inputVoltage = 230;
    ups.charge = 70;
    await driver.update(ctx);
    expect(info('ups.status')).toBe('OL');
    expect(info('ups.alarm')).toBeUndefined();
  });

  it('detects per-cell battery readings (12 packs) and multiplies them only when told to', async () => {
    const plain = setup({}, { batteryReport: 'cell' });
    await plain.driver.init(plain.ctx);
    await plain.driver.update(plain.ctx);
    expect(plain.info('battery.voltage')).toBe('2.17');
    expect(plain.info('battery.charge')).toBe('100');
    const multiplied = setup({}, { batteryReport: 'cell' }, ['battery_voltage_reports_one_pack']);
    await multiplied.driver.init(multiplied.ctx);
    await multiplied.driver.update(multiplied.ctx);
    expect(multiplied.info('battery.voltage')).toBe('26.04');
  });

  it('estimates charge and runtime from runtimecal as time passes', async () => {
    const { ups, driver, ctx, info, pass } = setup(
      { runtimecal: '240,100,720,50' },
      { drainPerSecond: 0 },
    );
    await driver.init(ctx);
    await driver.update(ctx);
    expect(info('battery.charge')).toBe('100');
    expect(info('battery.runtime')).toBe('2400');
    ups.mains = false;
    ups.load = 100;
    await driver.update(ctx);
    pass(60);
    await driver.update(ctx);
    expect(info('battery.charge')).toBe('75');
    expect(info('battery.runtime')).toBe('180');
  });

  it('sends instant commands with the configured delays; an echo is a refusal', async () => {
    const { ups, driver, ctx, info } = setup({ offdelay: '30', ondelay: '180' });
    await driver.init(ctx);
    expect(await driver.instcmd('shutdown.return', undefined, ctx)).toBe(0);
    expect(ups.received.at(-1)).toBe('S.5R0003');
    expect(ups.shutdownPending).toBe(true);
    expect(await driver.instcmd('shutdown.stop', undefined, ctx)).toBe(0);
    expect(ups.shutdownPending).toBe(false);
    expect(await driver.setvar('ups.delay.shutdown', '61', ctx)).toBe(0);
    expect(info('ups.delay.shutdown')).toBe('60');
    expect(await driver.instcmd('shutdown.stayoff', undefined, ctx)).toBe(0);
    expect(ups.received.at(-1)).toBe('S01R0000');
    expect(await driver.instcmd('beeper.toggle', undefined, ctx)).toBe(0);
    expect(ups.beeper).toBe(false);
    expect(await driver.instcmd('test.battery.start', '30', ctx)).toBe(2);
    expect(await driver.instcmd('outlet.1.load.off', undefined, ctx)).toBe(1);
    expect(await driver.setvar('ups.delay.shutdown', '5', ctx)).toBe(2);
    expect(await driver.setvar('battery.charge.low', '20', ctx)).toBe(1);
    ups.faults.echoAll = true;
    expect(await driver.instcmd('test.battery.start.quick', undefined, ctx)).toBe(3);
    expect(ups.testing).toBe(false);
  });

  it('kill power: cancels any pending shutdown, then shutdown.return; the UPS cuts and comes back', async () => {
    const { ups, driver, ctx, pass } = setup({ offdelay: '12', ondelay: '60' });
    await driver.init(ctx);
    ups.mains = false;
    await driver.killpower(ctx);
    expect(ups.received.slice(-2)).toEqual(['C', 'S.2R0001']);
    pass(13);
    expect(ups.outputOn).toBe(false);
    ups.mains = true;
    pass(61);
    expect(ups.outputOn).toBe(true);
  });

  it('kill power with stayoff, and a refusing UPS makes it fail', async () => {
    const { ups, driver, ctx } = setup({}, {}, ['stayoff']);
    await driver.init(ctx);
    await driver.killpower(ctx);
    expect(ups.received.at(-1)).toBe('S.5R0000');
    ups.faults.echoAll = true;
    await expect(driver.killpower(ctx)).rejects.toThrow(/refused shutdown.stayoff 3 times/);
  });

  it('rejects garbage and echoed status replies', async () => {
    const { ups, driver, ctx } = setup();
    await driver.init(ctx);
    ups.faults.garbage = true;
    await expect(driver.update(ctx)).rejects.toThrow(/start character/);
    ups.faults.garbage = false;
    ups.faults.echoAll = true;
    await expect(driver.update(ctx)).rejects.toThrow(/refused Q1/);
  });
});

describe('stale and fresh (through the driver kit runtime)', () => {
  async function running(sim: SimulatorOptions = {}) {
    const fixture = setup({}, sim);
    const temp = makeTempDir('megatec-');
    const runtime = new DriverRuntime(
      fixture.driver,
      { name: 'nutdrv_qx', version: 'test', description: 'test' },
      fixture.ctx,
      { socketPath: join(temp.path, 'nutdrv_qx-rack'), pollInterval: 2 },
    );
    cleanups.push(
      () => temp.remove(),
      () => runtime.stop(),
    );
    await runtime.start();
    return { ...fixture, runtime };
  }

  it('a UPS that stops answering is stale on the 5th failed poll, as NUT; answering again makes it fresh', async () => {
    const { ups, runtime, store, info } = await running();
    expect(store.isStale).toBe(false);
    ups.faults.silent = true;
    for (let failed = 1; failed <= 4; failed++) {
      await runtime.cycle();
      expect(store.isStale, `after ${failed} failed polls`).toBe(false);
    }
    await runtime.cycle();
    expect(store.isStale).toBe(true);
    ups.faults.silent = false;
    ups.mains = false;
    await runtime.cycle();
    expect(store.isStale).toBe(false);
    expect(info('ups.status')).toBe('OB');
  });

  it('an unplugged cable is opened again when it is back', async () => {
    const { binding, runtime, store } = await running();
    binding.unplug(PORT);
    await runtime.cycle();
    await runtime.cycle();
    expect(store.isStale).toBe(false);
    expect(binding.lines.get(PORT)?.isOpen).toBe(true);
  });

  it('a dead UPS after a late shutdown goes stale, and fresh once mains restart it', async () => {
    const { ups, runtime, store, info } = await running();
    ups.mains = false;
    ups.reply('S00');
    for (let failed = 1; failed <= 5; failed++) await runtime.cycle();
    expect(store.isStale).toBe(true);
    ups.mains = true;
    await runtime.cycle();
    expect(store.isStale).toBe(false);
    expect(info('ups.status')).toBe('OL');
  });
});
