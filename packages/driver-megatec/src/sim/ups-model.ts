/** The physics of the simulated UPS; {@link MegatecUps} puts the Megatec protocol on top. */
export interface ModelOptions {
  /** Simulated seconds per real second, so minute-long shutdown delays run in seconds. Default 1. */
  timeScale?: number;
  /** The real clock in ms (default Date.now); tests inject their own. */
  now?: () => number;
  /** Charge lost per simulated second on battery at 100 % load, in percent. Default 0.5. */
  drainPerSecond?: number;
  /** Charge regained per simulated second on line, in percent. Default 0.05. */
  rechargePerSecond?: number;
  /** Charge (percent) below which the UPS raises battery low. Default 20. */
  lowBattery?: number;
}

/** When the output comes back after a shutdown: minutes after mains are present, or never. */
export type Restore = { afterMinutes: number } | 'never';

const NOMINAL_INPUT = 230.4;
const QUICK_TEST_SECONDS = 10;

/**
 * Mains, load, a battery that drains with the load on battery (or during a self-test) and
 * recharges on line, self-tests, and the shutdown and restore timers, on a simulated clock
 * that runs `timeScale` times faster than the real one. Time is carried forward event by
 * event whenever the model is read or changed, so nothing runs in the background.
 */
export class UpsModel {
  /** Output and mains changes with the simulated time (s) they happened at. */
  readonly events: Array<{ at: number; what: string }> = [];
  protected readonly lowBattery: number;
  private simTime = 0;
  private lastReal: number;
  private readonly now: () => number;
  private readonly timeScale: number;
  private readonly drain: number;
  private readonly recharge: number;
  private power = { mains: true, inputVoltage: NOMINAL_INPUT, load: 23, charge: 100, output: true };
  private flags = { beeper: true, failed: false };
  private test: { until: number | 'low' } | undefined;
  private shutdown: { at: number; restore: Restore } | undefined;
  private off: { restore: Restore; at?: number } | undefined;

  constructor(options: ModelOptions = {}) {
    this.now = options.now ?? Date.now;
    this.timeScale = options.timeScale ?? 1;
    this.drain = options.drainPerSecond ?? 0.5;
    this.recharge = options.rechargePerSecond ?? 0.05;
    this.lowBattery = options.lowBattery ?? 20;
    this.lastReal = this.now();
  }

  get mains(): boolean {
    return this.read().mains;
  }
  set mains(on: boolean) {
    this.change(() => {
      if (on !== this.power.mains) this.note(on ? 'mains on' : 'mains off');
      this.power.mains = on;
      if (!on) this.test = undefined;
    });
  }
  /** Input voltage while mains are present (V); outside 215…245 the unit boosts or trims. */
  get inputVoltage(): number {
    return this.read().inputVoltage;
  }
  set inputVoltage(volts: number) {
    this.change(() => (this.power.inputVoltage = Math.min(300, Math.max(0, volts))));
  }
  /** Load in percent (0…200). */
  get load(): number {
    return this.read().load;
  }
  set load(percent: number) {
    this.change(() => (this.power.load = Math.min(200, Math.max(0, percent))));
  }
  /** Battery charge in percent (0…100). */
  get charge(): number {
    return this.read().charge;
  }
  set charge(percent: number) {
    this.change(() => (this.power.charge = Math.min(100, Math.max(0, percent))));
  }
  get outputOn(): boolean {
    return this.read().output;
  }
  /** The "UPS failed" bit (b4), as after a failed self-test. */
  get failed(): boolean {
    return this.flags.failed;
  }
  set failed(on: boolean) {
    this.flags.failed = on;
  }
  get beeper(): boolean {
    return this.flags.beeper;
  }
  get testing(): boolean {
    this.advance();
    return this.test !== undefined;
  }
  get shutdownPending(): boolean {
    this.advance();
    return this.shutdown !== undefined;
  }
  /** No output and no mains: the unit is off and its serial port dead. */
  get asleep(): boolean {
    const { output, mains } = this.read();
    return !output && !mains;
  }
  /** Running on the battery: mains gone, or a self-test. */
  get discharging(): boolean {
    this.advance();
    return this.dischargingNow();
  }
  /** Simulated seconds since the simulator started. */
  get time(): number {
    this.advance();
    return this.simTime;
  }

