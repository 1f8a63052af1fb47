import { describe, expect, it } from 'vitest';
import { APC } from './apc.js';
import { deriveStatus, type StatusFlag } from './status.js';

const status = (flags: StatusFlag[], mode?: 'keep' | 'onbattery' | 'calibration') =>
  deriveStatus(new Set(flags), 50, mode);

describe('usbhid-ups status derivation (NUT 7.4)', () => {
  it('OL + DISCHRG is kept by default, OB with onlinedischarge, CAL with the calibration option', () => {
    expect(status(['online', 'discharging']).tokens).toEqual(['OL', 'DISCHRG']);
    expect(status(['online', 'discharging'], 'onbattery').tokens).toEqual(['OB', 'DISCHRG']);
    expect(status(['online', 'discharging'], 'calibration').tokens).toEqual([
      'OL',
      'DISCHRG',
      'CAL',
    ]);
    expect(status(['online'], 'onbattery').tokens).toEqual(['OL']);
  });

  it('raises NUT alarms for the bits that are alarms, and RB for a missing battery', () => {
    expect(status(['online', 'replacebatt', 'overheat'])).toEqual({
      tokens: ['OL', 'RB'],
      alarms: ['Replace battery!', 'Temperature too high!'],
      transferReason: undefined,
    });
    expect(status(['nobattery', 'shutdownimm', 'off'])).toMatchObject({
      tokens: ['OB', 'LB', 'RB', 'OFF'],
      alarms: ['Shutdown imminent!', 'No battery installed!'],
    });
  });

  it('gives input.transfer.reason in NUT words, voltage before frequency', () => {
    expect(status(['vrange']).transferReason).toBe('input voltage out of range');
    expect(status(['frange']).transferReason).toBe('input frequency out of range');
    expect(status(['vrange', 'frange']).transferReason).toBe('input voltage out of range');
  });

  it('APC: APCLineFailCause codes and APCStatusFlag set, clear or keep their flags', () => {
    const entries = (path: string) => APC.status.filter((e) => e.path === path);
    const cause = (code: number) =>
      Object.fromEntries(entries('UPS.Input.APCLineFailCause').map((e) => [e.flag, e.when!(code)]));
    for (const code of [1, 2, 4, 8, 9])
      expect(cause(code)).toEqual({ vrange: true, frange: false });
    expect(cause(7)).toEqual({ vrange: false, frange: true });
    expect(cause(0)).toEqual({ vrange: false, frange: false });
    expect(cause(3)).toEqual({ vrange: undefined, frange: undefined });
    const [flag] = entries('UPS.PowerSummary.APCStatusFlag');
    expect([0, 8, 16, 5].map((v) => flag!.when!(v))).toEqual([true, false, false, undefined]);
  });
});
