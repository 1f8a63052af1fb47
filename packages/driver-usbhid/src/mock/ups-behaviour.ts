/** What a fake UPS's state can be changed to from a test or a control line. */
export interface UpsChange {
  mains?: boolean;
  /** Percent, 0…100. */
  charge?: number;
  /** Percent of the rated power, 0…200. */
  load?: number;
  /** Volts at the input (0 when the mains are off). */
  inputVoltage?: number;
  /** A pulled cable: every transfer fails until it is plugged back. */
  unplugged?: boolean;
  replaceBattery?: boolean;
  /** A runtime calibration: the battery discharges while the mains are there (OL DISCHRG). */
  calibrating?: boolean;
  /** The UPS is too hot (an alarm). */
  overheat?: boolean;
}

/** The behaviour settings of one model: its ratings and how fast it drains. */
export interface UpsRatings {
  /** Nominal mains voltage and frequency. */
  voltage: number;
  frequency: number;
  /** Nominal battery voltage. */
  batteryVoltage: number;
  /** Seconds of runtime from a full battery at 20 % load. */
  fullRuntime: number;
  /** Percent per second the charger puts back. */
  rechargeRate: number;
}

/** A switchable outlet group: on or off, and its own delays in seconds (-1: none). */
export interface OutletGroup {
  on: boolean;
  shutdownDelay: number;
  startupDelay: number;
}

/** Seconds a self-test runs before it reports its result. */
const TEST_SECONDS = 8;

/**
 * The physics and timers behind a fake UPS, independent of any report layout: mains, battery
 * that drains with the load and recharges, output that a shutdown delay cuts and a startup
 * delay brings back, beeper, self-test. `tick()` moves time on; vendors' fake devices turn this
 * state into their own reports.
 */
export class UpsBehaviour {
  mains = true;
  charge = 100;
  load = 20;
  inputVoltage: number;
  outputOn = true;
  /** 1 disabled, 2 enabled, 3 muted (HID AudibleAlarmControl). */
  beeper = 2;
  /** HID Test result: 1 passed … 5 in progress, 6 no test initiated. */
  testResult = 6;
  /** Seconds left before the output is cut; -1 when no shutdown is pending. */
  shutdownDelay = -1;
  /** Seconds left before the output comes back (counted only with mains); -1: none. */
  startupDelay = -1;
  /** Seconds left before an off-then-on reboot; -1: none. */
  rebootDelay = -1;
  /** battery.charge.low, percent. */
  chargeLow = 10;
  /** battery.runtime.low, seconds. */
  runtimeLow = 120;
  chargeWarning = 50;
  transferLow: number;
  transferHigh: number;
  unplugged = false;
  replaceBattery = false;
  calibrating = false;
  overheat = false;
  /** Switchable outlet groups (Eaton's outlets 1 and 2): on or off, own delays (-1: none). */
  readonly outlets: readonly [OutletGroup, OutletGroup] = [
    { on: true, shutdownDelay: -1, startupDelay: -1 },
    { on: true, shutdownDelay: -1, startupDelay: -1 },
  ];
  private testLeft = 0;

  constructor(readonly ratings: UpsRatings) {
    this.inputVoltage = ratings.voltage;
    this.transferLow = Math.round(ratings.voltage * 0.8);
    this.transferHigh = Math.round(ratings.voltage * 1.15);
  }

  /** Seconds left on battery at the present charge and load. */
  get runtime(): number {
    if (!this.outputOn) return Math.round((this.ratings.fullRuntime * this.charge) / 100);
    const loadFactor = 20 / Math.max(this.load, 1);
    return Math.round(((this.ratings.fullRuntime * this.charge) / 100) * loadFactor);
  }

  /** The first switchable outlet group. */
  get outlet(): OutletGroup {
    return this.outlets[0];
  }

  get discharging(): boolean {
    return (!this.mains || this.calibrating) && this.outputOn;
  }

  get charging(): boolean {
    return this.mains && !this.calibrating && this.charge < 100;
  }

  get lowBattery(): boolean {
    return this.charge < this.chargeLow || (this.discharging && this.runtime < this.runtimeLow);
  }

  /** A shutdown is imminent: the output goes off within the next few seconds. */
  get shutdownImminent(): boolean {
    return this.shutdownDelay >= 0 && this.shutdownDelay <= 5;
  }

  get overload(): boolean {
    return this.load > 100;
  }

  /** Battery terminal voltage: a little above nominal when full, lower as it drains. */
  get batteryVoltage(): number {
    const { batteryVoltage } = this.ratings;
    const level = 0.9 + 0.2 * (this.charge / 100) + (this.charging ? 0.05 : 0);
    return Math.round(batteryVoltage * level * 100) / 100;
  }

