/** A NUT variable read from a HID path. */
export interface VarEntry {
  nut: string;
  path: string;
  /** Turns the converted number into NUT's text. Default: integers as is, else 1 decimal. */
  format?: (value: number) => string | undefined;
  /** Writable through SET (the value is written to the same path). */
  rw?: boolean;
}

/** Status bits read from HID paths (NUT's BOOL entries). */
export type StatusFlag =
  | 'online'
  | 'discharging'
  | 'charging'
  | 'lowbatt'
  | 'shutdownimm'
  | 'replacebatt'
  | 'overload'
  | 'boost'
  | 'buck'
  | 'fullycharged'
  | 'timelimitexp';

export interface StatusEntry {
  path: string;
  flag: StatusFlag;
}

/** An instant command: write `value` to `path`. */
export interface CommandEntry {
  cmd: string;
  path: string;
  /** A number, the command's parameter, or a delay variable's current value. */
  value: number | 'param-or-offdelay' | 'param-or-ondelay';
}

const fixed = (digits: number) => (value: number) => value.toFixed(digits);
const lookup = (table: Record<number, string>) => (value: number) => table[value];

export const BEEPER = { 1: 'disabled', 2: 'enabled', 3: 'muted' };
export const TEST_RESULT = {
  1: 'Done and passed',
  2: 'Done and warning',
  3: 'Done and error',
  4: 'Aborted',
  5: 'In progress',
  6: 'No test initiated',
  7: 'Test scheduled',
};

/** The generic Power Device mapping (paths of the HID PDC specification, as NUT names them). */
export const GENERIC_VARS: VarEntry[] = [
  { nut: 'battery.charge', path: 'UPS.PowerSummary.RemainingCapacity', format: fixed(0) },
  {
    nut: 'battery.charge.low',
    path: 'UPS.PowerSummary.RemainingCapacityLimit',
    format: fixed(0),
    rw: true,
  },
  {
    nut: 'battery.charge.warning',
    path: 'UPS.PowerSummary.WarningCapacityLimit',
    format: fixed(0),
  },
  { nut: 'battery.runtime', path: 'UPS.PowerSummary.RunTimeToEmpty', format: fixed(0) },
  { nut: 'battery.runtime', path: 'UPS.Battery.RunTimeToEmpty', format: fixed(0) },
  { nut: 'battery.runtime.low', path: 'UPS.PowerSummary.RemainingTimeLimit', format: fixed(0) },
  { nut: 'battery.voltage', path: 'UPS.PowerSummary.Voltage', format: fixed(1) },
  { nut: 'battery.voltage', path: 'UPS.Battery.Voltage', format: fixed(1) },
  { nut: 'battery.voltage.nominal', path: 'UPS.PowerSummary.ConfigVoltage', format: fixed(1) },
  { nut: 'input.voltage', path: 'UPS.Input.Voltage', format: fixed(1) },
  { nut: 'input.voltage.nominal', path: 'UPS.Input.ConfigVoltage', format: fixed(0) },
  { nut: 'input.transfer.low', path: 'UPS.Input.LowVoltageTransfer', format: fixed(0), rw: true },
  { nut: 'input.transfer.high', path: 'UPS.Input.HighVoltageTransfer', format: fixed(0), rw: true },
  { nut: 'input.frequency', path: 'UPS.Input.Frequency', format: fixed(1) },
  { nut: 'output.voltage', path: 'UPS.Output.Voltage', format: fixed(1) },
  { nut: 'ups.load', path: 'UPS.Output.PercentLoad', format: fixed(0) },
  { nut: 'ups.load', path: 'UPS.PowerConverter.PercentLoad', format: fixed(0) },
  { nut: 'ups.realpower.nominal', path: 'UPS.Output.ConfigActivePower', format: fixed(0) },
  { nut: 'ups.timer.shutdown', path: 'UPS.PowerSummary.DelayBeforeShutdown', format: fixed(0) },
  { nut: 'ups.timer.start', path: 'UPS.PowerSummary.DelayBeforeStartup', format: fixed(0) },
  { nut: 'ups.test.result', path: 'UPS.BatterySystem.Battery.Test', format: lookup(TEST_RESULT) },
  {
    nut: 'ups.beeper.status',
    path: 'UPS.PowerSummary.AudibleAlarmControl',
    format: lookup(BEEPER),
  },
];

