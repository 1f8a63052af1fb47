import type { StatusEntry } from './status.js';

/** A NUT variable read from a HID path. */
export interface VarEntry {
  nut: string;
  path: string;
  /** Turns the converted number into NUT's text. Default: integers as is, else 1 decimal. */
  format?: (value: number) => string | undefined;
  /** Writable through SET (the value is written to the same path). */
  rw?: boolean;
  /** Read once at start-up (ratings, dates, names): NUT's HU_FLAG_STATIC. */
  static?: boolean;
  /** The value is the index of a USB string descriptor, published as that string. */
  string?: boolean;
  /**
   * Read by every poll, not only by the full updates every pollfreq: it feeds ups.status
   * (NUT's HU_FLAG_QUICK_POLL). Status bits always are.
   */
  quick?: boolean;
}

export type { StatusEntry, StatusFlag } from './status.js';
export { statusTokens } from './status.js';

/** An instant command: write `value` to `path`. */
export interface CommandEntry {
  cmd: string;
  path: string;
  /** A number, the command's parameter, or a delay variable's current value. */
  value: number | 'param-or-offdelay' | 'param-or-ondelay';
}

export const fixed = (digits: number) => (value: number) => value.toFixed(digits);
export const lookup = (table: Record<number, string>) => (value: number) => table[value];

