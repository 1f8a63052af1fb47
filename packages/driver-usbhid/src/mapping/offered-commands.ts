import type { CommandEntry } from './generic.js';

/**
 * The instant commands a device offers: the mapped ones whose path it has, plus those NUT's
 * usbhid-ups builds from the delays (load.off and load.on from the `.delay` forms;
 * shutdown.return and shutdown.stayoff from both).
 */
export function offeredCommands(
  commands: readonly CommandEntry[],
  has: (path: string) => boolean,
): string[] {
  const mapped = [...new Set(commands.filter((c) => has(c.path)).map((c) => c.cmd))];
  const off = mapped.includes('load.off.delay');
  const on = mapped.includes('load.on.delay');
  return [
    ...mapped,
    ...(off ? ['load.off'] : []),
    ...(on ? ['load.on'] : []),
    ...(off && on ? ['shutdown.return', 'shutdown.stayoff'] : []),
  ].filter((cmd, i, all) => all.indexOf(cmd) === i);
}
