import { monotonicNow, type Clock } from '@nut-ts/core';

/**
 * Slows password guessing: after `maxFailures` failed checks for one key (address and user
 * name) within `windowMs`, privileged commands for that key are refused (ACCESS-DENIED, as for a
 * wrong password) until the failures are older than `windowMs`.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
  ) {}

  blocked(key: string): boolean {
    return this.recent(key).length >= this.maxFailures;
  }

  fail(key: string): void {
    const times = this.recent(key);
    times.push(monotonicNow(this.clock));
    this.failures.set(key, times);
    if (this.failures.size > 10_000) this.prune();
  }

  private recent(key: string): number[] {
    const since = monotonicNow(this.clock) - this.windowMs;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key).length === 0) this.failures.delete(key);
    }
  }
}
