import type { Driver, DriverContext } from '@nut-ts/driver-kit';
import { DummyDriver } from './dummy-driver.js';
import { isRepeater } from './meta.js';

/**
 * What the dummy-ups program runs: like `createDummyDriver`, but the repeater (and the NUT
 * client and TLS under it) is loaded only in repeater mode, so a driver replaying a file
 * stays smaller in memory.
 */
export async function loadDummyDriver(ctx: DriverContext): Promise<Driver> {
  if (!isRepeater(ctx.options)) return new DummyDriver(ctx);
  const { RepeaterDriver } = await import('./repeater-driver.js');
  return new RepeaterDriver(ctx);
}
