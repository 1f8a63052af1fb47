import type { Q1Status } from './q1.js';

/** What the status bits mean in NUT terms. */
export interface Q1Meaning {
  /** ups.status tokens: OL or OB first, then LB, TRIM/BYPASS/BOOST, CAL, FSD. */
  tokens: string[];
  /** ups.alarm texts. */
  alarms: string[];
  upsType: 'offline / line interactive' | 'online';
  beeper: 'enabled' | 'disabled';
}

/**
 * b5 says "bypass, boost or buck" without saying which: NUT tells them apart by the output to
 * input ratio, and ignores the bit when the ratio makes no sense (output off, input gone).
 */
function regulation(vi: number, vo: number): string | undefined {
  if (vo < 0.5 * vi) return undefined;
  if (vo < 0.95 * vi) return 'TRIM';
  if (vo < 1.05 * vi) return 'BYPASS';
  if (vo < 1.5 * vi) return 'BOOST';
  return undefined;
}

/**
 * Status bits to ups.status tokens, alarms, ups.type and ups.beeper.status, by nutdrv_qx's
 * rules. `ignoreSab` drops the "shutdown active" bit (units that raise it spuriously).
 */
export function interpretQ1(status: Q1Status, options: { ignoreSab?: boolean } = {}): Q1Meaning {
  const [utilityFail, batteryLow, regulating, upsFailed, standby, testing, shutdownActive, beeper] =
    status.bits;
  const tokens = [utilityFail ? 'OB' : 'OL'];
  const alarms: string[] = [];
  if (batteryLow) tokens.push('LB');
  const mode = regulating ? regulation(status.inputVoltage, status.outputVoltage) : undefined;
  if (mode) tokens.push(mode);
  if (upsFailed) alarms.push('UPS selftest failed!');
  if (testing) tokens.push('CAL');
  if (shutdownActive && !options.ignoreSab) {
    tokens.push('FSD');
    alarms.push('Shutdown imminent!');
  }
  return {
    tokens,
    alarms,
    upsType: standby ? 'offline / line interactive' : 'online',
    beeper: beeper ? 'enabled' : 'disabled',
  };
}
