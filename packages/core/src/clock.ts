/** An opaque timer handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = { readonly __timer: true } | ReturnType<typeof globalThis.setTimeout>;

/** Time source and timers, injected so timing rules can be tested without sleeping. */
export interface Clock {
  /** Wall-clock milliseconds since the epoch: for timestamps only, never for durations. */
  now(): number;
  /**
   * Milliseconds from an arbitrary origin that never jumps when the wall clock is set (NTP,
   * an administrator, a resumed VM): measure durations and deadlines with this. Clocks that
   * lack it fall back to {@link Clock.now}; see {@link monotonicNow}.
   */
  monotonic?(): number;
  /** Fires after `ms` of monotonic time. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** `clock.monotonic()` when the clock has one, else `clock.now()`. */
export function monotonicNow(clock: Clock): number {
  return clock.monotonic ? clock.monotonic() : clock.now();
}

/** The real clock: Node's timers already run on the monotonic clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) =>
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

interface ManualTimer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to; timers fire in time order during {@link advance}.
 * {@link jumpWall} sets the wall clock alone, as NTP or `date -s` would.
 */
export class ManualClock implements Clock {
  /** Monotonic time; timers are due against it. */
  private current: number;
  /** Wall time minus monotonic time. */
  private wallOffset = 0;
  private timers: ManualTimer[] = [];
  private nextId = 1;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current + this.wallOffset;
  }

  monotonic(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), fn };
    this.timers.push(timer);
    return { __timer: true, id: timer.id } as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    const id = (handle as unknown as { id: number }).id;
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }

  /** Moves time (wall and monotonic) forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.current = next.at;
      next.fn();
    }
    this.current = target;
  }

  /**
   * Sets the wall clock `ms` forward (negative: backward) without any time passing: monotonic
   * time stays, and no timer fires.
   */
  jumpWall(ms: number): void {
    this.wallOffset += ms;
  }

  /** Number of timers waiting to fire. */
  get pending(): number {
    return this.timers.length;
  }
}
