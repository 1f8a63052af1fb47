import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, noopLogger } from '@nut-ts/core';
import { createDummyDriver, DUMMY_META, type RepeaterDriver } from '@nut-ts/driver-dummy';
import { DriverRuntime, StateStore, StatusBuilder, type DriverContext } from '@nut-ts/driver-kit';
import { makeTempDir, waitFor } from '@nut-ts/testkit';
import type { Fixture } from '@nut-ts/upsd/testing';
import { servingFixture } from './test/run-ours.js';

// dummy-ups lives in @nut-ts/driver-dummy, which cannot reach upsd's test fixture without a new
// dev dependency; this package has both, so the repeater is tested here.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** dummy-ups with `port = <source>`, run by the driver kit on a manual clock. */
async function repeater(port: string) {
  const temp = makeTempDir('nut-repeater-');
  const store = new StateStore();
  const ctx: DriverContext = {
    upsName: 'copy',
    store,
    status: new StatusBuilder(store),
    options: { driver: 'dummy-ups', port },
    flags: [],
    confDir: temp.path,
    logger: noopLogger,
    clock: new ManualClock(0),
  };
  const driver = createDummyDriver(ctx);
  const runtime = new DriverRuntime(driver, DUMMY_META, ctx, {
    socketPath: join(temp.path, 'dummy-ups-copy'),
    pollInterval: 2,
  });
  cleanups.push(
    () => temp.remove(),
    () => runtime.stop(),
  );
  await runtime.start();
  /** Polls until `check` holds (upsd passes the source's changes on asynchronously). */
  const pollUntil = (what: string, check: () => boolean) =>
    waitFor(async () => (await runtime.cycle(), check()), { what });
  return { store, driver, runtime, pollUntil, info: (name: string) => store.getInfo(name) };
}

async function source(): Promise<{ fixture: Fixture; ups: string }> {
  const serving = await servingFixture();
  cleanups.push(() => serving.fixture.close());
  return serving;
}

describe('dummy-ups repeater mode (port = ups@host:port) against our upsd', () => {
  it("serves the source UPS's variables and commands, fresh, and says it is a repeater", async () => {
    const { ups } = await source();
    const { store, info } = await repeater(ups);
    expect(store.isStale).toBe(false);
    expect(info('driver.parameter.mode')).toBe('repeater');
    expect(info('driver.name')).toBe('dummy-ups');
    expect(info('ups.status')).toBe('OL');
    expect(info('ups.mode')).toBe('auto');
    expect(info('device.model')).toBe('Py "quoted" \\ #1');
    expect(store.hasCmd('load.off')).toBe(true);
    expect(store.hasCmd('beeper.toggle')).toBe(true);
  });

  it('follows changes and removals at the source on the next polls', async () => {
    const { fixture, ups } = await source();
    const { pollUntil, info } = await repeater(ups);
    fixture.driver.store.setInfo('ups.status', 'OB LB');
    fixture.driver.store.delInfo('ups.mode');
    await pollUntil('OB LB repeated', () => info('ups.status') === 'OB LB');
    await pollUntil('ups.mode gone', () => info('ups.mode') === undefined);
  });

  it('is stale while the source is stale, and fresh again by itself', async () => {
    const { fixture, ups } = await source();
    const { store, pollUntil } = await repeater(ups);
    fixture.driver.store.setStale(true);
    await pollUntil('the copy stale', () => store.isStale);
    fixture.driver.store.setStale(false);
    await pollUntil('the copy fresh', () => !store.isStale);
  });

  it('repeats what our upsd pushes at once, with no poll in between', async () => {
    const { fixture, ups } = await source();
    // The manual clock never moves here: no poll runs after the first.
    const { driver, store, info } = await repeater(ups);
    await waitFor(() => (driver as RepeaterDriver).pushing, { what: 'the push link' });
    fixture.driver.store.setInfo('ups.status', 'OB LB');
    fixture.driver.store.delInfo('ups.mode');
    await waitFor(() => info('ups.status') === 'OB LB', { what: 'OB LB pushed' });
    await waitFor(() => info('ups.mode') === undefined, { what: 'ups.mode removal pushed' });
    fixture.driver.store.setStale(true);
    await waitFor(() => store.isStale, { what: 'stale pushed' });
    fixture.driver.store.setStale(false);
    await waitFor(() => !store.isStale, { what: 'fresh pushed' });
  });

  it('is stale when the source upsd goes away', async () => {
    const { fixture, ups } = await source();
    const { store, runtime } = await repeater(ups);
    await fixture.upsd.close();
    await runtime.cycle();
    expect(store.isStale).toBe(true);
  });

  it('forwards no command or SET without credentials: FAILED, and the source gets nothing', async () => {
    const { fixture, ups } = await source();
    const { driver, store } = await repeater(ups);
    const ctx = { store } as unknown as DriverContext;
    expect(await driver.instcmd?.('load.off', undefined, ctx)).toBe(3);
    expect(await driver.setvar?.('ups.id', 'x', ctx)).toBe(3);
    expect(fixture.driver.received).toEqual([]);
  });
});
