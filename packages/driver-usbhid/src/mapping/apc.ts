import { GENERIC_COMMANDS, GENERIC_STATUS, GENERIC_VARS, fixed } from './generic.js';
import type { Subdriver } from './subdriver.js';

/** APCLineFailCause codes of a transfer for the line voltage (apcupsd's list, as NUT reads it). */
const VOLTAGE_CAUSES = new Set([
  1, // low line voltage
  2, // high line voltage
  4, // notch, spike or blackout
  8, // notch or blackout
  9, // spike or blackout
]);
const FREQUENCY_CAUSE = 7;
/**
 * Whether a cause code is one of `matches`: a known code (or 0, no transfer yet) decides, an
 * unknown one leaves the reason as it was.
 */
const cause = (matches: (code: number) => boolean) => (code: number) =>
  code === 0 || code === FREQUENCY_CAUSE || VOLTAGE_CAUSES.has(code) ? matches(code) : undefined;

/**
 * APC: vendor page 0xFF86; `shutdown.return` is one write of 1 to APCDelayBeforeReboot;
 * APCLineFailCause gives input.transfer.reason (NUT's texts: input voltage or frequency out
 * of range); APCStatusFlag 0 is an output that is off (OFF), 8 and 16 are normal.
 */
export const APC: Subdriver = {
  name: 'apc',
  vendorIds: [0x051d],
  usageNames: {
    0xff860005: 'APCGeneralCollection',
    0xff860052: 'APCLineFailCause',
    0xff860060: 'APCStatusFlag',
    0xff86007c: 'APCDelayBeforeReboot',
    0xff86007d: 'APCDelayBeforeShutdown',
    0xff86007e: 'APCDelayBeforeStartup',
  },
  vars: [
    ...GENERIC_VARS,
    { nut: 'ups.timer.reboot', path: 'UPS.Output.APCDelayBeforeReboot', format: fixed(0) },
    { nut: 'ups.timer.shutdown', path: 'UPS.Output.APCDelayBeforeShutdown', format: fixed(0) },
    { nut: 'ups.timer.start', path: 'UPS.Output.APCDelayBeforeStartup', format: fixed(0) },
  ],
  status: [
    ...GENERIC_STATUS,
    {
      path: 'UPS.PowerSummary.APCStatusFlag',
      flag: 'off',
      when: (v) => (v === 0 ? true : v === 8 || v === 16 ? false : undefined),
    },
    {
      path: 'UPS.Input.APCLineFailCause',
      flag: 'vrange',
      when: cause((code) => VOLTAGE_CAUSES.has(code)),
    },
    {
      path: 'UPS.Input.APCLineFailCause',
      flag: 'frange',
      when: cause((code) => code === FREQUENCY_CAUSE),
    },
  ],
  commands: [
    { cmd: 'shutdown.return', path: 'UPS.Output.APCDelayBeforeReboot', value: 1 },
    ...GENERIC_COMMANDS,
  ],
  delays: { off: 20, on: 30 },
};