export const GENERIC_STATUS: StatusEntry[] = [
  { path: 'UPS.PowerSummary.PresentStatus.ACPresent', flag: 'online' },
  { path: 'UPS.PowerSummary.PresentStatus.Discharging', flag: 'discharging' },
  { path: 'UPS.PowerSummary.PresentStatus.Charging', flag: 'charging' },
  { path: 'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', flag: 'lowbatt' },
  { path: 'UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired', flag: 'timelimitexp' },
  { path: 'UPS.PowerSummary.PresentStatus.ShutdownImminent', flag: 'shutdownimm' },
  { path: 'UPS.PowerSummary.PresentStatus.NeedReplacement', flag: 'replacebatt' },
  { path: 'UPS.PowerSummary.PresentStatus.Overload', flag: 'overload' },
  { path: 'UPS.PowerSummary.PresentStatus.FullyCharged', flag: 'fullycharged' },
  { path: 'UPS.PowerConverter.Input.PresentStatus.Boost', flag: 'boost' },
  { path: 'UPS.PowerConverter.Input.PresentStatus.Buck', flag: 'buck' },
];

export const GENERIC_COMMANDS: CommandEntry[] = [
  {
    cmd: 'load.off.delay',
    path: 'UPS.PowerSummary.DelayBeforeShutdown',
    value: 'param-or-offdelay',
  },
  { cmd: 'load.on.delay', path: 'UPS.PowerSummary.DelayBeforeStartup', value: 'param-or-ondelay' },
  { cmd: 'shutdown.stop', path: 'UPS.PowerSummary.DelayBeforeShutdown', value: -1 },
  { cmd: 'shutdown.reboot', path: 'UPS.PowerSummary.DelayBeforeReboot', value: 10 },
  { cmd: 'test.battery.start.quick', path: 'UPS.BatterySystem.Battery.Test', value: 1 },
  { cmd: 'test.battery.start.deep', path: 'UPS.BatterySystem.Battery.Test', value: 2 },
  { cmd: 'test.battery.stop', path: 'UPS.BatterySystem.Battery.Test', value: 3 },
  { cmd: 'beeper.disable', path: 'UPS.PowerSummary.AudibleAlarmControl', value: 1 },
  { cmd: 'beeper.enable', path: 'UPS.PowerSummary.AudibleAlarmControl', value: 2 },
  { cmd: 'beeper.mute', path: 'UPS.PowerSummary.AudibleAlarmControl', value: 3 },
];

/** NUT's usbhid-ups status rules (7.4) from the flags the device reports. */
export function statusTokens(flags: ReadonlySet<StatusFlag>, charge: number | undefined): string[] {
  const tokens: string[] = [];
  // ACPresent is the power state: without it the UPS is on battery.
  tokens.push(flags.has('online') ? 'OL' : 'OB');
  if (flags.has('discharging')) tokens.push('DISCHRG');
  if (
    flags.has('charging') &&
    (!flags.has('fullycharged') || (charge !== undefined && charge < 100))
  )
    tokens.push('CHRG');
  if (flags.has('lowbatt') || flags.has('timelimitexp') || flags.has('shutdownimm'))
    tokens.push('LB');
  if (flags.has('replacebatt')) tokens.push('RB');
  if (flags.has('overload')) tokens.push('OVER');
  if (flags.has('buck')) tokens.push('TRIM');
  if (flags.has('boost')) tokens.push('BOOST');
  return tokens;
}
