import type { CommandEntry } from './mapping/generic.js';

/** What running an instant command needs from the driver. */
export interface CommandTarget {
  commands: readonly CommandEntry[];
  /** Whether the device has a Feature field at `path`. */
  has(path: string): boolean;
  /** Writes a physical value to the Feature field at `path`. */
  write(path: string, value: number): Promise<void>;
  /** The delay variable's current value, seconds. */
  delay(name: 'ups.delay.shutdown' | 'ups.delay.start'): number;
}

/**
 * Runs an instant command as NUT's usbhid-ups does: a mapped command writes its value through
 * the first entry whose path the device has; load.off, load.on, shutdown.return and
 * shutdown.stayoff are built from the delays where the subdriver has no entry of their own.
 * Resolves false for a command unknown here; rejects when a write fails or a part is missing.
 */
export async function runInstantCommand(
  name: string,
  param: string | undefined,
  target: CommandTarget,
): Promise<boolean> {
  const { commands, has, write, delay } = target;
  const mapped = (cmd: string) => commands.find((c) => c.cmd === cmd && has(c.path));
  const run = async (cmd: string, explicit?: number): Promise<void> => {
    const entry = mapped(cmd);
    if (!entry) throw new Error(`${cmd} is not mapped on this device`);
    const value =
      explicit ??
      (entry.value === 'param-or-offdelay'
        ? Number(param ?? delay('ups.delay.shutdown'))
        : entry.value === 'param-or-ondelay'
          ? Number(param ?? delay('ups.delay.start'))
          : entry.value);
    await write(entry.path, value);
  };
  switch (name) {
    case 'load.off':
      await run('load.off.delay', 0);
      return true;
    case 'load.on':
      await run('load.on.delay', 0);
      return true;
    case 'shutdown.return':
      // A vendor entry for it (APC) wins over the built sequence.
      if (mapped(name)) await run(name);
      else {
        await run('load.on.delay', delay('ups.delay.start'));
        await run('load.off.delay', delay('ups.delay.shutdown'));
      }
      return true;
    case 'shutdown.stayoff':
      await run('load.on.delay', -1);
      await run('load.off.delay', delay('ups.delay.shutdown'));
      return true;
    default:
      if (!mapped(name)) return false;
      await run(name);
      return true;
  }
}
