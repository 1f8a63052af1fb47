import { hidPath } from '../hid/usages.js';
import {
  GENERIC_COMMANDS,
  GENERIC_STATUS,
  GENERIC_VARS,
  fixed,
  lookup,
  TEST_RESULT,
} from './generic.js';
import type { AdjustContext, Subdriver } from './subdriver.js';

/** Reads in 0.1 Hz without an exponent become Hz when that lands within 10 % of a nominal. */
function rescaleFrequency(value: number, ctx: AdjustContext): number {
  const nominal = Number(ctx.get('input.frequency.nominal'));
  const nominals = nominal > 0 ? [nominal] : [50, 60];
  const near = (f: number) => nominals.some((n) => Math.abs(f - n) <= n * 0.1);
  if (near(value) || value === 0) return value;
  return near(value / 10) ? value / 10 : value;
}

/**
 * Some models (product 0501) report battery voltages 1.5 times too high: once the nominal is
 * known, a reading over 1.4 × nominal fixes the scale at 2/3 for good (decided once, as NUT).
 */
function rescaleBattery(value: number, ctx: AdjustContext): number {
  if (ctx.productId !== 0x0501) return value;
  let scale = ctx.memo.get('battery.scale');
  if (scale === undefined) {
    const nominal = Number(ctx.get('battery.voltage.nominal'));
    if (!(nominal > 0)) return value;
    scale = value / nominal > 1.4 ? 2 / 3 : 1;
    ctx.memo.set('battery.scale', scale);
  }
  return Math.round(value * scale * 100) / 100;
}

/**
 * CyberPower: standard pages with delays and self-test under UPS.Output; fixes for firmware
 * that gives Output/Input.Voltage the logical limits of Input.HighVoltageTransfer (widened to
 * 0…511), frequencies in 0.1 Hz and 1.5× battery voltages. Longer default delays, and a
 * full update every 12 s rather than 30.
 */
export const CYBERPOWER: Subdriver = {
  name: 'cyberpower',
  vendorIds: [0x0764],
  usageNames: {},
  vars: [
    ...GENERIC_VARS,
    { nut: 'ups.timer.shutdown', path: 'UPS.Output.DelayBeforeShutdown', format: fixed(0) },
    { nut: 'ups.timer.start', path: 'UPS.Output.DelayBeforeStartup', format: fixed(0) },
    { nut: 'ups.test.result', path: 'UPS.Output.Test', format: lookup(TEST_RESULT) },
  ],
  status: GENERIC_STATUS,
  commands: [
    { cmd: 'load.off.delay', path: 'UPS.Output.DelayBeforeShutdown', value: 'param-or-offdelay' },
    { cmd: 'load.on.delay', path: 'UPS.Output.DelayBeforeStartup', value: 'param-or-ondelay' },
    { cmd: 'shutdown.stop', path: 'UPS.Output.DelayBeforeShutdown', value: -1 },
    { cmd: 'test.battery.start.quick', path: 'UPS.Output.Test', value: 1 },
    { cmd: 'test.battery.start.deep', path: 'UPS.Output.Test', value: 2 },
    { cmd: 'test.battery.stop', path: 'UPS.Output.Test', value: 3 },
    ...GENERIC_COMMANDS,
  ],
  delays: { off: 60, on: 120 },
  // NUT polls CyberPower firmware in full more often (its DEFAULT_POLLFREQ_CPS).
  pollFreq: 12,
  fixFields(fields, names) {
    const byPath = (path: string) => fields.filter((f) => hidPath(f.path, names) === path);
    const transfer = byPath('UPS.Input.HighVoltageTransfer')[0];
    if (!transfer) return;
    for (const path of ['UPS.Output.Voltage', 'UPS.Input.Voltage']) {
      for (const field of byPath(path)) {
        if (field.logicalMin === transfer.logicalMin && field.logicalMax === transfer.logicalMax) {
          field.logicalMin = 0;
          field.logicalMax = 511;
        }
      }
    }
  },
  adjust(nut, value, ctx) {
    if (nut === 'input.frequency' || nut === 'output.frequency')
      return rescaleFrequency(value, ctx);
    if (nut === 'battery.voltage') return rescaleBattery(value, ctx);
    return value;
  },
};
