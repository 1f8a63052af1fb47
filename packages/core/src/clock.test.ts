import { describe, expect, it } from 'vitest';
import { ManualClock, monotonicNow, systemClock, type Clock } from './clock.js';

describe('ManualClock', () => {
  it('a wall-clock jump moves now() only: monotonic time and timers stay put', () => {
    const clock = new ManualClock(1_000);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.monotonic()), 500);
    clock.jumpWall(3_600_000);
    expect(clock.now()).toBe(3_601_000);
    expect(clock.monotonic()).toBe(1_000);
    expect(fired).toEqual([]);
    clock.jumpWall(-7_200_000);
    clock.advance(499);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([1_500]);
    expect(clock.now()).toBe(1_500 - 3_600_000);
  });

  it('advance moves wall and monotonic time together', () => {
    const clock = new ManualClock(0);
    clock.advance(250);
    expect([clock.now(), clock.monotonic()]).toEqual([250, 250]);
  });
});

describe('monotonicNow', () => {
  it('uses monotonic() when there is one, else now()', () => {
    const clock = new ManualClock(10);
    clock.jumpWall(5);
    expect(monotonicNow(clock)).toBe(10);
    const wallOnly: Clock = { ...systemClock, monotonic: undefined, now: () => 42 };
    expect(monotonicNow(wallOnly)).toBe(42);
  });

  it('the system clock has a monotonic source that does not go back', () => {
    const a = monotonicNow(systemClock);
    expect(monotonicNow(systemClock)).toBeGreaterThanOrEqual(a);
  });
});
