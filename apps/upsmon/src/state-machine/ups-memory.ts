import type { MonitorEntry } from '@nut-ts/config';

/** What upsmon remembers about one MONITOR line. */
export class UpsMemory {
  /** Last known status tokens (upper case); starts as OL: a UPS never heard from is not critical. */
  status = new Set<string>(['OL']);
  /** undefined until the first poll. */
  commOk: boolean | undefined;
  polled = false;
  lastPoll = 0;
  lastNonCritical: number;
  lastNoComm = -Infinity;
  lastReplaceBattery = -Infinity;
  offSince: number | undefined;
  overSince: number | undefined;
  obLbSince: number | undefined;
  alarm: string | undefined;
  loginRefused = false;

  constructor(
    /** Replaced on reload (power value or role may change); the memory stays. */
    public monitor: MonitorEntry,
    now: number,
  ) {
    this.lastNonCritical = now;
  }

  get system(): string {
    return this.monitor.system;
  }

  get primary(): boolean {
    return this.monitor.role === 'primary';
  }

  has(token: string): boolean {
    return this.status.has(token);
  }

  get onBattery(): boolean {
    return this.has('OB');
  }
}
