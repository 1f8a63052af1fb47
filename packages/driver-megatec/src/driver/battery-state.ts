import type { Logger } from '@nut-ts/core';
import {
  chargeFromVoltage,
  defaultVoltageLimits,
  detectPacks,
  RuntimeEstimate,
} from '../protocol/battery.js';
import type { MegatecOptions } from './options.js';

/** The battery variables one poll publishes. */
export interface BatteryReading {
  'battery.voltage': string;
  'battery.charge'?: string;
  'battery.runtime'?: string;
}

/**
 * Battery bookkeeping as nutdrv_qx does it: voltage limits (configured, or guessed from the
 * nominal voltage), the pack count (configured, or detected from the first reading), charge
 * from voltage, or the `runtimecal` estimate when calibrated.
 */
export class BatteryState {
  /** battery.voltage.low/high guessed from the nominal voltage, to publish; undefined if configured or unknown. */
  readonly guessedLimits: { low: number; high: number } | undefined;
  private readonly limits: { low: number; high: number } | undefined;
  private packs: number | undefined;
  private estimate: RuntimeEstimate | undefined;
  private lastPollMs: number | undefined;
  private started = false;

  constructor(
    private readonly options: MegatecOptions,
    private readonly nominal: number | undefined,
    private readonly logger: Logger,
  ) {
    const { voltageLow, voltageHigh } = options;
    if (voltageLow !== undefined && voltageHigh !== undefined) {
      this.limits = { low: voltageLow, high: voltageHigh };
    } else if (nominal !== undefined) {
      this.guessedLimits = defaultVoltageLimits(nominal);
      this.limits = this.guessedLimits;
      logger.info(
        this.guessedLimits,
        'no battery low/high voltages configured: guessed from the nominal voltage',
      );
    }
    this.packs = options.batteryPacks;
  }

  /** One poll: the reported voltage, load (%), whether on battery, and the clock (ms). */
  update(reported: number, load: number, onBattery: boolean, nowMs: number): BatteryReading {
    if (!this.started) this.start(reported);
    const packs = this.packs ?? 1;
    const total = reported * packs;
    const reading: BatteryReading = {
      'battery.voltage': (this.options.oneBatteryPack ? total : reported).toFixed(2),
    };
    if (this.estimate) {
      const elapsed = this.lastPollMs === undefined ? 0 : (nowMs - this.lastPollMs) / 1000;
      const { charge, runtime } = this.estimate.step(elapsed, load, onBattery);
      reading['battery.charge'] = charge.toFixed(0);
      reading['battery.runtime'] = runtime.toFixed(0);
    } else if (this.limits) {
      reading['battery.charge'] = chargeFromVoltage(
        total,
        this.limits.low,
        this.limits.high,
      ).toFixed(0);
    }
    this.lastPollMs = nowMs;
    return reading;
  }

  private start(reported: number): void {
    this.started = true;
    if (this.packs === undefined && this.nominal !== undefined) {
      this.packs = detectPacks(reported, this.nominal);
      if (this.packs === undefined)
        this.logger.warn(
          { nominal: this.nominal, reported },
          'cannot detect the number of battery packs',
        );
      else
        this.logger.info(
          { packs: this.packs, nominal: this.nominal, reported },
          'battery packs detected',
        );
    }
    const { runtimeCal } = this.options;
    if (!runtimeCal) return;
    const total = reported * (this.packs ?? 1);
    // With no limits NUT starts the estimate from nominal…1.15·nominal.
    const limits =
      this.limits ??
      (this.nominal === undefined ? undefined : { low: this.nominal, high: 1.15 * this.nominal });
    if (!limits) {
      this.logger.warn(
        'runtimecal ignored: the battery charge cannot be known (no nominal voltage)',
      );
      return;
    }
    const charge = chargeFromVoltage(total, limits.low, limits.high);
    this.estimate = new RuntimeEstimate(
      runtimeCal,
      charge,
      this.options.chargeTime,
      this.options.idleLoad,
    );
  }
}