  get lineVoltage(): number {
    return this.mains ? this.inputVoltage : 0;
  }

  get lineFrequency(): number {
    return this.mains ? this.ratings.frequency : 0;
  }

  get outputVoltage(): number {
    return this.outputOn ? this.ratings.voltage : 0;
  }

  apply(change: UpsChange): void {
    if (change.charge !== undefined) this.charge = Math.min(100, Math.max(0, change.charge));
    if (change.load !== undefined) this.load = Math.max(0, change.load);
    if (change.inputVoltage !== undefined) this.inputVoltage = change.inputVoltage;
    if (change.mains !== undefined) this.mains = change.mains;
    if (change.unplugged !== undefined) this.unplugged = change.unplugged;
    if (change.replaceBattery !== undefined) this.replaceBattery = change.replaceBattery;
    if (change.calibrating !== undefined) this.calibrating = change.calibrating;
    if (change.overheat !== undefined) this.overheat = change.overheat;
  }

  /** Starts a self-test (1 quick, 2 deep) or aborts one (3). */
  test(kind: number): void {
    if (kind === 3) {
      if (this.testLeft > 0) this.testResult = 4;
      this.testLeft = 0;
    } else if (kind === 1 || kind === 2) {
      this.testResult = 5;
      this.testLeft = kind === 1 ? TEST_SECONDS : TEST_SECONDS * 4;
    }
  }

  /** Moves time on by `seconds`: battery, timers, self-test. */
  tick(seconds: number): void {
    if (this.discharging) {
      // The runtime estimate is what the charge lasts at this load: drain at that pace.
      const perSecond = this.charge / Math.max(this.runtime, 1);
      this.charge = Math.max(0, this.charge - perSecond * seconds);
      if (this.charge === 0) this.outputOn = false;
    } else if (this.mains) {
      this.charge = Math.min(100, this.charge + this.ratings.rechargeRate * seconds);
    }
    this.charge = Math.round(this.charge * 1000) / 1000;
    if (this.shutdownDelay >= 0) {
      this.shutdownDelay = Math.max(0, this.shutdownDelay - seconds);
      if (this.shutdownDelay === 0) {
        this.shutdownDelay = -1;
        this.outputOn = false;
      }
    }
    if (this.rebootDelay >= 0) {
      this.rebootDelay = Math.max(0, this.rebootDelay - seconds);
      if (this.rebootDelay === 0) {
        this.rebootDelay = -1;
        this.outputOn = false;
        if (this.startupDelay < 0) this.startupDelay = 10;
      }
    }
    if (this.startupDelay >= 0 && this.mains && !this.outputOn) {
      this.startupDelay = Math.max(0, this.startupDelay - seconds);
      if (this.startupDelay === 0) {
        this.startupDelay = -1;
        this.outputOn = true;
      }
    }
    this.tickOutlet(seconds);
    if (this.testLeft > 0) {
      this.testLeft = Math.max(0, this.testLeft - seconds);
      if (this.testLeft === 0) this.testResult = this.replaceBattery ? 3 : 1;
    }
  }

  /** Delays of 0 act at once; others count down with `tick`. */
  tickOutlet(seconds: number): void {
    for (const outlet of this.outlets) {
      if (outlet.shutdownDelay >= 0) {
        outlet.shutdownDelay = Math.max(0, outlet.shutdownDelay - seconds);
        if (outlet.shutdownDelay === 0) [outlet.on, outlet.shutdownDelay] = [false, -1];
      }
      if (outlet.startupDelay >= 0) {
        outlet.startupDelay = Math.max(0, outlet.startupDelay - seconds);
        if (outlet.startupDelay === 0) [outlet.on, outlet.startupDelay] = [true, -1];
      }
    }
  }

  /** The state as plain data (control `status`). */
  snapshot(): Record<string, number | boolean> {
    return {
      mains: this.mains,
      charge: Math.round(this.charge),
      runtime: this.runtime,
      load: this.load,
      inputVoltage: this.lineVoltage,
      outputOn: this.outputOn,
      beeper: this.beeper,
      testResult: this.testResult,
      shutdownDelay: this.shutdownDelay,
      startupDelay: this.startupDelay,
      chargeLow: this.chargeLow,
      lowBattery: this.lowBattery,
      unplugged: this.unplugged,
      outletOn: this.outlets[0].on,
      outlet2On: this.outlets[1].on,
      calibrating: this.calibrating,
      overheat: this.overheat,
    };
  }
}
