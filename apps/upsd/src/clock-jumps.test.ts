import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, noopLogger } from '@nut-ts/core';
import { makeTempDir, waitFor } from '@nut-ts/testkit';
import { DriverLink } from './driver-link.js';
import { LoginThrottle } from './login-throttle.js';
import { TrackingTable } from './tracking.js';
import { FakeDriver } from './test/upsd-fixture.js';

const HOUR = 3_600_000;
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/**
 * upsd measures every duration (MAXAGE, failed-login windows, TRACKINGDELAY) on the monotonic
 * clock: setting the wall clock (NTP, `date -s`, a resumed VM) neither ages nor rejuvenates
 * anything.
 */
describe.each([
  ['forward', HOUR],
  ['back', -HOUR],
])('upsd when the wall clock jumps an hour %s', (_, jump) => {
  it('keeps failed logins throttled for exactly the window', () => {
    const clock = new ManualClock(1_000_000);
    const throttle = new LoginThrottle(clock, 3, 60_000);
    for (let i = 0; i < 3; i++) throttle.fail('127.0.0.1 admin');
    clock.jumpWall(jump);
    expect(throttle.blocked('127.0.0.1 admin')).toBe(true);
    clock.advance(59_000);
    expect(throttle.blocked('127.0.0.1 admin')).toBe(true);
    clock.advance(2_000);
    expect(throttle.blocked('127.0.0.1 admin')).toBe(false);
  });

  it('keeps a tracking result for TRACKINGDELAY, no more, no less', () => {
    const clock = new ManualClock(1_000_000);
    const tracking = new TrackingTable(clock, 10);
    const id = tracking.create();
    tracking.resolve(id, 0);
    clock.jumpWall(jump);
    clock.advance(9_000);
    expect(tracking.get(id)).toBe('SUCCESS');
    clock.advance(2_000);
    expect(tracking.get(id)).toBe('ERR UNKNOWN');
  });

  it('does not call a talking driver stale, and does call a silent one stale after MAXAGE', async () => {
    const dir = makeTempDir('nut-upsd-clock-');
    cleanup.push(() => dir.remove());
    const driver = new FakeDriver(join(dir.path, 'fake-ups'));
    await driver.start();
    cleanup.push(() => driver.stop());
    const clock = new ManualClock(1_000_000);
    const link = new DriverLink({
      socketPath: driver.path,
      maxAge: 15,
      clock,
      logger: noopLogger,
    });
    link.start();
    cleanup.push(() => link.stop());
    await waitFor(() => link.vars.get('ups.status')?.value === 'OL', { what: 'the dump' });

    clock.jumpWall(jump);
    clock.advance(1_000);
    expect(link.unavailable()).toBeUndefined();

    // The driver goes quiet (it stops answering PING): stale after MAXAGE + 1 s, not before.
    await driver.stop();
    clock.advance(14_000);
    expect(link.unavailable()).toBeUndefined();
    clock.advance(3_000);
    expect(link.unavailable()).toBe('DATA-STALE');
  });
});
