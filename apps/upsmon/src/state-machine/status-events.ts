import { STATUS_TOKENS } from '@nut-ts/core';
import type { NotifyType } from '@nut-ts/config';
import type { MachineAction } from './types.js';

/** Tokens with a notification when they appear and another when they go. */
const PAIRED: Record<string, [NotifyType, NotifyType]> = {
  CAL: ['CAL', 'NOTCAL'],
  OFF: ['OFF', 'NOTOFF'],
  BYPASS: ['BYPASS', 'NOTBYPASS'],
  ECO: ['ECO', 'NOTECO'],
  OVER: ['OVER', 'NOTOVER'],
  TRIM: ['TRIM', 'NOTTRIM'],
  BOOST: ['BOOST', 'NOTBOOST'],
};

/** Tokens upsmon knows (NUT's and RFC 9271's); anything else raises OTHER. */
const KNOWN: ReadonlySet<string> = new Set(STATUS_TOKENS);

/**
 * Notifications for a change of status from `before` to `after` (token sets). ONLINE is not
 * sent on the very first poll (nor are the NOT... events); ONBATT and LOWBATT are.
 */
export function statusNotifications(
  system: string,
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
  first: boolean,
): MachineAction[] {
  const out: MachineAction[] = [];
  const gained = (token: string) => after.has(token) && (first || !before.has(token));
  const lost = (token: string) => !first && before.has(token) && !after.has(token);
  if (after.has('OL') && !first && !before.has('OL'))
    out.push({ type: 'notify', notify: 'ONLINE', system });
  if (gained('OB')) out.push({ type: 'notify', notify: 'ONBATT', system });
  if (gained('LB')) out.push({ type: 'notify', notify: 'LOWBATT', system });
  for (const [token, [on, off]] of Object.entries(PAIRED)) {
    if (gained(token)) out.push({ type: 'notify', notify: on, system });
    if (lost(token)) out.push({ type: 'notify', notify: off, system });
  }
  const others = (set: ReadonlySet<string>) =>
    [...set]
      .filter((t) => !KNOWN.has(t))
      .sort()
      .join(' ');
  const otherNow = others(after);
  const otherBefore = first ? '' : others(before);
  if (otherNow && otherNow !== otherBefore)
    out.push({ type: 'notify', notify: 'OTHER', system, extra: otherNow });
  if (!otherNow && otherBefore) out.push({ type: 'notify', notify: 'NOTOTHER', system });
  // ALARM itself is raised by the machine, which also repeats it when the alarm text changes.
  if (lost('ALARM')) out.push({ type: 'notify', notify: 'NOTALARM', system });
  return out;
}
