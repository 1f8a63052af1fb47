import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStatus, hasStatus, parseStatus, sameStatus } from './status.js';
import { ManualClock } from './clock.js';

describe('status tokens', () => {
  it('parses and formats', () => {
    expect(parseStatus('  OB  DISCHRG LB ')).toEqual(['OB', 'DISCHRG', 'LB']);
    expect(formatStatus(['OL', 'CHRG', 'OL', 'ALARM'])).toBe('ALARM OL CHRG');
    expect(hasStatus('FSD OB LB', 'LB')).toBe(true);
    expect(hasStatus('OBLB', 'LB')).toBe(false);
    expect(sameStatus('OB LB', 'LB OB')).toBe(true);
    expect(sameStatus('OB LB', 'OB')).toBe(false);
  });

  it('format then parse keeps the unique tokens', () => {
    const token = fc.stringMatching(/^[A-Z]{1,8}$/);
    fc.assert(
      fc.property(fc.array(token), (tokens) => {
        const parsed = parseStatus(formatStatus(tokens));
        expect(new Set(parsed)).toEqual(new Set(tokens));
        expect(parsed.length).toBe(new Set(tokens).size);
      }),
    );
  });
});

describe('ManualClock', () => {
  it('fires timers in order while advancing', () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    const cancelled = clock.setTimeout(() => fired.push('never'), 5);
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 5);
    }, 10);
    clock.clearTimeout(cancelled);
    clock.advance(30);
    expect(fired).toEqual(['a@1010', 'c@1015', 'b@1020']);
    expect(clock.now()).toBe(1030);
  });
});