/** The HID/SMBus date format: bits 15-9 year − 1980, 8-5 month, 4-0 day; NUT prints YYYY/MM/DD. */
export function hidDateText(value: number): string | undefined {
  const year = 1980 + (value >> 9);
  const month = (value >> 5) & 0x0f;
  const day = value & 0x1f;
  if (value <= 0 || month < 1 || month > 12 || day < 1) return undefined;
  return `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
}

/** HID temperatures are in kelvin; NUT publishes °C with one decimal. */
export const kelvinToCelsius = (value: number) => (value - 273.15).toFixed(1);

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
  // identity: USB string descriptors named by the report descriptor
  { nut: 'ups.mfr', path: 'UPS.iManufacturer', string: true, static: true },
  { nut: 'ups.model', path: 'UPS.iProduct', string: true, static: true },
  { nut: 'ups.serial', path: 'UPS.iSerialNumber', string: true, static: true },
  { nut: 'ups.mfr.date', path: 'UPS.ManufacturerDate', format: hidDateText, static: true },
  {
    nut: 'ups.mfr.date',
    path: 'UPS.PowerSummary.ManufacturerDate',
    format: hidDateText,
    static: true,
  },
  // battery
  { nut: 'battery.type', path: 'UPS.PowerSummary.iDeviceChemistry', string: true, static: true },
  { nut: 'battery.type', path: 'UPS.Battery.iDeviceChemistry', string: true, static: true },
  {
    nut: 'battery.charge',
    path: 'UPS.PowerSummary.RemainingCapacity',
    format: fixed(0),
    quick: true,
  },
  { nut: 'battery.charge', path: 'UPS.Battery.RemainingCapacity', format: fixed(0), quick: true },
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
  {
    nut: 'battery.runtime',
    path: 'UPS.PowerSummary.RunTimeToEmpty',
    format: fixed(0),
    quick: true,
  },
  { nut: 'battery.runtime', path: 'UPS.Battery.RunTimeToEmpty', format: fixed(0), quick: true },
  {
    nut: 'battery.runtime.low',
    path: 'UPS.PowerSummary.RemainingTimeLimit',
    format: fixed(0),
    rw: true,
  },
  { nut: 'battery.runtime.low', path: 'UPS.Battery.RemainingTimeLimit', format: fixed(0) },
  // the nominal first: vendor fix-ups of battery.voltage compare with it
  {
    nut: 'battery.voltage.nominal',
    path: 'UPS.PowerSummary.ConfigVoltage',
    format: fixed(1),
    static: true,
  },
  {
    nut: 'battery.voltage.nominal',
    path: 'UPS.Battery.ConfigVoltage',
    format: fixed(1),
    static: true,
  },
  { nut: 'battery.voltage', path: 'UPS.PowerSummary.Voltage', format: fixed(1) },
  { nut: 'battery.voltage', path: 'UPS.Battery.Voltage', format: fixed(1) },
  {
    nut: 'battery.mfr.date',
    path: 'UPS.Battery.ManufacturerDate',
    format: hidDateText,
    static: true,
  },
  {
    nut: 'battery.mfr.date',
    path: 'UPS.BatterySystem.Battery.ManufacturerDate',
    format: hidDateText,
    static: true,
  },
  { nut: 'battery.date', path: 'UPS.Battery.ManufacturerDate', format: hidDateText, static: true },
  {
    nut: 'battery.date',
    path: 'UPS.BatterySystem.Battery.ManufacturerDate',
    format: hidDateText,
    static: true,
  },
  // input
  { nut: 'input.voltage', path: 'UPS.Input.Voltage', format: fixed(1) },
  { nut: 'input.voltage.nominal', path: 'UPS.Input.ConfigVoltage', format: fixed(0), static: true },
  { nut: 'input.transfer.low', path: 'UPS.Input.LowVoltageTransfer', format: fixed(0), rw: true },
  { nut: 'input.transfer.high', path: 'UPS.Input.HighVoltageTransfer', format: fixed(0), rw: true },
  {
    nut: 'input.frequency.nominal',
    path: 'UPS.Input.ConfigFrequency',
    format: fixed(0),
    static: true,
  },
  { nut: 'input.frequency', path: 'UPS.Input.Frequency', format: fixed(1) },
  // output
  { nut: 'output.voltage', path: 'UPS.Output.Voltage', format: fixed(1) },
  {
    nut: 'output.voltage.nominal',
    path: 'UPS.Output.ConfigVoltage',
    format: fixed(0),
    static: true,
  },
  { nut: 'output.frequency', path: 'UPS.Output.Frequency', format: fixed(1) },
  { nut: 'output.current', path: 'UPS.Output.Current', format: fixed(2) },
  // ups
  { nut: 'ups.load', path: 'UPS.Output.PercentLoad', format: fixed(0) },
  { nut: 'ups.load', path: 'UPS.PowerConverter.PercentLoad', format: fixed(0) },
  { nut: 'ups.load', path: 'UPS.PowerSummary.PercentLoad', format: fixed(0) },
  { nut: 'ups.realpower', path: 'UPS.Output.ActivePower', format: fixed(0) },
  { nut: 'ups.power', path: 'UPS.Output.ApparentPower', format: fixed(0) },
  {
    nut: 'ups.realpower.nominal',
    path: 'UPS.Output.ConfigActivePower',
    format: fixed(0),
    static: true,
  },
  {
    nut: 'ups.power.nominal',
    path: 'UPS.Output.ConfigApparentPower',
    format: fixed(0),
    static: true,
  },
  { nut: 'ups.temperature', path: 'UPS.PowerSummary.Temperature', format: kelvinToCelsius },
  { nut: 'battery.temperature', path: 'UPS.Battery.Temperature', format: kelvinToCelsius },
  { nut: 'ups.timer.shutdown', path: 'UPS.PowerSummary.DelayBeforeShutdown', format: fixed(0) },
  { nut: 'ups.timer.start', path: 'UPS.PowerSummary.DelayBeforeStartup', format: fixed(0) },
  { nut: 'ups.timer.reboot', path: 'UPS.PowerSummary.DelayBeforeReboot', format: fixed(0) },
  { nut: 'ups.test.result', path: 'UPS.BatterySystem.Battery.Test', format: lookup(TEST_RESULT) },
  { nut: 'ups.test.result', path: 'UPS.Battery.Test', format: lookup(TEST_RESULT) },
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
  {
    path: 'UPS.PowerSummary.PresentStatus.BatteryPresent',
    flag: 'nobattery',
    when: (v) => v === 0,
  },
  { path: 'UPS.PowerSummary.PresentStatus.OverTemperature', flag: 'overheat' },
  { path: 'UPS.PowerSummary.PresentStatus.InternalFailure', flag: 'internalfault' },
  { path: 'UPS.PowerSummary.PresentStatus.AwaitingPower', flag: 'awaitingpower' },
  { path: 'UPS.PowerSummary.PresentStatus.VoltageOutOfRange', flag: 'vrange' },
  { path: 'UPS.PowerSummary.PresentStatus.FrequencyOutOfRange', flag: 'frange' },
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
  // APC and others put the battery straight under UPS
  { cmd: 'test.battery.start.quick', path: 'UPS.Battery.Test', value: 1 },
  { cmd: 'test.battery.start.deep', path: 'UPS.Battery.Test', value: 2 },
  { cmd: 'test.battery.stop', path: 'UPS.Battery.Test', value: 3 },
  { cmd: 'beeper.disable', path: 'UPS.PowerSummary.AudibleAlarmControl', value: 1 },
  { cmd: 'beeper.enable', path: 'UPS.PowerSummary.AudibleAlarmControl', value: 2 },
  { cmd: 'beeper.mute', path: 'UPS.PowerSummary.AudibleAlarmControl', value: 3 },
];
