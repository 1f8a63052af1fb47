import { formatStatus, parseStatus } from '@nut-ts/core';
import type { StateStore } from './state-store.js';

export interface StatusBuilderOptions {
  /** ups.conf `ignorelb`: drop the device's LB and decide it from the low limits instead. */
  ignoreLb?: boolean;
  /**
   * Add CHRG or DISCHRG from the battery.charge trend when the driver set neither, as NUT
   * releases after 2.8.0 do. Off by default: NUT 2.8.0 reports only what the driver set (a
   * Megatec UPS on battery is plain `OB`).
   */
  chargeTrend?: boolean;
}

/**
 * Builds ups.status the way NUT 2.8.0's driver framework does (status_init / status_set /
 * alarm_set / status_commit): tokens de-duplicated, ALARM first with the texts in ups.alarm,
 * LB synthesised under `ignorelb` from battery.charge.low / battery.runtime.low.
 */
export class StatusBuilder {
  private tokens: string[] = [];
  private alarms: string[] = [];
  private lastCharge: number | undefined;

  constructor(
    private readonly store: StateStore,
    private readonly options: StatusBuilderOptions = {},
  ) {}

  init(): void {
    this.tokens = [];
    this.alarms = [];
  }

  set(token: string): void {
    for (const part of parseStatus(token)) {
      if (this.options.ignoreLb && part === 'LB') continue;
      this.tokens.push(part);
    }
  }

  alarm(text: string): void {
    if (!this.alarms.includes(text)) this.alarms.push(text);
  }

  commit(): void {
    const tokens = [...this.tokens];
    if (this.options.ignoreLb && this.belowLowLimits()) tokens.push('LB');
    const charge = Number(this.store.getInfo('battery.charge'));
    if (this.options.chargeTrend && Number.isFinite(charge)) {
      if (this.lastCharge !== undefined && charge !== this.lastCharge && charge < 100) {
        if (!tokens.includes('CHRG') && !tokens.includes('DISCHRG'))
          tokens.push(charge > this.lastCharge ? 'CHRG' : 'DISCHRG');
      }
      this.lastCharge = charge;
    }
    if (this.alarms.length > 0) {
      tokens.unshift('ALARM');
      this.store.setInfo('ups.alarm', this.alarms.join(' '));
    } else if (this.store.getInfo('ups.alarm') !== undefined) {
      this.store.delInfo('ups.alarm');
    }
    this.store.setInfo('ups.status', formatStatus(tokens));
  }

  private belowLowLimits(): boolean {
    const below = (value: string, limit: string) => {
      const v = Number.parseInt(this.store.getInfo(value) ?? '', 10);
      const l = Number.parseInt(this.store.getInfo(limit) ?? '', 10);
      return Number.isFinite(v) && Number.isFinite(l) && v < l;
    };
    return (
      below('battery.charge', 'battery.charge.low') ||
      below('battery.runtime', 'battery.runtime.low')
    );
  }
}
