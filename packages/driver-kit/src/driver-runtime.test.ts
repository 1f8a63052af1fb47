import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, type LogFn, type Logger } from '@nut-ts/core';
import { makeTempDir } from '@nut-ts/testkit';
import type { Driver, DriverContext } from './driver.js';
import { DriverRuntime } from './driver-runtime.js';
import { StateStore } from './state-store.js';
import { StatusBuilder } from './status.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A device that answers or not, as the test says; counts its calls. */
class FakeDevice implements Driver {
  answering = true;
  initFails = false;
  inits = 0;
  updates = 0;
  constructor(readonly toleratedFailures?: number) {}
  async init(): Promise<void> {
    this.inits++;
    if (this.initFails) throw new Error('no UPS on the line');
  }
  async update(ctx: DriverContext): Promise<void> {
    this.updates++;
    if (!this.answering) throw new Error('no reply to Q1');
    ctx.store.setInfo('ups.status', 'OL');
  }
}

/** Log lines as `level: message`. */
function recordingLogger(lines: string[]): Logger {
  const at =
    (level: string): LogFn =>
    (obj: object | string, msg?: unknown): void =>
      void lines.push(`${level}: ${typeof obj === 'string' ? obj : String(msg ?? '')}`);
  const logger: Logger = {
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    child: () => logger,
  };
  return logger;
}

async function running(device: FakeDevice, options: { toleratedFailures?: number } = {}) {
  const temp = makeTempDir('nut-runtime-');
  const store = new StateStore();
  const clock = new ManualClock(0);
  const log: string[] = [];
  const ctx: DriverContext = {
    upsName: 'ups',
    store,
    status: new StatusBuilder(store),
    options: {},
    flags: [],
    confDir: temp.path,
    logger: recordingLogger(log),
    clock,
  };
  const runtime = new DriverRuntime(
    device,
    { name: 'fake', version: '0', description: 'fake' },
    ctx,
    { socketPath: join(temp.path, 'fake-ups'), pollInterval: 2, ...options },
  );
  cleanups.push(
    () => temp.remove(),
    () => runtime.stop(),
  );
  const announced: string[] = [];
  store.on('change', (m: { type: string }) => {
    if (m.type === 'DATAOK' || m.type === 'DATASTALE') announced.push(m.type);
  });
  await runtime.start();
  /** Lets one pollinterval pass and waits for the poll it starts. */
  const poll = async () => {
    clock.advance(2000);
    await runtime.idle();
  };
  return { runtime, ctx, store, clock, log, announced, poll };
}

describe('DriverRuntime staleness', () => {
  it('stale on the first failed poll by default (dummy-ups, repeater), fresh on the next good one', async () => {
    const device = new FakeDevice();
    const { store, announced, poll } = await running(device);
    expect(store.isStale).toBe(false);
    device.answering = false;
    await poll();
    expect(store.isStale).toBe(true);
    device.answering = true;
    await poll();
    expect(store.isStale).toBe(false);
    expect(announced).toEqual(['DATAOK', 'DATASTALE', 'DATAOK']);
  });

  it('rides out 4 failed polls as nutdrv_qx does (MAXTRIES + 1), stale on the 5th, once', async () => {
    const device = new FakeDevice(4);
    const { store, announced, poll, log } = await running(device);
    device.answering = false;
    for (let failed = 1; failed <= 4; failed++) {
      await poll();
      expect(store.isStale, `after ${failed} failed polls`).toBe(false);
    }
    expect(store.getInfo('driver.state')).toBe('reconnect.trying');
    await poll();
    expect(store.isStale).toBe(true);
    await poll();
    await poll();
    expect(device.updates).toBe(1 + 7);
    expect(announced).toEqual(['DATAOK', 'DATASTALE']);
    expect(log.filter((line) => line.startsWith('warn'))).toEqual([
      'warn: UPS not answering: retrying',
      'warn: UPS not answering: data stale',
    ]);
  });

  it('a good poll clears the run: the count starts again from zero', async () => {
    const device = new FakeDevice(4);
    const { store, poll, log } = await running(device);
    device.answering = false;
    for (let i = 0; i < 4; i++) await poll();
    device.answering = true;
    await poll();
    expect(store.isStale).toBe(false);
    expect(store.getInfo('driver.state')).toBe('updateinfo');
    expect(log).toContain('info: communication with the UPS restored');
    device.answering = false;
    for (let i = 0; i < 4; i++) await poll();
    expect(store.isStale).toBe(false);
    await poll();
    expect(store.isStale).toBe(true);
    device.answering = true;
    await poll();
    expect(store.isStale).toBe(false);
  });

  it('the tolerance can be set per runtime over the driver default', async () => {
    const device = new FakeDevice(4);
    const { store, poll } = await running(device, { toleratedFailures: 1 });
    device.answering = false;
    await poll();
    expect(store.isStale).toBe(false);
    await poll();
    expect(store.isStale).toBe(true);
  });

  it('the data is stale until the first good poll, however many failures are tolerated', async () => {
    const device = new FakeDevice(4);
    device.initFails = true;
    const { store, poll, announced } = await running(device);
    expect(store.isStale).toBe(true);
    await poll();
    expect(device.inits).toBe(2);
    expect(store.isStale).toBe(true);
    device.initFails = false;
    await poll();
    expect(device.inits).toBe(3);
    expect(store.isStale).toBe(false);
    expect(announced).toEqual(['DATAOK']);
  });

  it('polls every pollinterval, and a cycle asked for while one runs joins it', async () => {
    const device = new FakeDevice();
    const { runtime, clock, poll } = await running(device);
    expect(device.updates).toBe(1);
    clock.advance(1999);
    await runtime.idle();
    expect(device.updates).toBe(1);
    await poll();
    expect(device.updates).toBe(2);
    await Promise.all([runtime.cycle(), runtime.cycle()]);
    expect(device.updates).toBe(3);
    expect(clock.pending).toBe(1);
  });

  it('requestUpdate: an update at once, and one more after a cycle it arrives during', async () => {
    const device = new FakeDevice();
    const { runtime, ctx, clock } = await running(device);
    ctx.requestUpdate!();
    await runtime.idle();
    expect(device.updates).toBe(2);
    // Asked during a cycle: the cycle may have read the device before the change.
    const inCycle = runtime.cycle();
    ctx.requestUpdate!();
    ctx.requestUpdate!();
    await inCycle;
    expect(device.updates).toBe(3);
    clock.advance(0);
    await runtime.idle();
    expect(device.updates).toBe(4);
    // Then the poll schedule as usual.
    clock.advance(1999);
    await runtime.idle();
    expect(device.updates).toBe(4);
    clock.advance(1);
    await runtime.idle();
    expect(device.updates).toBe(5);
  });
});
