import { ManualClock, noopLogger } from '@nut-ts/core';
import { StateStore, StatusBuilder, type DriverContext } from '@nut-ts/driver-kit';

/**
 * A driver context over a fresh state store, as the driver kit builds it (for tests), on a
 * manual clock that tests move on (pollfreq counts on it).
 */
export function testContext(
  options: Record<string, string> = {},
): DriverContext & { clock: ManualClock } {
  const store = new StateStore();
  return {
    upsName: 'hid',
    store,
    status: new StatusBuilder(store),
    options: { port: 'auto', ...options },
    flags: [],
    confDir: '/nonexistent',
    logger: noopLogger,
    clock: new ManualClock(0),
  };
}
