import { CABLE_POWER } from '../bindings/serial.js';
import { settableDelay } from '../protocol/commands.js';
import type { RuntimeCalibration } from '../protocol/battery.js';
import { findDialect, DIALECTS, type Dialect } from '../protocol/dialects.js';
import type { VendorLayout } from '../protocol/info.js';

/** nutdrv_qx's ups.conf options, checked. Times in seconds, loads in percent. */
export interface MegatecOptions {
  port: string;
  /** Forced dialect (`protocol =`), else detected. */
  dialect: Dialect | undefined;
  noRating: boolean;
  noVendor: boolean;
  ignoreSab: boolean;
  /** `-k` sends shutdown.stayoff instead of shutdown.return. */
  stayOff: boolean;
  cablePower: string;
  /** ups.delay.start, default 180, truncated to whole minutes. */
  onDelay: number;
  /** ups.delay.shutdown, default 30, truncated to what the UPS can hold. */
  offDelay: number;
  /** NUT's full-poll period (default 30); published as driver.parameter.pollfreq. */
  pollFreq: number;
  runtimeCal: RuntimeCalibration | undefined;
  chargeTime: number;
  idleLoad: number;
  /** The UPS reports one pack's voltage: publish battery.voltage times battery.packs. */
  oneBatteryPack: boolean;
  /** battery.packs from the configuration (default./override.), else detected. */
  batteryPacks: number | undefined;
  nominalVoltage: number | undefined;
  voltageLow: number | undefined;
  voltageHigh: number | undefined;
  /** Layout of the I reply (nut-ts option `vendorlayout`, default classic). */
  vendorLayout: VendorLayout;
}

/** A bad driver option; the message names the ups.conf section and the option. */
export class DriverOptionError extends Error {
  override readonly name = 'DriverOptionError';
}

/**
 * Reads nutdrv_qx's options from a ups.conf section (`options` with lower-case keys, bare
 * `flags`). Throws {@link DriverOptionError} listing every bad option; `where` names the
 * section in messages (`/etc/nut/ups.conf [rack]`).
 */
export function parseMegatecOptions(
  options: Readonly<Record<string, string>>,
  flags: readonly string[],
  where: string,
): MegatecOptions {
  const errors: string[] = [];
  const flag = (name: string) => flags.includes(name) || options[name] !== undefined;
  const number = (
    name: string,
    check: (n: number) => boolean,
    range: string,
  ): number | undefined => {
    const text = options[name];
    if (text === undefined) return undefined;
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value) || !check(value)) {
      errors.push(`${name} = ${text}: must be ${range}`);
      return undefined;
    }
    return value;
  };
  const delay = (
    name: string,
    variable: 'ups.delay.start' | 'ups.delay.shutdown',
    fallback: number,
    range: string,
  ) => {
    const text = options[name];
    if (text === undefined) return fallback;
    const value = settableDelay(variable, text);
    if (value === undefined) errors.push(`${name} = ${text}: must be whole seconds ${range}`);
    return value ?? fallback;
  };

  const port = options.port ?? '';
  if (port === '') errors.push('port is missing (a serial device or tcp://host:port)');
  const protocol = options.protocol;
  const dialect = protocol === undefined ? undefined : findDialect(protocol);
  if (protocol !== undefined && !dialect)
    errors.push(`protocol = ${protocol}: must be one of ${DIALECTS.map((d) => d.name).join(', ')}`);
  const cablePower = (options.cablepower ?? 'normal').toLowerCase();
  if (!CABLE_POWER[cablePower])
    errors.push(`cablepower = ${options.cablepower}: must be normal, reverse, both or none`);
  const vendorLayout = (options.vendorlayout ?? 'classic').toLowerCase();
  if (vendorLayout !== 'classic' && vendorLayout !== 'ic')
    errors.push(`vendorlayout = ${options.vendorlayout}: must be classic or ic`);

  let runtimeCal: RuntimeCalibration | undefined;
  if (options.runtimecal !== undefined) {
    const parts = options.runtimecal.split(',').map((part) => Number(part.trim()));
    const [rh, lh, rl, ll] = parts as [number, number, number, number];
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)))
      errors.push(
        `runtimecal = ${options.runtimecal}: needs 4 numbers: runtime high, load high, runtime low, load low`,
      );
    else if (!(rh > 0) || rl < rh)
      errors.push(
        `runtimecal = ${options.runtimecal}: runtimes must be > 0, the one at low load not shorter`,
      );
    else if (!(ll > 0) || ll > lh || lh > 100)
      errors.push(`runtimecal = ${options.runtimecal}: loads must be 0 < low <= high <= 100`);
    else runtimeCal = { runtimeHigh: rh, loadHigh: lh, runtimeLow: rl, loadLow: ll };
  }
  const positive = (n: number) => n > 0;
  const configured = (name: string) => options[`override.${name}`] ?? options[`default.${name}`];
  const volts = (name: string) => {
    const text = configured(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!(value > 0)) errors.push(`${name} = ${text}: must be a voltage > 0`);
    return value > 0 ? value : undefined;
  };
  const packsText = configured('battery.packs');
  const packs = packsText === undefined ? undefined : Number(packsText);
  if (packs !== undefined && !(packs > 0))
    errors.push(`battery.packs = ${packsText}: must be a number > 0`);

  const result: MegatecOptions = {
    port,
    dialect,
    noRating: flag('norating'),
    noVendor: flag('novendor'),
    ignoreSab: flag('ignoresab'),
    stayOff: flag('stayoff'),
    cablePower,
    onDelay: delay('ondelay', 'ups.delay.start', 180, '0-599940'),
    offDelay: delay('offdelay', 'ups.delay.shutdown', 30, '12-600'),
    pollFreq: number('pollfreq', positive, 'a number of seconds > 0') ?? 30,
    runtimeCal,
    chargeTime: number('chargetime', positive, 'a number of seconds > 0') ?? 43200,
    idleLoad: number('idleload', (n) => n > 0 && n <= 100, 'a percentage > 0 and <= 100') ?? 10,
    oneBatteryPack: flag('battery_voltage_reports_one_pack'),
    batteryPacks: packs !== undefined && packs > 0 ? packs : undefined,
    nominalVoltage: volts('battery.voltage.nominal'),
    voltageLow: volts('battery.voltage.low'),
    voltageHigh: volts('battery.voltage.high'),
    vendorLayout: vendorLayout === 'ic' ? 'ic' : 'classic',
  };
  if (
    result.voltageLow !== undefined &&
    result.voltageHigh !== undefined &&
    result.voltageHigh <= result.voltageLow
  )
    errors.push('battery.voltage.high must be above battery.voltage.low');
  if (errors.length > 0)
    throw new DriverOptionError(errors.map((error) => `${where}: ${error}`).join('\n'));
  return result;
}
