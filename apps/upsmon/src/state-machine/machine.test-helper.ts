import { parseUpsmonConf } from '@nut-ts/config';
import type { UpsmonMachine } from './machine.js';
import type { MachineAction, MachineConfig } from './types.js';

/** One second in the machine's milliseconds. */
export const S = 1000;

/** upsmon.conf lines plus HOSTSYNC 15, DEADTIME 15, FINALDELAY 5 (NUT's defaults, spelled out). */
export function config(lines: string[]): MachineConfig {
  return parseUpsmonConf([...lines, 'HOSTSYNC 15', 'DEADTIME 15', 'FINALDELAY 5'].join('\n'));
}

export const primaryConf = (...extra: string[]) =>
  config(['MONITOR ups@h 1 u p primary', ...extra]);
export const secondaryConf = (...extra: string[]) =>
  config(['MONITOR ups@h 1 u p secondary', ...extra]);

export const notifies = (actions: MachineAction[]) =>
  actions.flatMap((a) => (a.type === 'notify' ? [a.notify] : []));
export const kinds = (actions: MachineAction[]) => actions.map((a) => a.type);

/** A successful poll of `system` followed by the end-of-round tick, as the runtime feeds them. */
export function poll(
  m: UpsmonMachine,
  status: string,
  at: number,
  system = 'ups@h',
  alarm?: string,
): MachineAction[] {
  return [
    ...m.handle({ type: 'poll-ok', system, status, at, ...(alarm !== undefined && { alarm }) }),
    ...m.handle({ type: 'tick', at }),
  ];
}

/** A failed poll of `system` followed by the end-of-round tick. */
export function fail(m: UpsmonMachine, at: number, system = 'ups@h'): MachineAction[] {
  return [
    ...m.handle({ type: 'poll-failed', system, reason: 'timeout', at }),
    ...m.handle({ type: 'tick', at }),
  ];
}
