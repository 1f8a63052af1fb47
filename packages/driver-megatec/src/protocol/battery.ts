/** Pack counts NUT tries, largest first (a reading can be per cell, per block or the total). */
const PACK_COUNTS = [120, 100, 80, 60, 48, 36, 30, 24, 18, 12, 8, 6, 4, 3, 2, 1, 0.5];

/**
 * How many reported units make the whole battery: the largest n with n·V ≤ 1.25·nominal;
 * undefined when even that gives less than 0.8·nominal (autodetection failed) or an input is
 * not a positive number.
 */
export function detectPacks(reported: number, nominal: number): number | undefined {
  if (!(reported > 0) || !(nominal > 0)) return undefined;
  const packs = PACK_COUNTS.find((n) => n * reported <= 1.25 * nominal);
  if (packs === undefined || packs * reported < 0.8 * nominal) return undefined;
  return packs;
}

/** Charge in percent from voltage: 100·(V − low)/(high − low), clamped to 0…100. */
export function chargeFromVoltage(voltage: number, low: number, high: number): number {
  if (!(high > low)) return 0;
  return Math.min(100, Math.max(0, (100 * (voltage - low)) / (high - low)));
}

/** NUT's guess for a nominal battery voltage: 10.4 V (empty) and 13.0 V (full) per 12 V block. */
export function defaultVoltageLimits(nominal: number): { low: number; high: number } {
  return { low: (104 * nominal) / 120, high: (130 * nominal) / 120 };
}

/**
 * `runtimecal = rh,lh,rl,ll`: runtime rh (s) at load lh (%), runtime rl (s) at load ll (%).
 * Valid when 0 < rh ≤ rl and 0 < ll ≤ lh ≤ 100.
 */
export interface RuntimeCalibration {
  runtimeHigh: number;
  loadHigh: number;
  runtimeLow: number;
  loadLow: number;
}

/**
 * The `runtimecal` estimate, as nutdrv_qx keeps it: a remaining runtime at full load that
 * falls on battery by the effective load and rises on line over `chargeTime`, capped at the
 * nominal runtime.
 */
export class RuntimeEstimate {
  /** Load exponent: runtime scales with load^-exponent. */
  readonly exponent: number;
  /** Runtime at 100 % load from a full battery, in seconds. */
  readonly nominal: number;
  private remaining: number;

  /**
   * @param initialCharge percent the estimate starts from (from the battery voltage)
   * @param chargeTime seconds from empty to full on line (NUT default 43200)
   * @param idleLoad floor of the effective load, percent (NUT default 10)
   */
  constructor(
    calibration: RuntimeCalibration,
    initialCharge: number,
    private readonly chargeTime = 43200,
    private readonly idleLoad = 10,
  ) {
    const { runtimeHigh, loadHigh, runtimeLow, loadLow } = calibration;
    this.exponent =
      loadHigh === loadLow ? 1 : Math.log(runtimeLow / runtimeHigh) / Math.log(loadHigh / loadLow);
    this.nominal = runtimeHigh * Math.pow(loadHigh / 100, this.exponent);
    this.remaining = (this.nominal * Math.min(100, Math.max(0, initialCharge))) / 100;
  }

  /**
   * Moves the estimate on by `seconds` spent at `load` percent, on battery or on line.
   * Returns the charge (percent) and the runtime at this load (seconds).
   */
  step(seconds: number, load: number, onBattery: boolean): { charge: number; runtime: number } {
    const factor = Math.max(Math.pow(Math.max(0, load) / 100, this.exponent), this.idleLoad / 100);
    const elapsed = Math.max(0, seconds);
    this.remaining = onBattery
      ? Math.max(0, this.remaining - factor * elapsed)
      : Math.min(this.nominal, this.remaining + (this.nominal * elapsed) / this.chargeTime);
    return { charge: (100 * this.remaining) / this.nominal, runtime: this.remaining / factor };
  }
}
