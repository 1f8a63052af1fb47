import { GENERIC_COMMANDS, GENERIC_STATUS, GENERIC_VARS, fixed } from './generic.js';
import type { Subdriver } from './subdriver.js';

/**
 * APC: vendor page 0xFF86; `shutdown.return` is one write of 1 to APCDelayBeforeReboot;
 * input.transfer.reason from APCLineFailCause (the code as the UPS gives it).
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
    { nut: 'input.transfer.reason', path: 'UPS.Input.APCLineFailCause', format: (v) => String(v) },
    { nut: 'ups.timer.reboot', path: 'UPS.Output.APCDelayBeforeReboot', format: fixed(0) },
    { nut: 'ups.timer.shutdown', path: 'UPS.Output.APCDelayBeforeShutdown', format: fixed(0) },
    { nut: 'ups.timer.start', path: 'UPS.Output.APCDelayBeforeStartup', format: fixed(0) },
  ],
  status: GENERIC_STATUS,
  commands: [
    { cmd: 'shutdown.return', path: 'UPS.Output.APCDelayBeforeReboot', value: 1 },
    ...GENERIC_COMMANDS,
  ],
  delays: { off: 20, on: 30 },
};
