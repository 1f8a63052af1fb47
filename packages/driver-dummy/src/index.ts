import type { Driver, DriverContext } from '@nut-ts/driver-kit';
import { DummyDriver } from './dummy-driver.js';
import { isRepeater } from './meta.js';
import { RepeaterDriver } from './repeater-driver.js';

export { DummyDriver } from './dummy-driver.js';
export { RepeaterDriver } from './repeater-driver.js';
export { parseDummyFile, type DummyStep } from './dummy-file.js';
export { DUMMY_META } from './meta.js';
export { loadDummyDriver } from './load-driver.js';

/** Picks the mode from ups.conf: `port = ups@host` (or mode = repeater) means repeater. */
export function createDummyDriver(ctx: DriverContext): Driver {
  return isRepeater(ctx.options) ? new RepeaterDriver(ctx) : new DummyDriver(ctx);
}
