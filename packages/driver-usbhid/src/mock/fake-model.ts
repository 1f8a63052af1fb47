import type { HidDeviceInfo } from '../hid-device.js';
import type { UpsBehaviour, UpsRatings } from './ups-behaviour.js';

/**
 * One kind of fake HID UPS: how it introduces itself, its report descriptor, and how its
 * firmware shows the behaviour model's state in values (with the vendor's quirks).
 */
export interface FakeModel {
  /** What `port = fake:<name>` selects. */
  name: string;
  /** A line for `--help` and docs. */
  description: string;
  info: HidDeviceInfo;
  descriptor: Uint8Array;
  /** USB string descriptors by index, for the i* usages (iManufacturer, iDeviceChemistry...). */
  strings: Readonly<Record<number, string>>;
  ratings: UpsRatings;
  /** Names of the vendor usages the descriptor uses (page << 16 | id), for paths. */
  usageNames?: Readonly<Record<number, string>>;
  /**
   * The value the firmware reports for each HID path, in the field's physical units before
   * the unit exponent (volts, seconds, percent...). Paths not listed read as 0.
   */
  values(ups: UpsBehaviour): Record<string, number>;
  /** Applies a value the host wrote to `path` (physical units); standard paths by default. */
  write?(path: string, value: number, ups: UpsBehaviour): boolean;
}

/** The HID date format (battery ManufacturerDate): (year − 1980) × 512 + month × 32 + day. */
export function hidDate(year: number, month: number, day: number): number {
  return (year - 1980) * 512 + month * 32 + day;
}

/**
 * What writes to the standard Power Device usages do, by the last parts of the path:
 * delays, beeper, limits, transfer points, self-test. Returns false for a path it does not know.
 */
export function standardWrite(path: string, value: number, ups: UpsBehaviour): boolean {
  const name = path.split('.').slice(-1)[0];
  switch (name) {
    case 'DelayBeforeShutdown':
    case 'APCDelayBeforeShutdown':
      ups.shutdownDelay = value;
      return true;
    case 'DelayBeforeStartup':
    case 'APCDelayBeforeStartup':
      ups.startupDelay = value;
      return true;
    case 'DelayBeforeReboot':
      ups.rebootDelay = value;
      return true;
    case 'AudibleAlarmControl':
      ups.beeper = value;
      return true;
    case 'RemainingCapacityLimit':
      ups.chargeLow = value;
      return true;
    case 'RemainingTimeLimit':
      ups.runtimeLow = value;
      return true;
    case 'WarningCapacityLimit':
      ups.chargeWarning = value;
      return true;
    case 'LowVoltageTransfer':
      ups.transferLow = value;
      return true;
    case 'HighVoltageTransfer':
      ups.transferHigh = value;
      return true;
    case 'Test':
      ups.test(value);
      return true;
    default:
      return false;
  }
}

/** The status bits every model reports, under a PresentStatus collection at `prefix`. */
export function presentStatus(prefix: string, ups: UpsBehaviour): Record<string, number> {
  const bit = (on: boolean) => (on ? 1 : 0);
  return {
    [`${prefix}.ACPresent`]: bit(ups.mains),
    [`${prefix}.Charging`]: bit(ups.charging),
    [`${prefix}.Discharging`]: bit(ups.discharging),
    [`${prefix}.FullyCharged`]: bit(ups.mains && ups.charge >= 100),
    [`${prefix}.BelowRemainingCapacityLimit`]: bit(ups.lowBattery),
    [`${prefix}.RemainingTimeLimitExpired`]: bit(ups.discharging && ups.runtime < ups.runtimeLow),
    [`${prefix}.ShutdownImminent`]: bit(ups.shutdownImminent),
    [`${prefix}.NeedReplacement`]: bit(ups.replaceBattery),
    [`${prefix}.Overload`]: bit(ups.overload),
    [`${prefix}.BatteryPresent`]: 1,
    [`${prefix}.OverTemperature`]: bit(ups.overheat),
  };
}
