import type { Driver, DriverContext, DriverMeta } from '@nut-ts/driver-kit';
import { DummyDriver } from './dummy-driver.js';
import { RepeaterDriver } from './repeater-driver.js';

export { DummyDriver } from './dummy-driver.js';
export { RepeaterDriver } from './repeater-driver.js';
export { parseDummyFile, type DummyStep } from './dummy-file.js';

export const DUMMY_META: DriverMeta = {
  name: 'dummy-ups',
  version: '0.1.0',
  description: 'Device simulation and repeater driver',
  optionsHelp: `  port = <file>         a .dev file (read once, again when it changes) or a .seq file (played in a loop)
  port = ups@host[:port] repeat a UPS of another upsd (repeater mode)
  mode = dummy-once | dummy-loop | repeater
`,
};

/** Picks the mode from ups.conf: `port = ups@host` (or mode = repeater) means repeater. */
export function createDummyDriver(ctx: DriverContext): Driver {
  const port = ctx.options.port ?? '';
  if (ctx.options.mode === 'repeater' || (port.includes('@') && !ctx.options.mode))
    return new RepeaterDriver(ctx);
  return new DummyDriver(ctx);
}
