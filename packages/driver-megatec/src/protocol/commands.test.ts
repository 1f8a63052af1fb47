import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandAccepted, instantCommand, settableDelay, shutdownCommand } from './commands.js';

const DEFAULTS = { onDelay: 180, offDelay: 30 };

describe('instant commands on the wire', () => {
  // Each pair was seen on the wire from Debian's nutdrv_qx 2.8.0 (real-nut-peer.md §5).
  it.each([
    ['beeper.toggle', undefined, DEFAULTS, 'Q'],
    ['test.battery.start.quick', undefined, DEFAULTS, 'T'],
    ['test.battery.start', undefined, DEFAULTS, 'T10'],
    ['test.battery.start', '60', DEFAULTS, 'T01'],
    ['shutdown.return', undefined, DEFAULTS, 'S.5R0003'],
    ['shutdown.return', undefined, { onDelay: 180, offDelay: 60 }, 'S01R0003'],
    ['shutdown.stayoff', undefined, DEFAULTS, 'S.5R0000'],
    ['shutdown.stayoff', undefined, { onDelay: 180, offDelay: 60 }, 'S01R0000'],
    ['shutdown.stop', undefined, DEFAULTS, 'C'],
    ['load.on', undefined, DEFAULTS, 'C'],
    ['load.off', undefined, DEFAULTS, 'S00R0000'],
    ['test.battery.start.deep', undefined, DEFAULTS, 'TL'],
    ['test.battery.stop', undefined, DEFAULTS, 'CT'],
  ])('%s %s -> %s', (name, param, delays, wire) => {
    expect(instantCommand(name, param, delays)).toBe(wire);
  });

  it('leaves R out when the restart delay is under a minute, and truncates minutes', () => {
    expect(instantCommand('shutdown.return', undefined, { onDelay: 0, offDelay: 12 })).toBe('S.2');
    expect(instantCommand('shutdown.return', undefined, { onDelay: 59, offDelay: 600 })).toBe(
      'S10',
    );
    expect(instantCommand('shutdown.return', undefined, { onDelay: 599940, offDelay: 54 })).toBe(
      'S.9R9999',
    );
    expect(instantCommand('test.battery.start', '119', DEFAULTS)).toBe('T01');
    expect(instantCommand('test.battery.start', '5940', DEFAULTS)).toBe('T99');
  });

  it('refuses test times outside 60…5940 s and commands Megatec lacks', () => {
    for (const bad of ['59', '5941', 'ten', '-60', '1e3'])
      expect(() => instantCommand('test.battery.start', bad, DEFAULTS)).toThrow(/out of range/);
    expect(instantCommand('outlet.1.load.off', undefined, DEFAULTS)).toBeUndefined();
  });

  it('always encodes S<n>[R<mmmm>] that the simulator and the Megatec grammar accept', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 12, max: 600 }),
        fc.integer({ min: 0, max: 599940 }),
        (offDelay, onDelay) => {
          expect(instantCommand('shutdown.return', undefined, { onDelay, offDelay })).toMatch(
            /^S(\.[2-9]|(0[1-9]|10))(R\d{4})?$/,
          );
          expect(shutdownCommand(offDelay, 0)).toMatch(/R0000$/);
        },
      ),
    );
  });
});

describe('writable delays', () => {
  it('truncates to what the UPS can hold, within the ranges', () => {
    expect(settableDelay('ups.delay.shutdown', '13')).toBe(12);
    expect(settableDelay('ups.delay.shutdown', '59')).toBe(54);
    expect(settableDelay('ups.delay.shutdown', '119')).toBe(60);
    expect(settableDelay('ups.delay.start', '179')).toBe(120);
    expect(settableDelay('ups.delay.start', '0')).toBe(0);
    for (const bad of ['11', '601', '', 'x', '30.5', '-1'])
      expect(settableDelay('ups.delay.shutdown', bad)).toBeUndefined();
    expect(settableDelay('ups.delay.start', '599941')).toBeUndefined();
  });
});

describe('command replies', () => {
  it('reads silence and ACK as success, an echo or anything else as refusal', () => {
    expect(commandAccepted(undefined)).toBe(true);
    expect(commandAccepted('')).toBe(true);
    expect(commandAccepted('(ACK')).toBe(true);
    expect(commandAccepted('ACK')).toBe(true);
    expect(commandAccepted('ack')).toBe(true);
    expect(commandAccepted('T05')).toBe(false);
    expect(commandAccepted('(NAK')).toBe(false);
  });
});
