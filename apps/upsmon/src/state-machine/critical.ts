import type { MachineConfig } from './types.js';
import type { UpsMemory } from './ups-memory.js';

/**
 * `critical`: counts against MINSUPPLIES. `waiting`: OB+LB but not yet critical (OBLBDURATION
 * running, or a secondary giving the primary HOSTSYNC to set FSD). `safe`: nothing to fear.
 */
export type Criticality = 'critical' | 'waiting' | 'safe';

/** Whether the UPS is critical (see {@link criticality}). */
export function isCritical(ups: UpsMemory, config: MachineConfig, now: number): boolean {
  return criticality(ups, config, now) === 'critical';
}

/**
 * NUT's is_ups_critical(), in its order: FSD; lost communication with a dangerous last state;
 * OFF for longer than OFFDURATION; then OB+LB (not during CAL, after OBLBDURATION), critical at
 * once for a primary and after HOSTSYNC without FSD for a secondary.
 */
export function criticality(ups: UpsMemory, config: MachineConfig, now: number): Criticality {
  const critical = evaluate(ups, config, now);
  if (critical) return 'critical';
  return ups.has('OB') && ups.has('LB') ? 'waiting' : 'safe';
}

function evaluate(ups: UpsMemory, config: MachineConfig, now: number): boolean {
  if (ups.has('FSD')) return true;
  if (ups.commOk === false) {
    if (
      ups.has('OVER') &&
      config.overDuration >= 0 &&
      ups.overSince !== undefined &&
      now - ups.overSince >= config.overDuration * 1000
    )
      return true;
    if (ups.has('ALARM') && config.alarmCritical) return true;
    if (ups.has('CAL') || ups.has('BYPASS')) return true;
    if (ups.has('OFF') && config.offDuration >= 0) return true;
  }
  if (
    ups.has('OFF') &&
    config.offDuration >= 0 &&
    ups.offSince !== undefined &&
    now - ups.offSince >= config.offDuration * 1000
  )
    return true;
  if (!(ups.has('OB') && ups.has('LB'))) return false;
  if (ups.has('CAL')) return false;
  if (
    config.obLbDuration > 0 &&
    (ups.obLbSince === undefined || now - ups.obLbSince < config.obLbDuration * 1000)
  )
    return false;
  if (ups.primary) return true;
  return now - ups.lastNonCritical > config.hostSync * 1000;
}