  toggleBeeper(): void {
    this.flags.beeper = !this.flags.beeper;
  }

  /** Starts a self-test of `minutes` (quick: 10 s; 'low': until battery low); only on line. */
  startTest(minutes: number | 'quick' | 'low'): void {
    this.change(() => {
      if (!this.power.mains || !this.power.output) return;
      const seconds =
        minutes === 'quick' ? QUICK_TEST_SECONDS : minutes === 'low' ? 0 : minutes * 60;
      this.test = { until: minutes === 'low' ? 'low' : this.simTime + seconds };
    });
  }

  stopTest(): void {
    this.change(() => (this.test = undefined));
  }

  /** Cuts the output after `minutes` (0 = now), then restores it as `restore` says. */
  scheduleShutdown(minutes: number, restore: Restore): void {
    this.change(() => (this.shutdown = { at: this.simTime + minutes * 60, restore }));
  }

  /** Cancels a pending shutdown and turns a switched-off output back on. */
  cancelShutdown(): void {
    this.change(() => {
      this.shutdown = undefined;
      if (!this.power.output) this.powerOutput(true);
    });
  }

  /** The model carried to the present. */
  protected read(): Readonly<typeof this.power> {
    this.advance();
    return this.power;
  }

  private change(apply: () => void): void {
    this.advance();
    apply();
    this.settle();
  }

  private note(what: string): void {
    this.events.push({ at: this.simTime, what });
    if (this.events.length > 1000) this.events.shift();
  }

  private dischargingNow(): boolean {
    return this.power.output && (!this.power.mains || this.test !== undefined);
  }

  /** Percent per simulated second while discharging (the load, at least 5 %). */
  private drainRate(): number {
    return (this.drain * Math.max(5, this.power.load)) / 100;
  }

  /** Simulated seconds until the next thing happens by itself. */
  private nextEvent(): number {
    const waits = [Infinity];
    if (this.shutdown) waits.push(this.shutdown.at - this.simTime);
    if (this.off?.at !== undefined) waits.push(this.off.at - this.simTime);
    if (this.test && this.test.until !== 'low') waits.push(this.test.until - this.simTime);
    const rate = this.drainRate();
    if (this.dischargingNow() && rate > 0) {
      waits.push(this.power.charge / rate);
      if (this.test?.until === 'low') waits.push((this.power.charge - this.lowBattery) / rate);
    }
    return Math.max(0, Math.min(...waits));
  }

  /** Runs the simulation up to the present, event by event. */
  private advance(): void {
    const now = this.now();
    let remaining = Math.max(0, ((now - this.lastReal) / 1000) * this.timeScale);
    this.lastReal = now;
    for (let guard = 0; remaining > 0 && guard < 10_000; guard++) {
      const step = Math.min(remaining, Math.max(this.nextEvent(), 1e-6));
      if (this.dischargingNow())
        this.power.charge = Math.max(0, this.power.charge - this.drainRate() * step);
      else if (this.power.mains)
        this.power.charge = Math.min(100, this.power.charge + this.recharge * step);
      this.simTime += step;
      remaining -= step;
      this.settle();
    }
  }

  /** Fires whatever is due at the current simulated time. */
  private settle(): void {
    const now = this.simTime + 1e-9;
    if (this.test) {
      const { until } = this.test;
      if (until === 'low' ? this.power.charge <= this.lowBattery : now >= until)
        this.test = undefined;
    }
    if (this.shutdown && now >= this.shutdown.at) {
      const { restore } = this.shutdown;
      this.shutdown = undefined;
      this.cutOutput(restore);
    }
    // An empty battery drops the load; like most units it starts again on mains.
    if (this.dischargingNow() && this.power.charge <= 0) this.cutOutput({ afterMinutes: 0 });
    if (this.off && this.off.restore !== 'never') {
      if (!this.power.mains) delete this.off.at;
      else {
        this.off.at ??= this.simTime + this.off.restore.afterMinutes * 60;
        if (now >= this.off.at) this.powerOutput(true);
      }
    }
  }

  private cutOutput(restore: Restore): void {
    this.test = undefined;
    if (this.power.output) this.powerOutput(false);
    this.off = { restore };
  }

  private powerOutput(on: boolean): void {
    this.power.output = on;
    if (on) this.off = undefined;
    this.note(on ? 'output on' : 'output off');
  }
}
