/** NUT's default `pollfreq`, seconds between full updates. */
export const DEFAULT_POLL_FREQ = 30;

/**
 * NUT's two-speed polling for usbhid-ups: a full update (every mapped value) at start-up, every
 * `pollfreq` seconds and after a SET or an instant command; the polls in between are quick
 * updates (only the values that feed ups.status), which spares slow USB firmware.
 */
export class PollSchedule {
  /** Monotonic milliseconds at the start of the last full update; undefined: one is due. */
  private lastFull: number | undefined;

  /** @param pollFreq seconds between full updates (ups.conf `pollfreq`, 1 or more). */
  constructor(readonly pollFreq: number = DEFAULT_POLL_FREQ) {}

  /**
   * Whether an update starting at `now` (monotonic ms) is a full one. Counted from the start
   * of the last full update, so polls every pollinterval land a full one exactly every
   * pollfreq (NUT waits one pollinterval more, its test being strictly later).
   */
  fullDue(now: number): boolean {
    return this.lastFull === undefined || now - this.lastFull >= this.pollFreq * 1000;
  }

  /** A full update that started at `now` read everything. */
  fullDone(now: number): void {
    this.lastFull = now;
  }

  /** Makes the next update a full one (a value was written, or the device was reopened). */
  invalidate(): void {
    this.lastFull = undefined;
  }
}
