/** Status bits read from HID paths (NUT's BOOL entries). */
export type StatusFlag =
  | 'online'
  | 'discharging'
  | 'charging'
  | 'lowbatt'
  | 'shutdownimm'
  | 'replacebatt'
  | 'nobattery'
  | 'overload'
  | 'boost'
  | 'buck'
  | 'fullycharged'
  | 'timelimitexp'
  | 'off'
  | 'vrange'
  | 'frange'
  | 'overheat'
  | 'internalfault'
  | 'awaitingpower'
  | 'fanfail'
  | 'chargerfail';

export interface StatusEntry {
  path: string;
  flag: StatusFlag;
  /**
   * Whether the value read sets the flag: true sets it, false clears it, undefined leaves it
   * as it was (a code the vendor table does not know). Default: any value but 0 sets it.
   */
  when?: (value: number) => boolean | undefined;
}

/** What OL + DISCHRG means (NUT's `onlinedischarge*` options). */
export type OnlineDischarge = 'keep' | 'onbattery' | 'calibration';

/** The status NUT's usbhid-ups derives from the flags (7.4), as wire tokens and texts. */
export interface DerivedStatus {
  tokens: string[];
  /** `ups.alarm` texts (each also raises the ALARM token), NUT's wording. */
  alarms: string[];
  /** `input.transfer.reason`, or undefined to remove it. */
  transferReason: string | undefined;
}

/** NUT's alarm texts for flags that are alarms, in NUT's order. */
const ALARMS: ReadonlyArray<readonly [StatusFlag, string]> = [
  ['replacebatt', 'Replace battery!'],
  ['shutdownimm', 'Shutdown imminent!'],
  ['fanfail', 'Fan failure!'],
  ['nobattery', 'No battery installed!'],
  ['chargerfail', 'Battery charger fail!'],
  ['overheat', 'Temperature too high!'],
  ['internalfault', 'Internal UPS fault!'],
  ['awaitingpower', 'Awaiting power!'],
];

/**
 * NUT's usbhid-ups status rules (7.4) from the flags the device reports. `charge` decides CHRG
 * for a device that says it is both charging and fully charged.
 */
export function deriveStatus(
  flags: ReadonlySet<StatusFlag>,
  charge: number | undefined,
  onlineDischarge: OnlineDischarge = 'keep',
): DerivedStatus {
  const tokens: string[] = [];
  const onlineOnBattery = flags.has('online') && flags.has('discharging');
  // ACPresent is the power state: without it the UPS is on battery.
  tokens.push(
    flags.has('online') && !(onlineOnBattery && onlineDischarge === 'onbattery') ? 'OL' : 'OB',
  );
  if (flags.has('discharging')) tokens.push('DISCHRG');
  if (onlineOnBattery && onlineDischarge === 'calibration') tokens.push('CAL');
  if (
    flags.has('charging') &&
    (!flags.has('fullycharged') || (charge !== undefined && charge < 100))
  )
    tokens.push('CHRG');
  if (flags.has('lowbatt') || flags.has('timelimitexp') || flags.has('shutdownimm'))
    tokens.push('LB');
  if (flags.has('replacebatt') || flags.has('nobattery')) tokens.push('RB');
  if (flags.has('overload')) tokens.push('OVER');
  if (flags.has('buck')) tokens.push('TRIM');
  if (flags.has('boost')) tokens.push('BOOST');
  if (flags.has('off')) tokens.push('OFF');
  const alarms = ALARMS.filter(([flag]) => flags.has(flag)).map(([, text]) => text);
  const transferReason = flags.has('vrange')
    ? 'input voltage out of range'
    : flags.has('frange')
      ? 'input frequency out of range'
      : undefined;
  return { tokens, alarms, transferReason };
}

/** The `ups.status` tokens alone (see {@link deriveStatus}). */
export function statusTokens(flags: ReadonlySet<StatusFlag>, charge: number | undefined): string[] {
  return deriveStatus(flags, charge).tokens;
}
