import type { DriverMeta } from '@nut-ts/driver-kit';

export const DUMMY_META: DriverMeta = {
  name: 'dummy-ups',
  version: '0.1.0',
  description: 'Device simulation and repeater driver',
  optionsHelp: `  port = <file>         a .dev file (read once, again when it changes) or a .seq file (played in a loop)
  port = ups@host[:port] repeat a UPS of another upsd (repeater mode)
  mode = dummy-once | dummy-loop | repeater
`,
};

/** The mode from ups.conf: `port = ups@host` (or mode = repeater) means repeater. */
export function isRepeater(options: Readonly<Record<string, string>>): boolean {
  const port = options.port ?? '';
  return options.mode === 'repeater' || (port.includes('@') && !options.mode);
}
