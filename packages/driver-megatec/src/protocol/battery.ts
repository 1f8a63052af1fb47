const PACK_COUNTS = [120, 100, 80, 60, 48, 36, 30, 24, 18, 12, 8, 6, 4, 3, 2, 1, 0.5];

/**
 * How many reported units make the whole battery: the largest n with n·V ≤ 1.25·nominal;
 * undefined when even that gives less than 0.8·nominal (autodetection failed).
 */
export function detectPacks(reported: number, nominal: number): number | undefined {
  if (!(reported > 0) || !(nominal > 0)) return undefined;
  const packs = PACK_COUNTS.find((n) => n * reported <= 1.25 * nominal);
  if (packs === undefined || packs * reported < 0.8 * nominal) return undefined;
  return packs;
}

/** Charge from voltage: 100·(V − low)/(high − low), clamped to 0…100. */
export function chargeFromVoltage(voltage: number, low: number, high: number): number {
  if (!(high > low)) return 0;
  return Math.min(100, Math.max(0, (100 * (voltage - low)) / (high - low)));
}

/** NUT's default limits for a nominal battery voltage: 10.4 V and 13.0 V per 12 V block. */
export function defaultVoltageLimits(nominal: number): { low: number; high: number } {
  return { low: (104 * nominal) / 120, high: (130 * nominal) / 120 };
}

/**
 * The `runtimecal` estimate: runtime falls on battery by the load factor and rises on line
 * over `chargetime`, capped at the nominal runtime at full load.
 */
export class RuntimeEstimate {
  readonly exponent: number;
  readonly nominal: number;
  private remaining: number;

  constructor(
    calibration: { runtimeHigh: number; loadHigh: number; runtimeLow: number; loadLow: number },
    private readonly chargeTime = 43200,
    private readonly idleLoad = 10,
  ) {
    this.exponent =
      Math.log(calibration.runtimeLow / calibration.runtimeHigh) /
      Math.log(calibration.loadHigh / calibration.loadLow);
    this.nominal = calibration.runtimeHigh * Math.pow(calibration.loadHigh / 100, this.exponent);
    this.remaining = this.nominal;
  }

  /** Moves the estimate on by `seconds` at `load` percent. */
  step(seconds: number, load: number, onBattery: boolean): { charge: number; runtime: number } {
    const factor = Math.pow(Math.max(load, this.idleLoad) / 100, this.exponent);
    if (onBattery) this.remaining = Math.max(0, this.remaining - factor * seconds);
    else
      this.remaining = Math.min(
        this.nominal,
        this.remaining + (this.nominal * seconds) / this.chargeTime,
      );
    return { charge: (100 * this.remaining) / this.nominal, runtime: this.remaining / factor };
  }
}
