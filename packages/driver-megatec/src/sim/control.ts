import type { MegatecUps } from './megatec-ups.js';

/** The control lines {@link control} understands, for help texts. */
export const CONTROL_HELP = `mains on|off, charge <percent> (or battery <percent>), load <percent>,
input <volts>, fail on|off, silent on|off, garbage on|off, echo on|off, slow <ms>,
received, status`;

const SWITCHES = ['on', 'off'];

/**
 * Applies one control line (`mains off`, `battery 10`, `silent on`...) to the simulator and
 * returns the answer to print: the state as one JSON line, the received commands for
 * `received`, or a line starting with `error:`.
 */
export function control(ups: MegatecUps, line: string): string {
  const [what = 'status', value, extra] = line.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const fail = (why: string) => `error: ${why} (${CONTROL_HELP.replace(/\n/g, ' ')})`;
  if (extra !== undefined) return fail(`too many words in '${line.trim()}'`);
  const number = Number(value);
  const numeric = value !== undefined && value !== '' && Number.isFinite(number);
  const on = value === 'on';
  switch (what) {
    case 'mains':
    case 'fail':
    case 'silent':
    case 'garbage':
    case 'echo':
      if (!SWITCHES.includes(value ?? '')) return fail(`${what} needs on or off`);
      if (what === 'mains') ups.mains = on;
      else if (what === 'fail') ups.failed = on;
      else if (what === 'echo') ups.faults.echoAll = on;
      else if (what === 'silent') ups.faults.silent = on;
      else ups.faults.garbage = on;
      break;
    case 'charge':
    case 'battery':
    case 'load':
    case 'input':
    case 'slow':
      if (!numeric || number < 0) return fail(`${what} needs a number >= 0`);
      if (what === 'load') ups.load = number;
      else if (what === 'input') ups.inputVoltage = number;
      else if (what === 'slow') ups.faults.delayMs = number;
      else ups.charge = number;
      break;
    case 'received':
      return JSON.stringify(ups.received.slice(-50));
    case 'status':
      break;
    default:
      return fail(`unknown control '${line.trim()}'`);
  }
  return JSON.stringify(ups.snapshot());
}
