import type { FakePowerDevice } from './fake-power-device.js';
import type { UpsChange } from './ups-behaviour.js';

/** The control lines {@link controlFake} understands, for help texts and errors. */
export const FAKE_CONTROL_HELP =
  'mains on|off, charge <percent>, load <percent>, input <volts>, unplug on|off, ' +
  'replace on|off, calibrate on|off, overheat on|off, tick <seconds>, status, written';

/** The on/off control lines and the state each switches. */
const SWITCHES = {
  mains: 'mains',
  unplug: 'unplugged',
  replace: 'replaceBattery',
  calibrate: 'calibrating',
  overheat: 'overheat',
} as const satisfies Record<string, keyof UpsChange>;

/**
 * Applies one control line to a fake UPS (`mains off`, `charge 8`, `unplug on`, `tick 30`...)
 * and returns the answer: the state as one JSON line, the host's writes as a JSON array for
 * `written`, or a line starting with `error:`.
 */
export function controlFake(device: FakePowerDevice, line: string): string {
  const words = line.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const [what = 'status', value, extra] = words;
  const fail = (why: string) => `error: ${why} (${FAKE_CONTROL_HELP})`;
  if (extra !== undefined) return fail(`too many words in '${line.trim()}'`);
  const number = Number(value);
  const numeric = value !== undefined && Number.isFinite(number) && number >= 0;
  switch (what) {
    case 'mains':
    case 'unplug':
    case 'replace':
    case 'calibrate':
    case 'overheat': {
      if (value !== 'on' && value !== 'off') return fail(`${what} needs on or off`);
      const key = SWITCHES[what];
      device.set({ [key]: value === 'on' });
      break;
    }
    case 'charge':
    case 'load':
    case 'input':
    case 'tick':
      if (!numeric) return fail(`${what} needs a number >= 0`);
      if (what === 'tick') device.tick(number);
      else
        device.set(
          what === 'charge'
            ? { charge: number }
            : what === 'load'
              ? { load: number }
              : { inputVoltage: number },
        );
      break;
    case 'written':
      return JSON.stringify(device.written);
    case 'status':
      break;
    default:
      return fail(`unknown control '${line.trim()}'`);
  }
  return JSON.stringify({ model: device.model.name, ...device.ups.snapshot() });
}
