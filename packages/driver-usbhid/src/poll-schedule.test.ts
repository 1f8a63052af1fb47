import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL_FREQ, PollSchedule } from './poll-schedule.js';

/** The times (s) of the polls every `interval` s up to `until` that are full updates. */
function fullAt(schedule: PollSchedule, interval: number, until: number): number[] {
  const full: number[] = [];
  for (let t = 0; t <= until; t += interval) {
    if (!schedule.fullDue(t * 1000)) continue;
    full.push(t);
    schedule.fullDone(t * 1000);
  }
  return full;
}

describe('PollSchedule (pollfreq)', () => {
  it('makes the first poll and then one every pollfreq seconds a full update', () => {
    expect(DEFAULT_POLL_FREQ).toBe(30);
    expect(fullAt(new PollSchedule(), 2, 90)).toEqual([0, 30, 60, 90]);
    expect(fullAt(new PollSchedule(12), 5, 60)).toEqual([0, 15, 30, 45, 60]);
    // pollfreq under pollinterval: every poll is a full one
    expect(fullAt(new PollSchedule(1), 2, 6)).toEqual([0, 2, 4, 6]);
  });

  it('counts from the last full update that succeeded, and starts over when invalidated', () => {
    const schedule = new PollSchedule(30);
    expect(schedule.fullDue(0)).toBe(true);
    // a full update that failed (device lost) leaves the next one due
    expect(schedule.fullDue(2000)).toBe(true);
    schedule.fullDone(2000);
    expect(schedule.fullDue(31_999)).toBe(false);
    expect(schedule.fullDue(32_000)).toBe(true);
    schedule.invalidate();
    expect(schedule.fullDue(4000)).toBe(true);
  });
});
