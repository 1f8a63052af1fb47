import type { MegatecUps } from './megatec-ups.js';

/**
 * Applies one control line to the simulator (`mains off`, `charge 15`, `silent on`...) and
 * returns the answer to print.
 */
export function control(ups: MegatecUps, line: string): string {
  const [what, value] = line.trim().split(/\s+/);
  const on = value === 'on' || value === 'true' || value === '1';
  switch (what) {
    case 'mains':
      ups.mains = on;
      break;
    case 'charge':
      ups.charge = Math.min(100, Math.max(0, Number(value)));
      break;
    case 'load':
      ups.load = Math.min(200, Math.max(0, Number(value)));
      break;
    case 'silent':
      ups.faults.silent = on;
      break;
    case 'garbage':
      ups.faults.garbage = on;
      break;
    case 'echo':
      ups.faults.echoAll = on;
      break;
    case 'slow':
      ups.faults.delayMs = Math.max(0, Number(value) || 0);
      break;
    case 'status':
    case undefined:
      break;
    default:
      return `unknown control '${line.trim()}' (mains on|off, charge N, load N, silent on|off, garbage on|off, echo on|off, slow MS, status)`;
  }
  return JSON.stringify({
    mains: ups.mains,
    charge: Math.round(ups.charge * 10) / 10,
    load: ups.load,
    output: ups.outputOn,
    shutdownPending: ups.shutdownPending,
    beeper: ups.beeper,
    received: ups.received.length,
  });
}
