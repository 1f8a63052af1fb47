/** Exponential backoff between reconnect attempts, reset after a success. */
export class ReconnectPolicy {
  private delay: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: { minDelayMs?: number; maxDelayMs?: number }) {
    this.minDelayMs = options.minDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.delay = this.minDelayMs;
  }

  /** Runs `attempt` after the current delay, and again with a longer delay while it fails. */
  schedule(attempt: () => Promise<void>, onFailure: (error: unknown) => void): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      attempt().catch((error: unknown) => {
        onFailure(error);
        this.delay = Math.min(this.delay * 2, this.maxDelayMs);
        this.schedule(attempt, onFailure);
      });
    }, this.delay);
    this.timer.unref?.();
  }

  reset(): void {
    this.delay = this.minDelayMs;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
